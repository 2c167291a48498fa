/**
 * The simulated kubelet of every node of the demo cluster. It runs the pods bound to a
 * node (spec.nodeName), writes their status, posts node heartbeats, and serves logs,
 * exec/attach and resource usage. Nothing runs on the host: processes are the shell
 * interpreter over a virtual filesystem.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KubeObject } from '../../kube/object.ts';
import type { StoreEvent } from '../api/store.ts';
import type { Controller, SimContext } from '../context.ts';
import type { StreamSessions } from './execSession.ts';
import type { PortForwards } from './portForward.ts';
import { serveLog } from './logEndpoint.ts';
import { nodeMetrics, podMetrics } from './metrics.ts';
import { heartbeat, hostIPOf } from './nodeStatus.ts';
import { PodRuntime, type PodHostEnv } from './podLifecycle.ts';
import { buildPodStatus } from './podStatus.ts';
import { adoptFinishedPod } from './adoptPod.ts';
import { DeferredWork, SLICE_MS } from './deferredWork.ts';
import { performance } from 'node:perf_hooks';
import { hasReason } from '../api/apiErrorReason.ts';
import { proxyToPod } from './podHttpProxy.ts';
import { serveNodeEndpoint } from './nodeEndpoints.ts';

export interface Kubelet extends Controller {
  /** GET /api/v1/namespaces/NS/pods/NAME/log (H1a has already checked the pod and container exist). */
  serveLog(req: IncomingMessage, res: ServerResponse, pod: KubeObject, query: URLSearchParams): void;
  /** websocket upgrade for pods/NAME/exec or attach; H1a has checked pod, container, GET + Upgrade. */
  serveStream(kind: 'exec' | 'attach', req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, query: URLSearchParams): void;
  /** pods/NAME/portforward upgrade (SPDY, SPDY in websocket, or channel websocket); H1a has checked the pod is on a node. */
  servePortForward(req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, query: URLSearchParams): void;
  podMetrics(pod: KubeObject): { name: string; usage: { cpu: string; memory: string } }[] | undefined;
  nodeMetrics(node: KubeObject): { cpu: string; memory: string } | undefined;
  /** Open exec/attach sessions (tests assert no leak). */
  activeSessions(): number;
  /** An HTTP request to a pod's port, as the API server's proxy dials it. */
  proxyToPod(req: IncomingMessage, res: ServerResponse, pod: KubeObject, port: number, target: string): void;
  /** The kubelet's own HTTP endpoints on a node (nodes/NAME/proxy/PATH). */
  serveNodeEndpoint(req: IncomingMessage, res: ServerResponse, node: KubeObject, target: string): void;
}

let streaming: Promise<{ StreamSessions: typeof StreamSessions; PortForwards: typeof PortForwards }> | undefined;

function loadStreaming(): Promise<{ StreamSessions: typeof StreamSessions; PortForwards: typeof PortForwards }> {
  streaming ??= Promise.all([import('./execSession.ts'), import('./portForward.ts')]).then(([exec, forward]) => ({ StreamSessions: exec.StreamSessions, PortForwards: forward.PortForwards }));
  return streaming;
}

/** Real kubelets post node status every 5 minutes when nothing changes. */
const NODE_STATUS_EVERY_MS = 300_000;

class SimKubelet implements Kubelet {
  readonly name = 'kubelet';
  private ctx?: SimContext;
  private readonly pods = new Map<string, PodRuntime>();
  private readonly dirty = new Set<PodRuntime>();
  private flushScheduled = false;
  private readonly cleanups: (() => void)[] = [];
  private readonly nodeIndex = new Map<string, number>();
  private readonly ipCounters = new Map<string, number>();
  /** Created at the first exec, attach or port-forward (see loadStreaming). */
  private streams?: StreamSessions;
  private portForwards?: PortForwards;
  private readonly env: PodHostEnv;
  private stopped = false;
  private readonly deferred = new DeferredWork();

  constructor() {
    const ctxOf = () => this.ctx!;
    this.env = {
      get ctx() {
        return ctxOf();
      },
      nodeImages: new Map(),
      scheduleStatus: (rt) => this.scheduleStatus(rt),
      finishDeletion: (rt) => this.finishDeletion(rt),
    };
  }

