/**
 * Writes made from a page apply to the object the operator saw: the same object (its uid)
 * with the same spec (its generation). Status changes in between (a crash-looping pod's
 * restarts, a rollout's counts) do not make the page stale. When the write required the exact
 * resourceVersion, scaling, rolling back or deleting a flapping workload failed with a 409
 * that told the operator nothing. A new spec, or an object deleted and created again, is still
 * a 409, and the message says which.
 */
import type { ClusterContext } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { badRequest, failureStatus, KubeStatusError } from '../clusters/kubeStatus.ts';
import { integerProblem } from '../kube/integers.ts';
import type { KubeObject } from '../kube/object.ts';

/** What the page showed. Without uid and generation, the resourceVersion alone must match. */
export interface SeenObject {
  uid?: string;
  generation?: number;
  resourceVersion?: string;
}

/**
 * The SeenObject fields of a request body; `required` refuses a body with neither generation
 * nor resourceVersion. A field of the wrong type is refused by name, never dropped: a dropped
 * precondition would let the write go ahead unchecked.
 */
export function seenIn(body: Record<string, unknown>, required: boolean): SeenObject {
  const { uid, generation, resourceVersion } = body;
  if (uid !== undefined && (typeof uid !== 'string' || !uid)) throw badRequest('uid must be the object\'s uid as a string (metadata.uid)');
  if (generation !== undefined) {
    const problem = integerProblem('generation', generation, { type: 'int64', min: 0 });
    if (problem) throw badRequest(`${problem} (metadata.generation of the object you saw)`);
  }
  if (resourceVersion !== undefined && (typeof resourceVersion !== 'string' || !resourceVersion)) {
    throw badRequest('resourceVersion must be a non-empty string (metadata.resourceVersion)');
  }
  const seen: SeenObject = { uid: uid as string | undefined, generation: generation as number | undefined, resourceVersion: resourceVersion as string | undefined };
  if (required && seen.generation === undefined && !seen.resourceVersion) {
    throw badRequest('generation (or resourceVersion) is required: the version of the object your change was based on');
  }
  return seen;
}

/** Why the object in the cluster is no longer the one the operator saw, or undefined. */
export function changedSince(current: KubeObject, seen: SeenObject): string | undefined {
  const { uid, generation, resourceVersion } = current.metadata;
  const name = current.metadata.name ?? '';
  if (seen.uid && uid !== seen.uid) return `${name} was deleted and created again since you loaded it`;
  if (seen.generation !== undefined && generation !== undefined && generation !== seen.generation) {
    return `the spec of ${name} changed since you loaded it (generation ${seen.generation} → ${generation})`;
  }
  if (!seen.uid && seen.generation === undefined && seen.resourceVersion && resourceVersion !== seen.resourceVersion) {
    return `${name} changed since you loaded it (resourceVersion ${seen.resourceVersion} → ${resourceVersion})`;
  }
  return undefined;
}

/** A status change between the read and the write is read and checked again, this many times in all. */
const ATTEMPTS = 3;

/**
 * Reads the object at `path`, checks it is the one seen, then `write`s based on what was read.
 * The write must carry the read resourceVersion (a PUT of the object, or a DELETE's
 * preconditions), so the API server refuses it with 409 if anything changed after the read.
 */
export async function asSeen<T>(ctx: ClusterContext, path: string, seen: SeenObject, write: (current: KubeObject) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = await kubeJson<KubeObject>(ctx, path);
    const changed = changedSince(current, seen);
    if (changed) throw new KubeStatusError(failureStatus(409, 'Conflict', changed));
    try {
      return await write(current);
    } catch (err) {
      if (attempt < ATTEMPTS && err instanceof KubeStatusError && err.status.code === 409) continue;
      throw err;
    }
  }
}

export function deleteAsSeen(ctx: ClusterContext, path: string, seen: SeenObject, propagationPolicy: string): Promise<unknown> {
  return asSeen(ctx, path, seen, (current) => {
    const preconditions = { uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion };
    return kubeJson(ctx, path, { method: 'DELETE', body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy, preconditions } });
  });
}
