/**
 * Deleting what the operator saw. The page a deletion is confirmed on shows one object (its
 * uid) with one spec (its generation); the deletion goes ahead when the cluster still has that
 * object with that spec. Status changes meanwhile (a crash-looping pod's restarts, a rollout's
 * counts) do not make the page stale: requiring the exact resourceVersion made deleting a
 * flapping workload fail with a 409 that told the operator nothing.
 */
import type { ClusterContext } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { failureStatus, KubeStatusError } from '../clusters/kubeStatus.ts';
import type { KubeObject } from '../sim/api/object.ts';

/** What the page showed. Without uid and generation, the resourceVersion alone must match. */
export interface SeenObject {
  uid?: string;
  generation?: number;
  resourceVersion?: string;
}

/** Why the object in the cluster is no longer the one the operator saw, or undefined. */
export function staleDeletion(current: KubeObject, seen: SeenObject): string | undefined {
  const { uid, generation, resourceVersion } = current.metadata;
  const name = current.metadata.name ?? '';
  if (seen.uid && uid !== seen.uid) return `${name} was deleted and created again since you loaded it; reload to see the new one`;
  if (seen.generation !== undefined && generation !== undefined && generation !== seen.generation) {
    return `the spec of ${name} changed since you loaded it (generation ${seen.generation} → ${generation}); reload to see the change, then delete`;
  }
  if (!seen.uid && seen.generation === undefined && seen.resourceVersion && resourceVersion !== seen.resourceVersion) {
    return `${name} changed since you loaded it (resourceVersion ${seen.resourceVersion} → ${resourceVersion}); reload, then delete`;
  }
  return undefined;
}

/** Status-only changes between the check and the DELETE are checked again, this many times. */
const ATTEMPTS = 3;

export async function deleteAsSeen(ctx: ClusterContext, path: string, seen: SeenObject, propagationPolicy: string): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    const current = await kubeJson<KubeObject>(ctx, path);
    const stale = staleDeletion(current, seen);
    if (stale) throw new KubeStatusError(failureStatus(409, 'Conflict', stale));
    // The preconditions make the check and the deletion one step: the API server refuses
    // with 409 if anything was written after the read above.
    const preconditions = { uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion };
    try {
      return await kubeJson(ctx, path, { method: 'DELETE', body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy, preconditions } });
    } catch (err) {
      if (attempt < ATTEMPTS && err instanceof KubeStatusError && err.status.code === 409) continue;
      throw err;
    }
  }
}
