/**
 * One pod on its node, as the kubelet drives it: sandbox, init containers in order,
 * then the app containers; restarts per restartPolicy; activeDeadlineSeconds; graceful
 * termination when the pod is deleted. Status is written (coalesced) by the kubelet
 * through `changed()`.
 */
import type { KubeObject } from '../../kube/object.ts';
import { Timers, type Clock, type EventType, type SimContext } from '../context.ts';
import type { Store } from '../api/store.ts';
import { ContainerHost, type HostPod } from './containerHost.ts';
import type { ContainerSpec } from './containerFs.ts';
import { ContainerRuntime, type ContainerInstance, type ContainerPod } from './containerRuntime.ts';
import type { ShellHost } from './shell/io.ts';
import { servedPorts } from './probes.ts';
import type { DirNode } from './shell/vfs.ts';

export interface PodHostEnv {
  ctx: SimContext;
  /** Images already pulled, per node. */
  nodeImages: Map<string, Set<string>>;
  scheduleStatus(pod: PodRuntime): void;
  /** Remove the pod from the store once its containers stopped. */
  finishDeletion(pod: PodRuntime): void;
}

export class PodRuntime implements HostPod, ContainerPod {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  readonly nodeName: string;
  pod: KubeObject;
  readonly initContainers: ContainerRuntime[];
  readonly containers: ContainerRuntime[];
  /** Debug containers added through pods/ephemeralcontainers, started as they appear in the spec. */
  readonly ephemeralContainers: ContainerRuntime[] = [];
  startTime = new Date();
  sandboxReady = false;
  initialized: boolean;
  /** Set when the kubelet itself failed the pod (deadline). */
  failure?: { reason: string; message: string };
  deleting = false;
  /** A pod that had already finished when the kubelet first saw it (seeded history): its status is left alone. */
  frozen = false;
  readonly transitions = new Map<string, { status: string; at: string }>();
  private readonly timers: Timers;
  readonly emptyDirs = new Map<string, DirNode>();
  private pids = 7;
  private readonly processTable = new Map<number, string>();

  constructor(
    private readonly env: PodHostEnv,
    pod: KubeObject,
    readonly podIP: string,
    readonly hostIP: string,
  ) {
    this.pod = pod;
    this.uid = pod.metadata.uid ?? '';
    this.name = pod.metadata.name ?? '';
    this.namespace = pod.metadata.namespace ?? 'default';
    this.nodeName = pod.spec?.nodeName ?? '';
    this.timers = new Timers(env.ctx.clock);
    const init = (pod.spec?.initContainers ?? []) as ContainerSpec[];
    this.initContainers = init.map((c) => new ContainerRuntime(this, c, true));
    this.containers = ((pod.spec?.containers ?? []) as ContainerSpec[]).map((c) => new ContainerRuntime(this, c, false));
    this.initialized = init.length === 0;
  }

  get clock(): Clock {
    return this.env.ctx.clock;
  }

  /** Containers share the pod's network namespace: a port is served if any running container listens on it. */
  serves(port: number): 'http' | 'tcp' | undefined {
    for (const c of this.containers) {
      if (!c.running) continue;
      const p = servedPorts(c.spec, c.image?.repository)[port];
      if (p) return p;
    }
    return undefined;
  }

  get hasInitContainers(): boolean {
    return (this.pod.spec?.initContainers ?? []).length > 0;
  }

  get restartPolicy(): 'Always' | 'OnFailure' | 'Never' {
    return this.pod.spec?.restartPolicy ?? 'Always';
  }

  container(name: string): ContainerRuntime | undefined {
    return this.containers.find((c) => c.name === name) ?? this.initContainers.find((c) => c.name === name) ?? this.ephemeralContainers.find((c) => c.name === name);
  }

  /**
   * Starts the ephemeral containers the spec gained (the kubelet's SyncPod starts each one once,
   * in a pod that is still running; they are never restarted).
   */
  syncEphemeral(): void {
    const specs = (this.pod.spec?.ephemeralContainers ?? []) as ContainerSpec[];
    for (const spec of specs) {
      if (this.ephemeralContainers.some((c) => c.name === spec.name)) continue;
      const c = new ContainerRuntime(this, spec, false, true);
      this.ephemeralContainers.push(c);
      const phase = this.phase();
      if (!this.deleting && !this.failure && phase !== 'Succeeded' && phase !== 'Failed') c.start();
      else this.changed();
    }
  }

  start(): void {
    this.changed();
    const deadline = this.pod.spec?.activeDeadlineSeconds;
    if (typeof deadline === 'number') this.timers.after(deadline * 1000, () => this.deadlineExceeded());
    this.timers.after(500, () => {
      this.sandboxReady = true;
      this.changed();
      this.runNextInit();
    });
  }

