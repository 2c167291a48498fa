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
  /**
   * List and watch this one namespace only: for a user whose rights are namespaced (a Role,
   * not a ClusterRole), who may not list the resource across the cluster.
   */
  namespace?: string;
}

/** `pods`, `deployments.apps`: the same resource keys the demo cluster's store uses. */
export function resourceId(r: ApiResource): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** The collection an informer lists: cluster-wide (filtered per subscription), or one namespace's. */
export function collectionPath(r: ApiResource): string {
  return r.namespace !== undefined && r.namespaced ? resourcePath(r, { namespace: r.namespace }) : resourcePath(r);
}
