/** The Job page's calls to the BFF (server/actions/jobActions.ts); every write names the Job as seen. */
import type { SeenObject } from '../../../../server/actions/asSeen.ts';
import type { JobDetail } from '../../../../server/views/batch/jobDetail.ts';
import { fetchJson } from '../../api/fetchJson.ts';
import { apiUrl } from '../../api/urls.ts';
import type { JobFormBody } from './createChecks.ts';

/** What a create answers: the object the API server stored (its name, if generateName made it). */
export interface Created {
  metadata: { name: string; namespace: string };
}

export interface JobRef {
  context: string;
  namespace: string;
  name: string;
}

const jobsUrl = (r: Pick<JobRef, 'context' | 'namespace'>, suffix = '') =>
  apiUrl(`contexts/${encodeURIComponent(r.context)}/namespaces/${encodeURIComponent(r.namespace)}/jobs${suffix}`);
const jobUrl = (r: JobRef, suffix: string) => jobsUrl(r, `/${encodeURIComponent(r.name)}${suffix}`);

export const jobApi = {
  detail: (r: JobRef, signal?: AbortSignal) => fetchJson<JobDetail>(jobUrl(r, '/detail'), { signal }),
  suspend: (r: JobRef, seen: SeenObject) => fetchJson<unknown>(jobUrl(r, '/suspend'), { method: 'POST', body: { ...seen } }),
  resume: (r: JobRef, seen: SeenObject) => fetchJson<unknown>(jobUrl(r, '/resume'), { method: 'POST', body: { ...seen } }),
  rerun: (r: JobRef, newName: string, seen: SeenObject) => fetchJson<unknown>(jobUrl(r, '/rerun'), { method: 'POST', body: { name: newName, uid: seen.uid } }),
  /** A new Job from the create form's fields, or from YAML text (the BFF parses it again). */
  create: (r: Pick<JobRef, 'context' | 'namespace'>, body: { form: JobFormBody } | { manifest: string }) => fetchJson<Created>(jobsUrl(r), { method: 'POST', body }),
};
