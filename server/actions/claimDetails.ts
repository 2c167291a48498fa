/** The detail view model of a PersistentVolumeClaim, read fresh from the API server and joined here. */
import type { ClusterContext } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { KubeStatusError } from '../clusters/kubeStatus.ts';
import type { KubeObject } from '../sim/api/object.ts';
import { claimClass } from '../sim/controllers/pvMatch.ts';
import { claimDetail, type ClaimDetail } from '../views/storage/claimDetail.ts';

const ns = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}`;

/**
 * Cluster-scoped reads (class, volume) a namespaced identity may not be allowed, and the
 * claim may name a class or volume that does not exist: both read as "not there".
 */
async function optional<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof KubeStatusError && (err.status.code === 404 || err.status.code === 403)) return undefined;
    throw err;
  }
}

export async function claimDetailFor(ctx: ClusterContext, namespace: string, name: string): Promise<ClaimDetail> {
  const claim = await kubeJson<KubeObject>(ctx, `${ns(namespace)}/persistentvolumeclaims/${encodeURIComponent(name)}`);
  const className = claimClass(claim);
  const volumeName = claim.spec?.volumeName as string | undefined;
  const bound = claim.status?.phase === 'Bound';
  const [storageClass, volume, volumes, pods, events] = await Promise.all([
    className ? optional(kubeJson<KubeObject>(ctx, `/apis/storage.k8s.io/v1/storageclasses/${encodeURIComponent(className)}`)) : undefined,
    volumeName ? optional(kubeJson<KubeObject>(ctx, `/api/v1/persistentvolumes/${encodeURIComponent(volumeName)}`)) : undefined,
    // Only an unbound claim needs every volume, to say why none of them matches.
    bound ? undefined : optional(kubeJson<{ items: KubeObject[] }>(ctx, '/api/v1/persistentvolumes').then((l) => l.items)),
    kubeJson<{ items: KubeObject[] }>(ctx, `${ns(namespace)}/pods`).then((l) => l.items),
    kubeJson<{ items: KubeObject[] }>(ctx, `${ns(namespace)}/events`).then((l) => l.items),
  ]);
  return claimDetail(claim, { pods, events, ...(storageClass ? { storageClass } : {}), ...(volume ? { volume } : {}), ...(volumes ? { volumes } : {}) });
}
