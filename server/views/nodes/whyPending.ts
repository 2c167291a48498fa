import type { KubeObject } from '../../sim/api/object.ts';
import { effectivePodRequests, type PodRequests } from '../../sim/controllers/effectivePodRequests.ts';
import { effectiveTaints, podMatchesNodeAffinity, tolerates, type Toleration } from '../../sim/controllers/schedulerFilters.ts';
import { nodeAllocation } from './nodeAllocation.ts';
import { amountText } from './quantityText.ts';

export type PendingReasonKind = 'resources' | 'taint' | 'selector' | 'cordoned' | 'gated' | 'other';

/** One cause that keeps the pod off some nodes. */
export interface PendingReason {
  kind: PendingReasonKind;
  /** For `resources`: the resource (cpu, memory, nvidia.com/gpu, pods). */
  resource?: string;
  /** The nodes this cause rules out. */
  nodes: string[];
  message: string;
}

/** How one node looks to the pending pod. */
export interface NodeFit {
  node: string;
  fits: boolean;
  /** Why it does not fit, worded for people. */
  why?: string;
  /** Free vs allocatable per requested resource, in base units (cpu millicores, bytes). */
  free: Record<string, { free: number; allocatable: number }>;
}

export interface PendingExplanation {
  /** The pod waits for a node (not yet bound). */
  pending: boolean;
  /** One or two sentences an operator can act on. */
  sentence: string;
  reasons: PendingReason[];
  /** The pod's effective requests (cpu millicores, memory bytes). */
  requests: PodRequests;
  nodes: NodeFit[];
  /** The latest FailedScheduling event, parsed into its reason histogram. */
  event?: { message: string; count: number; lastSeen?: string; reasons: { count: number; reason: string }[] };
}

interface EventShape {
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject?: { uid?: string; name?: string; namespace?: string; kind?: string };
  regarding?: { uid?: string; name?: string; namespace?: string; kind?: string };
  note?: string;
}

/** "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: ..." */
export function parseFailedScheduling(message: string): { count: number; reason: string }[] {
  const m = /nodes are available: (.*?)(?:\. preemption:|\.$|$)/s.exec(message);
  if (!m) return [];
  return m[1]
    .split(/, (?=\d+ )/)
    .map((part) => /^(\d+) (.*)$/.exec(part.trim()))
    .filter((x): x is RegExpExecArray => !!x)
    .map((x) => ({ count: Number(x[1]), reason: x[2].replace(/\.$/, '') }));
}

function latestFailedScheduling(pod: Readonly<KubeObject>, events: Iterable<Readonly<KubeObject>>): PendingExplanation['event'] {
  let best: { e: EventShape; at: number } | undefined;
  for (const obj of events) {
    const e = obj as unknown as EventShape;
    if (e.reason !== 'FailedScheduling') continue;
    const about = e.involvedObject ?? e.regarding;
    const same = about?.uid ? about.uid === pod.metadata.uid : about?.name === pod.metadata.name && about?.namespace === pod.metadata.namespace;
    if (!same) continue;
    const at = Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? '') || 0;
    if (!best || at >= best.at) best = { e, at };
  }
  if (!best) return undefined;
  const message = best.e.message ?? best.e.note ?? '';
  const lastSeen = best.e.series?.lastObservedTime ?? best.e.lastTimestamp ?? best.e.eventTime;
  return { message, count: best.e.series?.count ?? best.e.count ?? 1, ...(lastSeen ? { lastSeen } : {}), reasons: parseFailedScheduling(message) };
}

function taintText(t: { key: string; value?: string; effect: string }): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

const RESOURCE_NAMES: Record<string, string> = { cpu: 'CPU', memory: 'memory', 'ephemeral-storage': 'ephemeral storage' };

/**
 * Why a pod is Pending, in the scheduler's own terms (SEED-DIGEST §5): its effective requests
 * against each node's free allocatable (requests of bound, unfinished pods), then taints,
 * node selector / affinity and cordons, cross-checked with the FailedScheduling event.
 * The sentence names the resource no node has enough of, with each node's free amount.
 */
