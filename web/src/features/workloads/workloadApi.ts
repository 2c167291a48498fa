/**
 * The actions API of the BFF (server/actions/router.ts) for the detail pages: detail view
 * models, scale, set image, restart, pause/resume, rollback with its template diff, delete,
 * evict and can-i. Every write names the resourceVersion it was based on.
 */
import type { AccessAnswer, AccessQuestion } from '../../../../server/actions/canI.ts';
import type { SeenObject } from '../../../../server/actions/asSeen.ts';
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

export interface RevisionDiff extends TemplateDiff, SeenObject {
  revision: number;
}

/** The object as a page shows it (a detail, a revision diff): what a write from that page is based on. */
export function seenOn(shown: SeenObject): SeenObject {
  return { uid: shown.uid, generation: shown.generation, resourceVersion: shown.resourceVersion };
}

const objectUrl = (r: Pick<WorkloadRef, 'context' | 'namespace' | 'name'> & { kind: string }, suffix = '') =>
  apiUrl(`contexts/${encodeURIComponent(r.context)}/namespaces/${encodeURIComponent(r.namespace)}/${r.kind}/${encodeURIComponent(r.name)}${suffix}`);

export const workloadApi = {
  detail: (r: WorkloadRef, signal?: AbortSignal) => fetchJson<WorkloadDetail>(objectUrl(r, '/detail'), { signal }),
  podDetail: (context: string, namespace: string, name: string, signal?: AbortSignal) => fetchJson<PodDetail>(objectUrl({ context, namespace, name, kind: 'pods' }, '/detail'), { signal }),
  // Each write names the object as seen (SeenObject): a new spec or a re-created object since is
  // a 409 that says which; status changes since are not.
  /** `allowLargeScale`: the operator confirmed adding more than 1,000 replicas at once. */
  scale: (r: WorkloadRef, replicas: number, seen: SeenObject, allowLargeScale = false) =>
    fetchJson<unknown>(objectUrl(r, '/scale'), { method: 'PUT', body: { replicas, ...seen, ...(allowLargeScale ? { allowLargeScale } : {}) } }),
  setImage: (r: WorkloadRef, container: string, image: string, seen: SeenObject) =>
    fetchJson<unknown>(objectUrl(r, '/set-image'), { method: 'POST', body: { container, image, ...seen } }),
  restart: (r: WorkloadRef, seen: SeenObject) => fetchJson<unknown>(objectUrl(r, '/restart'), { method: 'POST', body: { ...seen } }),
  pause: (r: WorkloadRef, seen: SeenObject) => fetchJson<unknown>(objectUrl(r, '/pause'), { method: 'POST', body: { ...seen } }),
  resume: (r: WorkloadRef, seen: SeenObject) => fetchJson<unknown>(objectUrl(r, '/resume'), { method: 'POST', body: { ...seen } }),
  /** Revision 0 = the one before the current (`kubectl rollout undo`). */
  rollback: (r: WorkloadRef, revision: number, seen: SeenObject) => fetchJson<unknown>(objectUrl(r, '/rollback'), { method: 'POST', body: { revision, ...seen } }),
  revisionDiff: (r: WorkloadRef, revision: number) => fetchJson<RevisionDiff>(objectUrl(r, `/revisions/${revision}/diff`)),
  remove: (r: Pick<WorkloadRef, 'context' | 'namespace' | 'name'> & { kind: string }, confirmName: string, propagationPolicy: Propagation, seen: SeenObject) =>
    fetchJson<unknown>(objectUrl(r), { method: 'DELETE', body: { confirmName, propagationPolicy, ...seen } }),
  evict: (context: string, namespace: string, name: string) => fetchJson<unknown>(objectUrl({ context, namespace, name, kind: 'pods' }, '/evict'), { method: 'POST', body: {} }),
  canI: (context: string, q: AccessQuestion) => fetchJson<AccessAnswer>(apiUrl(`contexts/${encodeURIComponent(context)}/can-i`), { method: 'POST', body: q }),
};
