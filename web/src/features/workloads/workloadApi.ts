/**
 * The actions API of the BFF (server/actions/router.ts) for the detail pages: detail view
 * models, scale, set image, restart, pause/resume, rollback with its template diff, delete,
 * evict and can-i. Every write names the resourceVersion it was based on.
 */
import type { AccessAnswer, AccessQuestion } from '../../../../server/actions/canI.ts';
import type { SeenObject } from '../../../../server/actions/deleteAsSeen.ts';
import type { PodDetail } from '../../../../server/views/workloads/podDetail.ts';
import type { TemplateDiff } from '../../../../server/views/workloads/templateDiff.ts';
import type { WorkloadDetail } from '../../../../server/views/workloads/workloadDetail.ts';
import { fetchJson } from '../../api/fetchJson.ts';
import { apiUrl } from '../../api/urls.ts';

/** Kinds with a detail page of their own; set image, restart and rollback do not apply to ReplicaSets (the BFF refuses them). */
export type WorkloadKind = 'deployments' | 'statefulsets' | 'daemonsets' | 'replicasets';
export type Propagation = 'Background' | 'Foreground' | 'Orphan';
export type { SeenObject };

export interface WorkloadRef {
  context: string;
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

export interface RevisionDiff extends TemplateDiff {
  revision: number;
  resourceVersion: string;
}

const objectUrl = (r: Pick<WorkloadRef, 'context' | 'namespace' | 'name'> & { kind: string }, suffix = '') =>
  apiUrl(`contexts/${encodeURIComponent(r.context)}/namespaces/${encodeURIComponent(r.namespace)}/${r.kind}/${encodeURIComponent(r.name)}${suffix}`);

export const workloadApi = {
  detail: (r: WorkloadRef, signal?: AbortSignal) => fetchJson<WorkloadDetail>(objectUrl(r, '/detail'), { signal }),
  podDetail: (context: string, namespace: string, name: string, signal?: AbortSignal) => fetchJson<PodDetail>(objectUrl({ context, namespace, name, kind: 'pods' }, '/detail'), { signal }),
  scale: (r: WorkloadRef, replicas: number, resourceVersion: string) => fetchJson<unknown>(objectUrl(r, '/scale'), { method: 'PUT', body: { replicas, resourceVersion } }),
  setImage: (r: WorkloadRef, container: string, image: string, resourceVersion: string) =>
    fetchJson<unknown>(objectUrl(r, '/set-image'), { method: 'POST', body: { container, image, resourceVersion } }),
  restart: (r: WorkloadRef, resourceVersion: string) => fetchJson<unknown>(objectUrl(r, '/restart'), { method: 'POST', body: { resourceVersion } }),
  pause: (r: WorkloadRef, resourceVersion: string) => fetchJson<unknown>(objectUrl(r, '/pause'), { method: 'POST', body: { resourceVersion } }),
  resume: (r: WorkloadRef, resourceVersion: string) => fetchJson<unknown>(objectUrl(r, '/resume'), { method: 'POST', body: { resourceVersion } }),
  /** Revision 0 = the one before the current (`kubectl rollout undo`). */
  rollback: (r: WorkloadRef, revision: number, resourceVersion: string) => fetchJson<unknown>(objectUrl(r, '/rollback'), { method: 'POST', body: { revision, resourceVersion } }),
  revisionDiff: (r: WorkloadRef, revision: number) => fetchJson<RevisionDiff>(objectUrl(r, `/revisions/${revision}/diff`)),
  /** Deletes the object as seen: same uid and spec (generation); status changes since do not matter. */
  remove: (r: Pick<WorkloadRef, 'context' | 'namespace' | 'name'> & { kind: string }, confirmName: string, propagationPolicy: Propagation, seen: SeenObject) =>
    fetchJson<unknown>(objectUrl(r), { method: 'DELETE', body: { confirmName, propagationPolicy, ...seen } }),
  evict: (context: string, namespace: string, name: string) => fetchJson<unknown>(objectUrl({ context, namespace, name, kind: 'pods' }, '/evict'), { method: 'POST', body: {} }),
  canI: (context: string, q: AccessQuestion) => fetchJson<AccessAnswer>(apiUrl(`contexts/${encodeURIComponent(context)}/can-i`), { method: 'POST', body: q }),
};
