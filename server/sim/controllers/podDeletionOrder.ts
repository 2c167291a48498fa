import type { KubeObject } from '../../kube/object.ts';
import { isPodReady, readySince } from './podState.ts';

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function restarts(pod: Readonly<KubeObject>): number {
  const statuses = (pod.status?.containerStatuses as { restartCount?: number }[] | undefined) ?? [];
  return statuses.reduce((m, s) => Math.max(m, s.restartCount ?? 0), 0);
}

/**
 * The pods a scale-down removes first, as controller.ActivePodsWithRanks orders them:
 * unscheduled before scheduled, Pending before Unknown before Running, not ready before
 * ready, lower pod-deletion-cost first, pods doubled up on a node first, then the most
 * recently ready, the most restarted, and the newest.
 */
export function podsToDelete(pods: readonly Readonly<KubeObject>[], count: number, related: readonly Readonly<KubeObject>[] = pods): Readonly<KubeObject>[] {
  if (count <= 0) return [];
  const perNode = new Map<string, number>();
  for (const p of related) {
    const n = p.spec?.nodeName as string | undefined;
    if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const rank = (p: Readonly<KubeObject>) => (p.spec?.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0);
  const cost = (p: Readonly<KubeObject>) => Number(p.metadata.annotations?.[DELETION_COST] ?? 0) || 0;
  const sorted = [...pods].sort((a, b) => {
    const assignedA = a.spec?.nodeName ? 1 : 0;
    const assignedB = b.spec?.nodeName ? 1 : 0;
    if (assignedA !== assignedB) return assignedA - assignedB;
    const phaseA = PHASE_RANK[a.status?.phase as string] ?? 1;
    const phaseB = PHASE_RANK[b.status?.phase as string] ?? 1;
    if (phaseA !== phaseB) return phaseA - phaseB;
    const readyA = isPodReady(a) ? 1 : 0;
    const readyB = isPodReady(b) ? 1 : 0;
    if (readyA !== readyB) return readyA - readyB;
    if (cost(a) !== cost(b)) return cost(a) - cost(b);
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    const sinceA = readySince(a) ?? 0;
    const sinceB = readySince(b) ?? 0;
    if (readyA && sinceA !== sinceB) return sinceB - sinceA;
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const createdA = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
    const createdB = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
    return createdB - createdA;
  });
  return sorted.slice(0, count);
}