  start(ctx: SimContext): void {
    this.ctx = ctx;
    this.stopped = false;
    const { store, clock } = ctx;
    this.cleanups.push(store.subscribe((e) => this.defer(() => this.onPod(e)), 'pods'));
    this.cleanups.push(store.subscribe((e) => e.type === 'ADDED' && this.defer(() => this.syncNode(e.object.metadata.name!, false)), 'nodes'));
    this.cleanups.push(clock.every(NODE_STATUS_EVERY_MS, () => this.syncNodes(true)));
    this.defer(() => {
      this.syncNodes(true);
      for (const p of store.listRefs('pods')) this.onPod({ type: 'ADDED', rv: 0, resource: 'pods', object: p });
    });
  }

  stop(): void {
    this.stopped = true;
    for (const c of this.cleanups.splice(0)) c();
    this.deferred.clear();
    for (const rt of this.pods.values()) rt.dispose();
    this.pods.clear();
    this.dirty.clear();
    this.streams?.close();
    this.portForwards?.close();
    this.streams = undefined;
    this.portForwards = undefined;
  }

  /**
   * Runs `serve` with the exec/attach and port-forward servers, loading their code (websockets,
   * SPDY, the channel protocols) at the first session: a cluster nobody execs into never needs
   * it, and loading it at start-up delayed the API. The socket waits while it loads.
   */
  private withStreaming(socket: Duplex, serve: (streams: StreamSessions, portForwards: PortForwards) => void): void {
    void loadStreaming().then(
      ({ StreamSessions, PortForwards }) => {
        if (this.stopped) return socket.destroy();
        const streams = (this.streams ??= new StreamSessions());
        // Port-forward connections are counted and closed with the exec sessions.
        this.portForwards ??= new PortForwards(() => this.ctx!.store, (conn) => streams.track(conn));
        serve(streams, this.portForwards);
      },
      (err: unknown) => {
        console.error('[sim] kubelet: loading the streaming server failed', err);
        socket.destroy();
      },
    );
  }

  /** Never write inside a store listener. */
  private defer(fn: () => void): void {
    this.deferred.add(() => {
      if (!this.stopped) fn();
    });
  }

