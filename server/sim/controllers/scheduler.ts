import { rfc3339, type KubeObject } from '../../kube/object.ts';
import type { StoreEvent } from '../api/store.ts';
import type { Controller, SimContext } from '../context.ts';
import { effectivePodRequests, nonZeroPodRequests } from '../../kube/effectivePodRequests.ts';
import { setCondition, type Condition } from './podConditions.ts';
import { addPodToUsage, emptyUsage, filterNode, reasonHistogram, scoreNode, type NodeUsage } from '../../kube/schedulerFilters.ts';
import { copyUsage, NodeUsageTracker } from './schedulerUsage.ts';
import { bindPodVolumes, podClaimsBound, unreservePodVolumes, volumeFilter, volumePreFilter, type ClaimAssignment } from './schedulerVolumes.ts';
import { WorkQueue } from './workqueue.ts';

const COMPONENT = 'default-scheduler';
/** Unschedulable pods are retried at least this often even without a cluster event (podMaxInUnschedulablePodsDuration). */
const FLUSH_MS = 5 * 60_000;
/** How long the binding cycle waits for volumes to bind (bindTimeoutSeconds). */
const BIND_TIMEOUT_MS = 600_000;

function podKey(o: Readonly<KubeObject>): string {
  return `${o.metadata.namespace}/${o.metadata.name}`;
}

function finished(pod: Readonly<KubeObject>): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Pods this scheduler owns: not yet bound, asking for default-scheduler, not going away. */
export function needsScheduling(pod: Readonly<KubeObject>): boolean {
  return !pod.spec?.nodeName && (pod.spec?.schedulerName ?? COMPONENT) === COMPONENT && !pod.metadata.deletionTimestamp && !finished(pod);
}

/** What a node update must change for unschedulable pods to be worth another try. */
function nodeSignature(n: Readonly<KubeObject>): string {
  const ready = ((n.status?.conditions as Condition[] | undefined) ?? []).find((c) => c.type === 'Ready')?.status;
  return JSON.stringify([n.metadata.labels, n.spec?.taints, n.spec?.unschedulable, n.status?.allocatable, ready]);
}

