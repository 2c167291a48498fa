import type { KubeObject } from '../api/object.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

/** v1.Toleration.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/** Taints of `effects` on the node that no toleration tolerates. */
export function untoleratedTaints(node: Readonly<KubeObject>, tolerations: readonly Toleration[], effects: readonly string[]): Taint[] {
  const taints = (node.spec?.taints as Taint[] | undefined) ?? [];
  return taints.filter((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

function requirementMatches(r: Requirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

function termMatches(term: NodeSelectorTerm, node: Readonly<KubeObject>): boolean {
  const labels = node.metadata.labels ?? {};
  const fields: Record<string, string | undefined> = { 'metadata.name': node.metadata.name };
  const exprs = term.matchExpressions ?? [];
  const flds = term.matchFields ?? [];
  if (!exprs.length && !flds.length) return false;
  return exprs.every((r) => requirementMatches(r, labels[r.key])) && flds.every((r) => requirementMatches(r, fields[r.key]));
}

/** nodeSelector and required node affinity (terms ORed, requirements ANDed) both admit the node. */
export function nodeSelectorAdmits(podSpec: Readonly<Record<string, unknown>> | undefined, node: Readonly<KubeObject>): boolean {
  const labels = node.metadata.labels ?? {};
  const selector = (podSpec?.nodeSelector as Record<string, string> | undefined) ?? {};
  if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) return false;
  const affinity = podSpec?.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } } | undefined;
  const terms = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => termMatches(t, node));
}

/** Tolerations every DaemonSet pod gets (util.AddOrUpdateDaemonPodTolerations). */
export function daemonPodTolerations(spec: Readonly<Record<string, unknown>>): Toleration[] {
  const own = (spec.tolerations as Toleration[] | undefined) ?? [];
  const extra: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork) extra.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const out = [...own];
  for (const t of extra) if (!out.some((o) => o.key === t.key && o.effect === t.effect)) out.push(t);
  return out;
}

/**
 * nodeShouldRunDaemonPod: `shouldRun` when selectors admit the node and every NoSchedule and
 * NoExecute taint is tolerated; `shouldContinueRunning` needs only the NoExecute ones.
 */
export function daemonPlacement(podSpec: Readonly<Record<string, unknown>>, node: Readonly<KubeObject>): { shouldRun: boolean; shouldContinueRunning: boolean } {
  if (!nodeSelectorAdmits(podSpec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = daemonPodTolerations(podSpec);
  return {
    shouldRun: untoleratedTaints(node, tolerations, ['NoSchedule', 'NoExecute']).length === 0,
    shouldContinueRunning: untoleratedTaints(node, tolerations, ['NoExecute']).length === 0,
  };
}

/**
 * util.ReplaceDaemonSetPodNodeNameNodeAffinity: pin a pod to one node through required node
 * affinity; the node's fit was checked already, so the terms are replaced by the pin.
 */
export function pinToNode(podSpec: Record<string, unknown>, nodeName: string): void {
  const affinity = (podSpec.affinity as Record<string, unknown> | undefined) ?? {};
  const nodeAffinity = (affinity.nodeAffinity as Record<string, unknown> | undefined) ?? {};
  const terms = [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }];
  podSpec.affinity = { ...affinity, nodeAffinity: { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
}