  private runNextInit(): void {
    if (this.deleting || this.failure) return;
    const next = this.initContainers.find((c) => c.exitCode !== 0);
    if (next) {
      if (!next.current && !next.running) next.start();
      return;
    }
    this.initialized = true;
    for (const c of this.containers) c.start();
  }

  containerExited(c: ContainerRuntime): void {
    if (this.deleting || this.failure || c.ephemeral) return;
    const code = c.exitCode ?? 1;
    const policy = this.restartPolicy;
    if (c.init) {
      if (code === 0) this.runNextInit();
      else if (policy !== 'Never') c.restart();
      return;
    }
    if (policy === 'Always' || (policy === 'OnFailure' && code !== 0)) c.restart();
  }

  private deadlineExceeded(): void {
    if (this.deleting) return;
    const phase = this.phase();
    if (phase === 'Succeeded' || phase === 'Failed') return;
    this.failure = { reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' };
    this.event('Warning', 'DeadlineExceeded', this.failure.message);
    for (const c of [...this.initContainers, ...this.containers, ...this.ephemeralContainers]) {
      if (c.running) this.event('Normal', 'Killing', `Stopping container ${c.name}`);
      c.kill(137);
    }
    this.changed();
  }

  /** The pod was deleted gracefully: stop the containers, then let it go. */
  beginDeletion(graceSeconds: number): void {
    if (this.deleting) return;
    this.deleting = true;
    for (const c of [...this.initContainers, ...this.containers, ...this.ephemeralContainers]) {
      if (c.running) this.event('Normal', 'Killing', `Stopping container ${c.name}`);
      c.kill();
    }
    this.changed();
    this.timers.after(Math.min(graceSeconds * 1000, 1500), () => this.env.finishDeletion(this));
  }

  dispose(): void {
    this.timers.stop();
    for (const c of [...this.initContainers, ...this.containers, ...this.ephemeralContainers]) c.dispose();
  }

  changed(): void {
    this.env.scheduleStatus(this);
  }

  event(type: EventType, reason: string, message: string): void {
    this.env.ctx.events.record(this.pod, type, reason, message, 'kubelet', this.nodeName);
  }

  imagePresent(image: string): boolean {
    return this.env.nodeImages.get(this.nodeName)?.has(image) ?? false;
  }

  markImagePresent(image: string): void {
    let set = this.env.nodeImages.get(this.nodeName);
    if (!set) this.env.nodeImages.set(this.nodeName, (set = new Set()));
    set.add(image);
  }

  /** The container as seen from inside: its files (built on first use) and processes. */
  hostFor(c: ContainerRuntime, instance: ContainerInstance): ShellHost {
    return (instance.host ??= new ContainerHost(this, c.spec, c.image!));
  }

  get store(): Store {
    return this.env.ctx.store;
  }

  podWithIP(): KubeObject {
    return { ...this.pod, status: { ...this.pod.status, podIP: this.podIP, hostIP: this.hostIP } };
  }

  nextPid(): number {
    return this.pids++;
  }

  addProcess(command: string): number {
    const pid = this.pids++;
    this.processTable.set(pid, command);
    return pid;
  }

  removeProcess(pid: number): void {
    this.processTable.delete(pid);
  }

  get execProcesses(): ReadonlyMap<number, string> {
    return this.processTable;
  }

  /** The pod phase by the kubelet's rules (getPhase). */
  phase(): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
    if (this.frozen) return this.pod.status?.phase ?? 'Succeeded';
    if (this.failure) return 'Failed';
    if (!this.initialized) {
      const failedInit = this.initContainers.some((c) => c.terminated && c.exitCode !== 0);
      return failedInit && this.restartPolicy === 'Never' ? 'Failed' : 'Pending';
    }
    let waiting = 0;
    let running = 0;
    let stopped = 0;
    let succeeded = 0;
    for (const c of this.containers) {
      if (c.running) running++;
      else if (c.terminated) {
        stopped++;
        if (c.exitCode === 0) succeeded++;
      } else if ('terminated' in c.lastState) stopped++;
      else waiting++;
    }
    if (waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped > 0) {
      if (this.deleting) return succeeded === stopped ? 'Succeeded' : 'Failed';
      if (this.restartPolicy === 'Always') return 'Running';
      if (stopped === succeeded) return 'Succeeded';
      return this.restartPolicy === 'Never' ? 'Failed' : 'Running';
    }
    return 'Pending';
  }
}
