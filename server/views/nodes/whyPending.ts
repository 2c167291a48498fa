import type { KubeObject } from '../../kube/object.ts';
import { effectivePodRequests, type PodRequests } from '../../kube/effectivePodRequests.ts';
import { effectiveTaints, podMatchesNodeAffinity, tolerates, type Toleration } from '../../kube/schedulerFilters.ts';
import { latestFailedScheduling, type FailedScheduling } from './failedScheduling.ts';
import { nodeAllocation } from './nodeAllocation.ts';

export type PendingReasonKind = 'resources' | 'taint' | 'selector' | 'cordoned' | 'gated' | 'other';

/** One cause that keeps the pod off some nodes. */
export interface PendingReason {
  kind: PendingReasonKind;
  /** For `resources`: the resource (cpu, memory, nvidia.com/gpu, pods). */
  resource?: string;
  /** The nodes this cause rules out. */
  nodes: string[];
  /** For `other`: the scheduler's own words for a cause this view cannot check. */
  said?: string;
}

/** Why one node cannot take the pod; the SPA words it. */
export type NodeMisfit =
  | { code: 'cordoned' }
  | { code: 'untoleratedTaint'; taint: string }
  | { code: 'nodeSelector' }
  /** Not enough free of these resources; `pods` means the node is at its pod limit. */
  | { code: 'insufficient'; resources: string[] };

/** How one node looks to the pending pod. */
export interface NodeFit {
  node: string;
  fits: boolean;
  why?: NodeMisfit;
  /** Free vs allocatable per requested resource, in base units (cpu millicores, bytes). */
  free: Record<string, { free: number; allocatable: number }>;
}

/**
 * One statement of the explanation, in the order the page says them; the SPA words each in the
 * reader's language. Amounts are in base units (cpu millicores, bytes); `schedulerSaid`, `said`
 * and `message` are the scheduler's own words, shown verbatim.
 */
export type PendingStatement =
  | { code: 'scheduled'; node: string }
  | { code: 'gated'; gates: string[] }
  | { code: 'noNodes' }
  /** These nodes could take the pod; the scheduler has not placed it (yet). */
  | { code: 'nodesFit'; nodes: string[]; schedulerSaid?: string }
  /** No node has `wanted` of `resource` free; each node's free and allocatable amount. */
  | { code: 'insufficient'; resource: string; wanted: number; nodes: { node: string; free: number; allocatable: number }[] }
  /** No node can take another pod. */
  | { code: 'podLimit'; nodes: string[] }
  /** Nodes ruled out by cordons, taints or selectors; `others`: besides the nodes short of resources. */
  | { code: 'ruledOut'; others: boolean; nodes: { node: string; why: NodeMisfit }[] }
  /** A cause from the FailedScheduling event this view cannot check ("3 node(s) had volume node affinity conflict"). */
  | { code: 'schedulerAlso'; said: string }
  /** The event's message, when it names no cause this view can parse. */
  | { code: 'schedulerSays'; message: string };

export interface PendingExplanation {
  /** The pod waits for a node (not yet bound). */
  pending: boolean;
  /** What an operator can act on, as codes. */
  statements: PendingStatement[];
  reasons: PendingReason[];
  /** The pod's effective requests (cpu millicores, memory bytes). */
  requests: PodRequests;
  nodes: NodeFit[];
  /** The latest FailedScheduling event, parsed into its reason histogram. */
  event?: FailedScheduling;
}

function taintText(t: { key: string; value?: string; effect: string }): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/**
 * Why a pod is Pending, in the scheduler's own terms (its NodeResourcesFit, TaintToleration,
 * NodeAffinity and NodeUnschedulable filters): its effective requests
 * against each node's free allocatable (requests of bound, unfinished pods), then taints,
 * node selector / affinity and cordons, cross-checked with the FailedScheduling event.
 * The statements name the resource no node has enough of, with each node's free amount.
 */
