/**
 * The storage writes of the BFF's actions API (server/actions/storageActions.ts and the
 * catalogue's delete): expand a claim, create one, delete one as seen.
 */
import type { KubeObject } from '../../../../server/kube/object.ts';
import { fetchJson } from '../../api/fetchJson.ts';
import { apiUrl } from '../../api/urls.ts';

const claimsUrl = (context: string, namespace: string, suffix = '') =>
  apiUrl(`contexts/${encodeURIComponent(context)}/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims${suffix}`);

export interface ClaimSeen {
  uid: string;
  resourceVersion: string;
}

export interface NewClaim {
  name: string;
  storage: string;
  accessModes: string[];
  /** Absent: the cluster's default class. */
  storageClassName?: string;
  volumeMode: 'Filesystem' | 'Block';
}

export const storageApi = {
  /** `from`: the requested size the page showed; the BFF refuses the change if it moved since. */
  expand: (context: string, namespace: string, name: string, storage: string, from: string, seen: ClaimSeen) =>
    fetchJson<KubeObject>(claimsUrl(context, namespace, `/${encodeURIComponent(name)}/expand`), { method: 'POST', body: { storage, from, ...seen } }),
  create: (context: string, namespace: string, claim: NewClaim) => fetchJson<KubeObject>(claimsUrl(context, namespace), { method: 'POST', body: { ...claim } }),
  remove: (context: string, namespace: string, name: string, seen: ClaimSeen) =>
    fetchJson<unknown>(claimsUrl(context, namespace, `/${encodeURIComponent(name)}`), { method: 'DELETE', body: { confirmName: name, ...seen } }),
};
