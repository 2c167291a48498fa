/** The detail view model of a PersistentVolumeClaim, read fresh from the API server and joined here. */
import type { ClusterContext } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { KubeStatusError } from '../clusters/kubeStatus.ts';
import { resourcePath } from '../kube/apiPath.ts';
import type { KubeObject } from '../kube/object.ts';
import { claimClass } from '../kube/pvMatch.ts';
import { claimDetail, type ClaimDetail } from '../views/storage/claimDetail.ts';

const CORE = (plural: string) => ({ group: '', version: 'v1', plural });
const STORAGE_CLASSES = { group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses' };

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
  const claim = await kubeJson<KubeObject>(ctx, resourcePath(CORE('persistentvolumeclaims'), { namespace, name }));
  const className = claimClass(claim);
  const volumeName = claim.spec?.volumeName as string | undefined;
  const bound = claim.status?.phase === 'Bound';
  const [storageClass, volume, volumes, pods, events] = await Promise.all([
    className ? optional(kubeJson<KubeObject>(ctx, resourcePath(STORAGE_CLASSES, { name: className }))) : undefined,
    volumeName ? optional(kubeJson<KubeObject>(ctx, resourcePath(CORE('persistentvolumes'), { name: volumeName }))) : undefined,
    // Only an unbound claim needs every volume, to say why none of them matches.
    bound ? undefined : optional(kubeJson<{ items: KubeObject[] }>(ctx, resourcePath(CORE('persistentvolumes'))).then((l) => l.items)),
    kubeJson<{ items: KubeObject[] }>(ctx, resourcePath(CORE('pods'), { namespace })).then((l) => l.items),
    kubeJson<{ items: KubeObject[] }>(ctx, resourcePath(CORE('events'), { namespace })).then((l) => l.items),
  ]);
  return claimDetail(claim, { pods, events, ...(storageClass ? { storageClass } : {}), ...(volume ? { volume } : {}), ...(volumes ? { volumes } : {}) });
}