export function whyPending(pod: Readonly<KubeObject>, events: Iterable<Readonly<KubeObject>>, nodes: Iterable<Readonly<KubeObject>>, pods: Iterable<Readonly<KubeObject>>): PendingExplanation {
  const requests = effectivePodRequests(pod.spec ?? {});
  const event = latestFailedScheduling(pod, events);
  const base = { requests, ...(event ? { event } : {}) };
  if (pod.spec?.nodeName) {
    return { ...base, pending: false, statements: [{ code: 'scheduled', node: pod.spec.nodeName }], reasons: [], nodes: [] };
  }
  const gates = ((pod.spec?.schedulingGates as { name: string }[] | undefined) ?? []).map((g) => g.name);
  if (gates.length) {
    return { ...base, pending: true, statements: [{ code: 'gated', gates }], reasons: [{ kind: 'gated', nodes: [] }], nodes: [] };
  }

  const allPods = [...pods];
  const tolerations = (pod.spec?.tolerations as Toleration[] | undefined) ?? [];
  const wanted = Object.entries(requests).filter(([, v]) => v > 0);
  const fits: NodeFit[] = [];
  const excluded = new Map<PendingReasonKind, { node: string; why: NodeMisfit }[]>();
  const shortOf = new Map<string, string[]>();
  const exclude = (kind: PendingReasonKind, node: string, why: NodeMisfit) => {
    excluded.set(kind, [...(excluded.get(kind) ?? []), { node, why }]);
    return why;
  };

  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const a = nodeAllocation(node, allPods);
    const free: NodeFit['free'] = {};
    const resource = (r: string) => (r === 'cpu' ? a.cpu : r === 'memory' ? a.memory : a.other[r]);
    for (const [r] of wanted) free[r] = { free: resource(r)?.free ?? 0, allocatable: resource(r)?.allocatable ?? 0 };
    let why: NodeMisfit | undefined;
    const taint = effectiveTaints(node).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t));
    if (node.spec?.unschedulable && !tolerates(tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) {
      why = exclude('cordoned', name, { code: 'cordoned' });
    } else if (taint) {
      why = exclude('taint', name, { code: 'untoleratedTaint', taint: taintText(taint) });
    } else if (!podMatchesNodeAffinity(pod, node)) {
      why = exclude('selector', name, { code: 'nodeSelector' });
    } else {
      const short: string[] = [];
      if (a.pods.count + 1 > a.pods.allocatable) short.push('pods');
      for (const [r, want] of wanted) if (want > free[r].free) short.push(r);
      for (const r of short) shortOf.set(r, [...(shortOf.get(r) ?? []), name]);
      if (short.length) why = { code: 'insufficient', resources: short };
    }
    fits.push({ node: name, fits: !why, ...(why ? { why } : {}), free });
  }

  const reasons: PendingReason[] = [];
  const statements: PendingStatement[] = [];
  for (const [r, shortNodes] of shortOf) reasons.push({ kind: 'resources', resource: r, nodes: shortNodes });
  for (const [kind, e] of excluded) reasons.push({ kind, nodes: e.map((x) => x.node) });

  const fitting = fits.filter((f) => f.fits);
  if (fits.length === 0) {
    statements.push({ code: 'noNodes' });
  } else if (fitting.length > 0) {
    statements.push({ code: 'nodesFit', nodes: fitting.map((f) => f.node), ...(event ? { schedulerSaid: event.message } : {}) });
  } else {
    for (const [r, shortNodes] of shortOf) {
      if (r === 'pods') {
        statements.push({ code: 'podLimit', nodes: shortNodes });
        continue;
      }
      const amounts = shortNodes.map((n) => {
        const f = fits.find((x) => x.node === n)?.free[r];
        return { node: n, free: Math.max(0, f?.free ?? 0), allocatable: f?.allocatable ?? 0 };
      });
      statements.push({ code: 'insufficient', resource: r, wanted: requests[r] ?? 0, nodes: amounts });
    }
    if (excluded.size) statements.push({ code: 'ruledOut', others: shortOf.size > 0, nodes: [...excluded.values()].flat() });
  }
  // Causes the event names that this view cannot see (unbound claims, pod affinity, ports, volumes).
  const explained = /Insufficient|untolerated taint|didn't match Pod's node affinity|were unschedulable|Too many pods/;
  for (const r of event?.reasons ?? []) {
    if (explained.test(r.reason)) continue;
    const said = `${r.count} ${r.reason}`;
    reasons.push({ kind: 'other', nodes: [], said });
    statements.push({ code: 'schedulerAlso', said });
  }
  if (event && !event.reasons.length && fitting.length === 0) {
    reasons.push({ kind: 'other', nodes: [], said: event.message });
    statements.push({ code: 'schedulerSays', message: event.message });
  }
  return { ...base, pending: true, statements, reasons, nodes: fits };
}
