/**
 * What the eviction subresource checks before it deletes a pod (pkg/registry/core/pod/storage/
 * eviction.go): the one PodDisruptionBudget covering the pod must allow a disruption, and the
 * eviction spends it at once (disruptionsAllowed - 1, the pod recorded in disruptedPods) so
 * that two evictions racing each other cannot both pass.
 */
import { isPodReady } from '../controllers/podState.ts';
import { PDBS, podsOfBudget } from '../controllers/disruption.ts';
import { ApiError } from '../../kube/status.ts';
import { rfc3339, type KubeObject } from '../../kube/object.ts';
import type { Store } from './store.ts';

const REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

function tooManyRequests(cause: string): ApiError {
  return new ApiError(429, 'TooManyRequests', REFUSED, { causes: [{ reason: 'DisruptionBudget', message: cause }] });
}

/** Finished, unscheduled or already terminating pods are evicted without asking any budget. */
function canIgnoreBudget(pod: Readonly<KubeObject>): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

/** Throws the API server's refusal when the pod's budget does not allow evicting it; spends the budget otherwise. */
export function spendDisruptionBudget(store: Store, pod: Readonly<KubeObject>): void {
  if (canIgnoreBudget(pod)) return;
  const budgets = store.listRefs(PDBS, pod.metadata.namespace).filter((pdb) => podsOfBudget(pdb, [pod]).length > 0);
  if (budgets.length === 0) return;
  if (budgets.length > 1) throw new ApiError(500, 'InternalError', 'Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  const pdb = budgets[0];
  const status = (pdb.status ?? {}) as { observedGeneration?: number; disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; disruptedPods?: Record<string, string> };
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) throw tooManyRequests(`The disruption budget ${pdb.metadata.name} is still being processed by the server.`);

  const current = status.currentHealthy ?? 0;
  const desired = status.desiredHealthy ?? 0;
  const alwaysAllow = pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow';
  // An unready pod does not count as healthy: evicting it costs the budget nothing when the budget holds.
  if (!isPodReady(pod) && (alwaysAllow || (current >= desired && desired > 0))) return;
  if ((status.disruptionsAllowed ?? 0) <= 0) throw tooManyRequests(`The disruption budget ${pdb.metadata.name} needs ${desired} healthy pods and has ${current} currently`);
  store.mutate(PDBS, pdb.metadata.namespace, pdb.metadata.name!, (o) => {
    const s = (o.status ??= {}) as typeof status;
    s.disruptionsAllowed = (s.disruptionsAllowed ?? 1) - 1;
    s.disruptedPods = { ...s.disruptedPods, [pod.metadata.name!]: rfc3339() };
  }, { statusOnly: true });
}