  private onPod(e: StoreEvent): void {
    const uid = e.object.metadata.uid ?? '';
    const existing = this.pods.get(uid);
    if (e.type === 'DELETED') {
      existing?.dispose();
      this.pods.delete(uid);
      this.portForwards?.podGone(uid);
      return;
    }
    // Work from the current object: the event may be stale by now. The stored object itself,
    // not a copy: runtimes only read it, and 10,000 private copies cost ~60 MB at --scale.
    const pod = this.ctx!.store.getRef('pods', e.object.metadata.namespace, e.object.metadata.name!) as KubeObject | undefined;
    if (!pod || pod.metadata.uid !== uid || !pod.spec?.nodeName) return;
    if (existing) {
      existing.pod = pod;
      existing.syncEphemeral();
    } else {
      const rt = this.createRuntime(pod);
      this.pods.set(uid, rt);
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') adoptFinishedPod(rt, pod);
      else rt.start();
    }
    const rt = this.pods.get(uid)!;
    if (pod.metadata.deletionTimestamp && !rt.deleting) {
      rt.beginDeletion(pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
    }
  }

  private createRuntime(pod: KubeObject): PodRuntime {
    const nodeName = pod.spec.nodeName as string;
    const index = this.indexOf(nodeName);
    const node = this.ctx!.store.get('nodes', undefined, nodeName);
    const hostIP = hostIPOf(node, index);
    const n = (this.ipCounters.get(nodeName) ?? 1) + 1;
    this.ipCounters.set(nodeName, n % 8000);
    const podIP = pod.spec.hostNetwork ? hostIP : (pod.status?.podIP ?? `10.244.${index * 32 + Math.floor(n / 254)}.${(n % 254) + 1}`);
    return new PodRuntime(this.env, pod, podIP, hostIP);
  }

  private indexOf(nodeName: string): number {
    let i = this.nodeIndex.get(nodeName);
    if (i === undefined) {
      i = this.nodeIndex.size;
      this.nodeIndex.set(nodeName, i);
    }
    return i;
  }

  private syncNodes(force: boolean): void {
    const names = this.ctx!.store.listRefs('nodes').map((n) => n.metadata.name!).sort();
    for (const name of names) this.indexOf(name);
    for (const name of names) this.syncNode(name, force);
  }

  private syncNode(name: string, force: boolean): void {
    const index = this.indexOf(name);
    const minor = this.ctx!.kubeMinor;
    try {
      this.ctx!.store.mutate('nodes', undefined, name, (n) => (heartbeat(n, index, minor, force) ? undefined : false), { statusOnly: true });
    } catch (err) {
      // mutate answers undefined when the node went away; a throw is a bug, logged because
      // heartbeats run on a timer, where it would take the whole demo cluster down.
      console.error(`[sim] kubelet: heartbeat of node ${name} failed`, err);
    }
  }

  private scheduleStatus(rt: PodRuntime): void {
    this.dirty.add(rt);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.stopped) return;
      const batch = [...this.dirty];
      const deadline = performance.now() + SLICE_MS;
      for (const p of batch) {
        // Pods left over stay dirty for the next turn, so requests are answered in between.
        if (performance.now() > deadline) break;
        this.dirty.delete(p);
        this.writeStatus(p);
      }
      if (this.dirty.size) this.scheduleStatus(this.dirty.values().next().value!);
    });
  }

  private writeStatus(rt: PodRuntime): void {
    if (this.pods.get(rt.uid) !== rt || rt.frozen) return;
    try {
      this.ctx!.store.mutate('pods', rt.namespace, rt.name, (p) => {
        if (p.metadata.uid !== rt.uid) return false;
        p.status = buildPodStatus(rt, p.status);
      }, { statusOnly: true });
    } catch (err) {
      // A pod deleted meanwhile makes mutate answer undefined (the DELETED event disposes the
      // runtime); a throw is a bug, logged because status writes run on a timer.
      console.error(`[sim] kubelet: status of pod ${rt.namespace}/${rt.name} failed`, err);
    }
  }

  private finishDeletion(rt: PodRuntime): void {
    this.writeStatus(rt);
    try {
      this.ctx!.store.delete('pods', rt.namespace, rt.name, { preconditions: { uid: rt.uid } });
    } catch (err) {
      // Already gone, or a new pod of the same name (the uid precondition).
      if (!hasReason(err, 'NotFound', 'Conflict')) console.error(`[sim] kubelet: removing pod ${rt.namespace}/${rt.name} failed`, err);
    }
  }

  serveLog(_req: IncomingMessage, res: ServerResponse, pod: KubeObject, query: URLSearchParams): void {
    serveLog(res, pod, this.pods.get(pod.metadata.uid ?? ''), query);
  }

  serveStream(kind: 'exec' | 'attach', req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, query: URLSearchParams): void {
    this.withStreaming(socket, (streams) => streams.serve(kind, req, socket, head, this.pods.get(pod.metadata.uid ?? ''), query));
  }

  servePortForward(req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, query: URLSearchParams): void {
    this.withStreaming(socket, (_, portForwards) => portForwards.serve(req, socket, head, pod, query));
  }

  podMetrics(pod: KubeObject): { name: string; usage: { cpu: string; memory: string } }[] | undefined {
    return podMetrics(this.pods.get(pod.metadata.uid ?? ''));
  }

  nodeMetrics(node: KubeObject): { cpu: string; memory: string } | undefined {
    return nodeMetrics(node, this.pods.values());
  }

  activeSessions(): number {
    return this.streams?.count ?? 0;
  }

  proxyToPod(req: IncomingMessage, res: ServerResponse, pod: KubeObject, port: number, target: string): void {
    proxyToPod(this.ctx!.store, req, res, pod, port, target);
  }

  serveNodeEndpoint(_req: IncomingMessage, res: ServerResponse, node: KubeObject, target: string): void {
    const name = node.metadata.name;
    const pods = this.ctx!.store.listRefs('pods').filter((p) => p.spec?.nodeName === name);
    const runtimes = [...this.pods.values()].filter((rt) => rt.nodeName === name);
    serveNodeEndpoint(res, { node, pods, runtimes, kubeMinor: this.ctx!.kubeMinor }, target);
  }
}

export function createKubelet(): Kubelet {
  return new SimKubelet();
}
