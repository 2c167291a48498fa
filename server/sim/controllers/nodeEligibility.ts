import type { KubeObject } from '../../kube/object.ts';
import { nodeSelectorMatches, type NodeSelectorTerm } from '../../kube/nodeSelector.ts';
import { tolerates, type Taint, type Toleration } from '../../kube/schedulerFilters.ts';

/** Taints of `effects` on the node that no toleration tolerates. */
export function untoleratedTaints(node: Readonly<KubeObject>, tolerations: readonly Toleration[], effects: readonly string[]): Taint[] {
  const taints = (node.spec?.taints as Taint[] | undefined) ?? [];
  return taints.filter((taint) => effects.includes(taint.effect) && !tolerates(tolerations, taint));
}

/** nodeSelector and required node affinity (terms ORed, requirements ANDed) both admit the node. */
export function nodeSelectorAdmits(podSpec: Readonly<Record<string, unknown>> | undefined, node: Readonly<KubeObject>): boolean {
  const labels = node.metadata.labels ?? {};
  const selector = (podSpec?.nodeSelector as Record<string, string> | undefined) ?? {};
  if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) return false;
  const affinity = podSpec?.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } } | undefined;
  const terms = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return nodeSelectorMatches(terms, node);
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
