/** The CronJob actions of the BFF (server/actions/cronJobRouter.ts); every write names the CronJob as the page saw it. */
import type { SeenObject } from '../../../../server/actions/asSeen.ts';
import { fetchJson } from '../../api/fetchJson.ts';
import { apiUrl } from '../../api/urls.ts';
import type { Propagation } from '../workloads/workloadApi.ts';
import type { CronJobFormBody } from './createChecks.ts';
import type { Created } from './jobApi.ts';

export interface CronJobRef {
  context: string;
  namespace: string;
  name: string;
}

const url = (r: CronJobRef, suffix = '') => apiUrl(`contexts/${encodeURIComponent(r.context)}/namespaces/${encodeURIComponent(r.namespace)}/cronjobs/${encodeURIComponent(r.name)}${suffix}`);

const contextUrl = (context: string, suffix: string) => apiUrl(`contexts/${encodeURIComponent(context)}${suffix}`);

export const cronJobApi = {
  /** The batch version the cluster serves CronJobs in (v1, else v1beta1, else v2alpha1). */
  version: (context: string, signal?: AbortSignal) => fetchJson<{ version: string; apiVersion: string }>(contextUrl(context, '/cronjob-version'), { signal }),
  /** A new CronJob from the form's fields, or from a manifest the page has parsed and checked. */
  create: (context: string, namespace: string, body: CronJobFormBody | { manifest: unknown }) =>
    fetchJson<Created>(contextUrl(context, `/namespaces/${encodeURIComponent(namespace)}/cronjobs`), { method: 'POST', body }),
  trigger: (r: CronJobRef, uid: string, jobName: string) => fetchJson<{ metadata: { name: string } }>(url(r, '/trigger'), { method: 'POST', body: { uid, ...(jobName ? { jobName } : {}) } }),
  suspend: (r: CronJobRef, seen: SeenObject) => fetchJson<unknown>(url(r, '/suspend'), { method: 'POST', body: { ...seen } }),
  resume: (r: CronJobRef, seen: SeenObject) => fetchJson<unknown>(url(r, '/resume'), { method: 'POST', body: { ...seen } }),
  schedule: (r: CronJobRef, schedule: string, timeZone: string | undefined, seen: SeenObject) =>
    fetchJson<unknown>(url(r, '/schedule'), { method: 'PUT', body: { schedule, ...(timeZone ? { timeZone } : {}), ...seen } }),
  remove: (r: CronJobRef, confirmName: string, propagationPolicy: Propagation, seen: SeenObject) => fetchJson<unknown>(url(r), { method: 'DELETE', body: { confirmName, propagationPolicy, ...seen } }),
};
