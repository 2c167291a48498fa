/** The Job page's calls to the BFF (server/actions/jobActions.ts); every write names the Job as seen. */
import type { SeenObject } from '../../../../server/actions/asSeen.ts';
import type { JobDetail } from '../../../../server/views/batch/jobDetail.ts';
import { fetchJson } from '../../api/fetchJson.ts';
import { apiUrl } from '../../api/urls.ts';

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
  createFromYaml: (r: Pick<JobRef, 'context' | 'namespace'>, manifest: string) => fetchJson<unknown>(jobsUrl(r), { method: 'POST', body: { manifest } }),
};
