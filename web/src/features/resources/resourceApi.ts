/** The generic pages' reads and deletes of any object, through the raw API proxy. */
import { resourcePath, type ResourceRef } from '../../../../server/kube/apiPath.ts';
import type { KubeObject } from '../../../../server/kube/object.ts';
import { fetchJson } from '../../api/fetchJson.ts';
import { k8sUrl } from '../../api/urls.ts';

const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';

export interface ObjectTarget {
  context: string;
  resource: ResourceRef;
  namespace?: string;
  name: string;
}

const pathOf = (o: ObjectTarget) => resourcePath(o.resource, { ...(o.namespace !== undefined ? { namespace: o.namespace } : {}), name: o.name });

export const resourceApi = {
  get: (o: ObjectTarget, signal?: AbortSignal) => fetchJson<KubeObject>(k8sUrl(o.context, pathOf(o)), { signal }),
  /**
   * Deletes only the object the user saw: the API server refuses (409) when its uid or
   * resourceVersion changed since, so a recreated or edited object is never deleted blind.
   */
  remove: (o: ObjectTarget, seen: { uid?: string; resourceVersion?: string }, propagationPolicy: string) =>
    fetchJson<unknown>(k8sUrl(o.context, pathOf(o)), {
      method: 'DELETE',
      body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy, preconditions: { uid: seen.uid, resourceVersion: seen.resourceVersion } },
    }),
  /** Object metadata only, of one resource in one namespace (owner lookups). */
  metadataIn: (context: string, resource: ResourceRef, namespace: string, signal?: AbortSignal) =>
    fetchJson<{ items?: KubeObject[] }>(k8sUrl(context, resourcePath(resource, { namespace })), { accept: METADATA_LIST, signal }).then((l) => l.items ?? []),
};