/** kube-scheduler: binds pending pods to nodes, or explains with FailedScheduling why none fits. */
export function schedulerController(): Controller {
  let queue: WorkQueue | undefined;
  const stops: (() => void)[] = [];
  /** Unschedulable pods: attempts so far and the spec they were judged on. */
  const unschedulable = new Map<string, { attempts: number; spec: string }>();
  /** Pods assumed on a node while their volumes bind. */
  const waiting = new Map<string, { node: string; since: number }>();
  const nodeSigs = new Map<string, string>();
  const tracker = new NodeUsageTracker();
  let roundRobin = 0;

  const retryUnschedulable = () => {
    for (const [key, u] of unschedulable) queue?.addAfter(key, Math.min(10_000, 1000 * 2 ** (u.attempts - 1)));
    for (const key of waiting.keys()) queue?.add(key);
  };

  const onPod = (e: StoreEvent) => {
    const pod = e.object;
    const key = podKey(pod);
    if (e.type === 'DELETED') {
      unschedulable.delete(key);
      waiting.delete(key);
      if (pod.spec?.nodeName) retryUnschedulable();
      return;
    }
    if (needsScheduling(pod)) {
      const known = unschedulable.get(key);
      if (!known || known.spec !== JSON.stringify(pod.spec)) queue?.add(key);
      return;
    }
    if (pod.spec?.nodeName && (finished(pod) || pod.metadata.deletionTimestamp)) retryUnschedulable();
  };

  const onNode = (e: StoreEvent) => {
    const name = e.object.metadata.name ?? '';
    const sig = e.type === 'DELETED' ? '' : nodeSignature(e.object);
    if (nodeSigs.get(name) === sig) return;
    if (e.type === 'DELETED') nodeSigs.delete(name);
    else nodeSigs.set(name, sig);
    retryUnschedulable();
  };

  /** Usage per node: bound pods (tracked incrementally) plus pods assumed while their volumes bind, except `except`. */
  function usageByNode(c: SimContext, except: string): (node: string) => NodeUsage {
    const assumed = new Map<string, NodeUsage>();
    for (const [key, w] of waiting) {
      if (key === except) continue;
      const [ns, name] = key.split('/');
      const p = c.store.get('pods', ns, name);
      if (!p) continue;
      let u = assumed.get(w.node);
      if (!u) assumed.set(w.node, (u = copyUsage(tracker.usage(w.node))));
      addPodToUsage(u, p);
    }
    return (node) => assumed.get(node) ?? tracker.usage(node) ?? emptyUsage();
  }

  function writeCondition(c: SimContext, pod: Readonly<KubeObject>, cond: Condition): void {
    c.store.mutate(
      'pods',
      pod.metadata.namespace,
      pod.metadata.name ?? '',
      (p) => {
        p.status ??= { phase: 'Pending' };
        p.status.conditions ??= [];
        return setCondition(p.status.conditions as Condition[], cond) ? undefined : false;
      },
      { statusOnly: true },
    );
  }

  function fail(c: SimContext, pod: Readonly<KubeObject>, message: string): void {
    const key = podKey(pod);
    // Remember first: the status write below echoes back through onPod.
    unschedulable.set(key, { attempts: (unschedulable.get(key)?.attempts ?? 0) + 1, spec: JSON.stringify(pod.spec) });
    writeCondition(c, pod, { type: 'PodScheduled', status: 'False', lastProbeTime: null, reason: 'Unschedulable', message });
    c.events.record(pod, 'Warning', 'FailedScheduling', message, COMPONENT);
  }

  function bind(c: SimContext, pod: Readonly<KubeObject>, nodeName: string): void {
    const key = podKey(pod);
    unschedulable.delete(key);
    waiting.delete(key);
    const bound = c.store.mutate('pods', pod.metadata.namespace, pod.metadata.name ?? '', (p) => {
      if (p.spec?.nodeName) return false;
      p.spec.nodeName = nodeName;
      p.status ??= { phase: 'Pending' };
      p.status.conditions ??= [];
      setCondition(p.status.conditions as Condition[], { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339() });
    });
    if (bound?.spec?.nodeName === nodeName) c.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${key} to ${nodeName}`, COMPONENT);
  }

  function schedule(c: SimContext, key: string): void {
    const [ns, name] = key.split('/');
    const pod = c.store.get('pods', ns, name);
    if (!pod || !needsScheduling(pod)) {
      unschedulable.delete(key);
      waiting.delete(key);
      return;
    }
    if ((pod.spec?.schedulingGates as unknown[] | undefined)?.length) {
      writeCondition(c, pod, { type: 'PodScheduled', status: 'False', lastProbeTime: null, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' });
      return;
    }
    const w = waiting.get(key);
    if (w) {
      if (podClaimsBound(c.store, pod)) bind(c, pod, w.node);
      else if ((Date.now() - w.since) * c.clock.speed > BIND_TIMEOUT_MS) {
        waiting.delete(key);
        unreservePodVolumes(c.store, pod);
        fail(c, pod, 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded');
      } else queue?.addAfter(key, 5000);
      return;
    }

    const nodes = c.store.listRefs('nodes');
    if (nodes.length === 0) return fail(c, pod, 'no nodes available to schedule pods');
    const total = nodes.length;
    const vols = volumePreFilter(c.store, pod);
    if (vols.error) {
      return fail(c, pod, `0/${total} nodes are available: ${vols.error}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`);
    }

    const usage = usageByNode(c, key);
    const requests = effectivePodRequests(pod.spec ?? {});
    const nonZero = nonZeroPodRequests(pod.spec ?? {});
    const reasons = new Map<string, number>();
    const preemption = new Map<string, number>();
    const feasible: { node: Readonly<KubeObject>; assignments: ClaimAssignment[]; score: number }[] = [];
    const count = (m: Map<string, number>, r: string) => m.set(r, (m.get(r) ?? 0) + 1);
    for (const node of nodes) {
      const u = usage(node.metadata.name ?? '');
      let rejection = filterNode(pod, requests, node, u);
      let assignments: ClaimAssignment[] = [];
      if (!rejection) {
        const v = volumeFilter(c.store, vols, node);
        if ('reason' in v) rejection = { reasons: [v.reason], unresolvable: true };
        else assignments = v.assignments;
      }
      if (!rejection) {
        feasible.push({ node, assignments, score: scoreNode(pod, node, u, nonZero) });
        continue;
      }
      for (const r of rejection.reasons) count(reasons, r);
      // No victims: the demo cluster does not preempt lower-priority pods.
      count(preemption, rejection.unresolvable ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod');
    }

    if (feasible.length === 0) {
      const post =
        pod.spec?.preemptionPolicy === 'Never'
          ? 'preemption: not eligible due to preemptionPolicy=Never.'
          : `preemption: 0/${total} nodes are available: ${reasonHistogram(preemption).join(', ')}.`;
      return fail(c, pod, `0/${total} nodes are available: ${reasonHistogram(reasons).join(', ')}. ${post}`);
    }
    const best = Math.max(...feasible.map((f) => f.score));
    const top = feasible.filter((f) => f.score === best);
    const chosen = top[roundRobin++ % top.length];
    const nodeName = chosen.node.metadata.name ?? '';
    if (chosen.assignments.length) {
      bindPodVolumes(c.store, chosen.assignments, nodeName);
      if (!podClaimsBound(c.store, pod)) {
        unschedulable.delete(key);
        waiting.set(key, { node: nodeName, since: Date.now() });
        queue?.addAfter(key, 5000);
        return;
      }
    }
    bind(c, pod, nodeName);
  }

  return {
    name: 'scheduler',
    start(c: SimContext) {
      queue = new WorkQueue(c.clock, (key) => schedule(c, key));
      stops.push(c.store.subscribe((e) => tracker.observe(e), 'pods'));
      stops.push(c.store.subscribe(onPod, 'pods'));
      stops.push(c.store.subscribe(onNode, 'nodes'));
      for (const r of ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses.storage.k8s.io']) stops.push(c.store.subscribe(retryUnschedulable, r));
      stops.push(c.clock.every(FLUSH_MS, () => unschedulable.forEach((_, key) => queue?.add(key))));
      for (const n of c.store.listRefs('nodes')) nodeSigs.set(n.metadata.name ?? '', nodeSignature(n));
      for (const p of c.store.listRefs('pods')) {
        tracker.observe({ type: 'ADDED', object: p });
        if (needsScheduling(p)) queue.add(podKey(p));
      }
    },
    stop() {
      for (const s of stops.splice(0)) s();
      queue?.stop();
      queue = undefined;
      unschedulable.clear();
      waiting.clear();
      tracker.clear();
    },
  };
}