export function whyPending(pod: Readonly<KubeObject>, events: Iterable<Readonly<KubeObject>>, nodes: Iterable<Readonly<KubeObject>>, pods: Iterable<Readonly<KubeObject>>): PendingExplanation {
  const requests = effectivePodRequests(pod.spec ?? {});
  const event = latestFailedScheduling(pod, events);
  const base = { requests, ...(event ? { event } : {}) };
  if (pod.spec?.nodeName) {
    return { ...base, pending: false, sentence: `The pod is scheduled on ${pod.spec.nodeName}.`, reasons: [], nodes: [] };
  }
  const gates = (pod.spec?.schedulingGates as { name: string }[] | undefined) ?? [];
  if (gates.length) {
    const sentence = `Scheduling is blocked by the gate(s) ${gates.map((g) => g.name).join(', ')}; the scheduler ignores the pod until they are removed.`;
    return { ...base, pending: true, sentence, reasons: [{ kind: 'gated', nodes: [], message: sentence }], nodes: [] };
  }

  const allPods = [...pods];
  const tolerations = (pod.spec?.tolerations as Toleration[] | undefined) ?? [];
  const wanted = Object.entries(requests).filter(([, v]) => v > 0);
  const fits: NodeFit[] = [];
  const excluded = new Map<PendingReasonKind, { nodes: string[]; texts: string[] }>();
  const shortOf = new Map<string, string[]>();
  const exclude = (kind: PendingReasonKind, node: string, text: string) => {
    const entry = excluded.get(kind) ?? { nodes: [], texts: [] };
    entry.nodes.push(node);
    entry.texts.push(text);
    excluded.set(kind, entry);
    return text;
  };

  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const a = nodeAllocation(node, allPods);
    const free: NodeFit['free'] = {};
    const resource = (r: string) => (r === 'cpu' ? a.cpu : r === 'memory' ? a.memory : a.other[r]);
    for (const [r] of wanted) free[r] = { free: resource(r)?.free ?? 0, allocatable: resource(r)?.allocatable ?? 0 };
    let why: string | undefined;
    const taint = effectiveTaints(node).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t));
    if (node.spec?.unschedulable && !tolerates(tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) {
      why = exclude('cordoned', name, `${name} is cordoned`);
    } else if (taint) {
      why = exclude('taint', name, `${name} has the taint ${taintText(taint)}, which the pod does not tolerate`);
    } else if (!podMatchesNodeAffinity(pod, node)) {
      why = exclude('selector', name, `${name} does not match the pod's node selector or affinity`);
    } else {
      const short: string[] = [];
      if (a.pods.count + 1 > a.pods.allocatable) short.push('pods');
      for (const [r, want] of wanted) if (want > free[r].free) short.push(r);
      for (const r of short) shortOf.set(r, [...(shortOf.get(r) ?? []), name]);
      if (short.length) why = `${name} lacks ${short.map((r) => RESOURCE_NAMES[r] ?? r).join(' and ')}`;
    }
    fits.push({ node: name, fits: !why, ...(why ? { why } : {}), free });
  }

  const reasons: PendingReason[] = [];
  const sentences: string[] = [];
  for (const [r, shortNodes] of shortOf) {
    const label = RESOURCE_NAMES[r] ?? r;
    const detail = shortNodes
      .map((n) => {
        const f = fits.find((x) => x.node === n)?.free[r];
        return r === 'pods' ? `${n} is at its pod limit` : `${n} has ${amountText(r, Math.max(0, f?.free ?? 0))} of ${amountText(r, f?.allocatable ?? 0)} free`;
      })
      .join(', ');
    const message = r === 'pods' ? `No node can take another pod: ${detail}` : `No node has ${amountText(r, requests[r] ?? 0)} ${label} free: ${detail}`;
    reasons.push({ kind: 'resources', resource: r, nodes: shortNodes, message });
  }
  for (const [kind, e] of excluded) reasons.push({ kind, nodes: e.nodes, message: e.texts.join('; ') });

  const fitting = fits.filter((f) => f.fits);
  if (fits.length === 0) {
    sentences.push('The cluster has no nodes to run the pod on.');
  } else if (fitting.length > 0) {
    sentences.push(
      event
        ? `${fitting.map((f) => f.node).join(', ')} could take the pod now; the scheduler last said: ${event.message}`
        : `${fitting.map((f) => f.node).join(', ')} could take the pod; the scheduler has not placed it yet.`,
    );
  } else {
    const resourceReasons = reasons.filter((r) => r.kind === 'resources');
    const exclusions = reasons.filter((r) => r.kind !== 'resources');
    if (resourceReasons.length) sentences.push(...resourceReasons.map((r) => `${r.message}.`));
    if (exclusions.length) sentences.push(`${resourceReasons.length ? 'The other nodes are ruled out: ' : 'No node is eligible: '}${exclusions.map((r) => r.message).join('; ')}.`);
  }
  // Causes the event names that this view cannot see (unbound claims, pod affinity, ports, volumes).
  const explained = /Insufficient|untolerated taint|didn't match Pod's node affinity|were unschedulable|Too many pods/;
  for (const r of event?.reasons ?? []) {
    if (explained.test(r.reason)) continue;
    reasons.push({ kind: 'other', nodes: [], message: `${r.count} ${r.reason}` });
    sentences.push(`The scheduler also reports: ${r.count} ${r.reason}.`);
  }
  if (event && !event.reasons.length && fitting.length === 0) {
    reasons.push({ kind: 'other', nodes: [], message: event.message });
    sentences.push(`The scheduler says: ${event.message}`);
  }
  return { ...base, pending: true, sentence: sentences.join(' '), reasons, nodes: fits };
}
