/**
 * Writes on PersistentVolumeClaims: expand one (a larger spec.resources.requests.storage,
 * allowed only for a Bound claim whose StorageClass sets allowVolumeExpansion, as the API
 * server's PersistentVolumeClaimResize admission rules), and create one from the form. Each
 * body is checked before anything is sent; an expansion applies to the claim as the operator
 * saw it (its uid, and the request it showed) so two operators cannot both grow it unawares.
 */
import type { ClusterContext } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { badRequest, failureStatus, KubeStatusError } from '../clusters/kubeStatus.ts';
import { resourcePath } from '../kube/apiPath.ts';
import { invalidNameMessage } from '../kube/names.ts';
import type { KubeObject } from '../kube/object.ts';
import { claimClass } from '../kube/pvMatch.ts';
import { parseQuantity } from '../kube/quantity.ts';
import { STORAGE_SIZE_MESSAGES, storageSizeProblem } from '../kube/storageSize.ts';
import { asSeen, seenIn } from './asSeen.ts';

const CLAIMS = { group: '', version: 'v1', plural: 'persistentvolumeclaims' };
const CLASSES = { group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses' };
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Filesystem', 'Block'];

function storageIn(value: unknown, field: string): string {
  const problem = storageSizeProblem(value);
  if (problem) throw badRequest(`${field}: ${STORAGE_SIZE_MESSAGES[problem]}`);
  return value as string;
}

const unprocessable = (message: string) => new KubeStatusError(failureStatus(422, 'Invalid', message));

/**
 * An expansion must ask for more than the current request. Below status.capacity Kubernetes 1.32
 * itself refuses it (RecoverVolumeExpansionFailure only lets a request go back down to just
 * above the capacity), in the words the API server uses; between the capacity and the request
 * it would be a recovery from a failed expansion, which is not what this action does.
 */
function notGrowing(claim: KubeObject, name: string, storage: string, current: string): KubeStatusError {
  const capacity = String(claim.status?.capacity?.storage ?? '');
  if (capacity && parseQuantity(storage) < parseQuantity(capacity)) {
    return unprocessable(`PersistentVolumeClaim "${name}" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity (${storage} < ${capacity})`);
  }
  return unprocessable(`${storage} is not more than the current request ${current}: an expansion asks for more storage than the claim requests`);
}

/**
 * Body: `{ storage, uid, resourceVersion?, from }`: the new size, and the claim as the page
 * showed it (`from` is the request it showed). Refused before anything is written when the
 * size does not grow, the claim is not Bound, or its class does not allow expansion.
 */
export async function expandClaim(ctx: ClusterContext, namespace: string, name: string, body: Record<string, unknown>): Promise<KubeObject> {
  const storage = storageIn(body.storage, 'storage');
  const seen = seenIn(body, false);
  if (!seen.uid) throw badRequest('uid is required: the claim your change was based on (metadata.uid)');
  if (typeof body.from !== 'string' || storageSizeProblem(body.from)) throw badRequest('from must be the requested size the page showed (spec.resources.requests.storage)');
  const seenRequest = body.from;
  const path = resourcePath(CLAIMS, { namespace, name });
  return asSeen(ctx, path, seen, async (claim) => {
    const current = String(claim.spec?.resources?.requests?.storage ?? '');
    if (parseQuantity(current || '0') !== parseQuantity(seenRequest)) {
      throw new KubeStatusError(failureStatus(409, 'Conflict', `the request of ${name} changed since you loaded it (${seenRequest} → ${current})`));
    }
    if (parseQuantity(storage) <= parseQuantity(current || '0')) throw notGrowing(claim, name, storage, current);
    if (!claim.spec?.volumeName || claim.status?.phase !== 'Bound') throw unprocessable(`${name} is not Bound: only bound claims can be expanded`);
    const className = claimClass(claim);
    if (!className) throw unprocessable(`${name} names no storage class: only claims of a class that sets allowVolumeExpansion can be expanded`);
    const cls = await kubeJson<KubeObject>(ctx, resourcePath(CLASSES, { name: className }));
    if (cls.allowVolumeExpansion !== true) throw unprocessable(`storage class ${className} does not allow volume expansion (allowVolumeExpansion is not true)`);
    claim.spec = { ...claim.spec, resources: { ...claim.spec?.resources, requests: { ...claim.spec?.resources?.requests, storage } } };
    return kubeJson<KubeObject>(ctx, path, { method: 'PUT', body: claim });
  });
}

/**
 * Body: `{ name, storage, accessModes, storageClassName?, volumeMode? }`. Without
 * storageClassName the API server's DefaultStorageClass admission fills in the default class;
 * an empty one asks for a volume without a class.
 */
export function createClaim(ctx: ClusterContext, namespace: string, body: Record<string, unknown>): Promise<KubeObject> {
  const name = body.name;
  if (typeof name !== 'string') throw badRequest('name must be a string');
  const nameProblem = invalidNameMessage('metadata.name', 'dns1123Subdomain', name);
  if (nameProblem) throw badRequest(nameProblem);
  const storage = storageIn(body.storage, 'storage');
  const modes = body.accessModes;
  if (!Array.isArray(modes) || modes.length === 0 || modes.length > ACCESS_MODES.length || !modes.every((m) => typeof m === 'string' && ACCESS_MODES.includes(m)) || new Set(modes).size !== modes.length) {
    throw badRequest(`accessModes must be a non-empty list of distinct ${ACCESS_MODES.join(', ')}`);
  }
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) throw badRequest('ReadWriteOncePod cannot be combined with other access modes');
  const cls = body.storageClassName;
  if (cls !== undefined && typeof cls !== 'string') throw badRequest('storageClassName must be a string');
  if (cls) {
    const clsProblem = invalidNameMessage('spec.storageClassName', 'dns1123Subdomain', cls);
    if (clsProblem) throw badRequest(clsProblem);
  }
  const volumeMode = body.volumeMode ?? 'Filesystem';
  if (typeof volumeMode !== 'string' || !VOLUME_MODES.includes(volumeMode)) throw badRequest('volumeMode must be Filesystem or Block');
  const claim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace },
    spec: { accessModes: modes as string[], resources: { requests: { storage } }, volumeMode, ...(cls !== undefined ? { storageClassName: cls } : {}) },
  };
  return kubeJson<KubeObject>(ctx, resourcePath(CLAIMS, { namespace }), { method: 'POST', body: claim });
}
