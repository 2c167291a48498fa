import { resourcePath } from '../../kube/apiPath.ts';

/** A Kubernetes resource an informer can list and watch, e.g. core/v1 pods or apps/v1 deployments. */
export interface ApiResource {
  /** '' for the core group. */
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  /** Ask for the API server's Table (kubectl's columns, one row per object) instead of whole objects. */
  as?: 'Table';
}

/** `pods`, `deployments.apps`: the same resource keys the demo cluster's store uses. */
export function resourceId(r: ApiResource): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** The cluster-wide collection path: informers always list every namespace and filter per subscription. */
export function collectionPath(r: ApiResource): string {
  return resourcePath(r);
}
