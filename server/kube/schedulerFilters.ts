import type { KubeObject } from './object.ts';
import { effectivePodRequests, nonZeroPodRequests, type PodRequests } from './effectivePodRequests.ts';
import { nodeSelectorMatches, type NodeSelectorTerm } from './nodeSelector.ts';
import { cpuMillis, wholeUnits } from './quantity.ts';

/**
 * The default scheduler's filter plugins for one node, in the framework's order
 * (NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit): the first plugin
 * that rejects the node gives its reasons. Reasons are worded as the real plugins word them.
 */

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
}

/** What is already charged to a node: requests of pods bound to it that have not finished. */
export interface NodeUsage {
  requested: PodRequests;
  nonZero: { cpu: number; memory: number };
  pods: number;
}

export interface NodeRejection {
  reasons: string[];
  /** UnschedulableAndUnresolvable: preemption cannot help on this node. */
  unresolvable: boolean;
}

export function tolerates(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** Node taints plus the ones the node lifecycle controller puts on a node that is not Ready. */
export function effectiveTaints(node: Readonly<KubeObject>): Taint[] {
  const taints: Taint[] = [...((node.spec?.taints as Taint[] | undefined) ?? [])];
  const ready = ((node.status?.conditions as { type: string; status: string }[] | undefined) ?? []).find((c) => c.type === 'Ready');
  const extra = ready?.status === 'False' ? 'node.kubernetes.io/not-ready' : ready?.status === 'Unknown' ? 'node.kubernetes.io/unreachable' : undefined;
  if (extra && !taints.some((t) => t.key === extra && t.effect === 'NoSchedule')) taints.push({ key: extra, effect: 'NoSchedule' });
  return taints;
}

export function podMatchesNodeAffinity(pod: Readonly<KubeObject>, node: Readonly<KubeObject>): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries((pod.spec?.nodeSelector as Record<string, string> | undefined) ?? {})) {
    if (labels[k] !== v) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution as { nodeSelectorTerms?: NodeSelectorTerm[] } | undefined;
  if (required) return nodeSelectorMatches(required.nodeSelectorTerms, node);
  return true;
}

/** Allocatable per stored node object: a write stores a new object, so an entry never goes stale. */
const allocatableOf = new WeakMap<object, PodRequests>();

/** What the node offers to pods; callers must not modify the result. */
export function allocatable(node: Readonly<KubeObject>): PodRequests {
  let out = allocatableOf.get(node);
  if (!out) allocatableOf.set(node, (out = parseAllocatable(node)));
  return out;
}

function parseAllocatable(node: Readonly<KubeObject>): PodRequests {
  const a = (node.status?.allocatable ?? node.status?.capacity ?? {}) as Record<string, string>;
  const out: PodRequests = { cpu: cpuMillis(a.cpu), memory: wholeUnits(a.memory) };
  for (const [k, v] of Object.entries(a)) if (k !== 'cpu' && k !== 'memory') out[k] = wholeUnits(v);
  return out;
}

export function emptyUsage(): NodeUsage {
  return { requested: { cpu: 0, memory: 0 }, nonZero: { cpu: 0, memory: 0 }, pods: 0 };
}

export function addPodToUsage(usage: NodeUsage, pod: Readonly<KubeObject>): void {
  const r = effectivePodRequests(pod.spec ?? {});
  for (const [k, v] of Object.entries(r)) usage.requested[k] = (usage.requested[k] ?? 0) + v;
  const nz = nonZeroPodRequests(pod.spec ?? {});
  usage.nonZero.cpu += nz.cpu;
  usage.nonZero.memory += nz.memory;
  usage.pods += 1;
}

const TOO_MANY_PODS = 'Too many pods';

/** NodeResourcesFit: pod count first, then cpu, memory, ephemeral storage, extended resources. */
export function resourceFitReasons(podRequests: PodRequests, alloc: PodRequests, usage: NodeUsage): string[] {
  const reasons: string[] = [];
  if (usage.pods + 1 > (alloc.pods ?? 110)) reasons.push(TOO_MANY_PODS);
  const order = ['cpu', 'memory', 'ephemeral-storage', ...Object.keys(podRequests).filter((k) => !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(k)).sort()];
  for (const res of order) {
    const want = podRequests[res] ?? 0;
    if (want === 0) continue;
    if (want > (alloc[res] ?? 0) - (usage.requested[res] ?? 0)) reasons.push(`Insufficient ${res}`);
  }
  return reasons;
}

/** Run the node filters; undefined when the node fits. */
export function filterNode(pod: Readonly<KubeObject>, podRequests: PodRequests, node: Readonly<KubeObject>, usage: NodeUsage): NodeRejection | undefined {
  const tolerations = pod.spec?.tolerations as Toleration[] | undefined;
  if (node.spec?.unschedulable && !tolerates(tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) {
    return { reasons: ['node(s) were unschedulable'], unresolvable: true };
  }
  const untolerated = effectiveTaints(node).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t));
  if (untolerated) {
    return { reasons: [`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`], unresolvable: true };
  }
  if (!podMatchesNodeAffinity(pod, node)) {
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  }
  const reasons = resourceFitReasons(podRequests, allocatable(node), usage);
  if (reasons.length) return { reasons, unresolvable: false };
  return undefined;
}

/** NodeResourcesLeastAllocated + NodeResourcesBalancedAllocation, each 0-100, summed. */
export function scoreNode(pod: Readonly<KubeObject>, node: Readonly<KubeObject>, usage: NodeUsage, nz = nonZeroPodRequests(pod.spec ?? {})): number {
  const alloc = allocatable(node);
  const cpuReq = usage.nonZero.cpu + nz.cpu;
  const memReq = usage.nonZero.memory + nz.memory;
  const free = (req: number, cap: number) => (cap <= 0 || req > cap ? 0 : ((cap - req) * 100) / cap);
  const least = (free(cpuReq, alloc.cpu) + free(memReq, alloc.memory)) / 2;
  const cpuFrac = alloc.cpu > 0 ? Math.min(1, cpuReq / alloc.cpu) : 1;
  const memFrac = alloc.memory > 0 ? Math.min(1, memReq / alloc.memory) : 1;
  const balanced = (1 - Math.abs(cpuFrac - memFrac) / 2) * 100;
  return Math.floor(least) + Math.floor(balanced);
}

/** "2 Insufficient cpu" style histogram, sorted as the scheduler's FitError sorts it. */
export function reasonHistogram(counts: Map<string, number>): string[] {
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
}
