/** The Job page's view model, read fresh from the API server through the user's context and joined here. */
import type { ClusterContext } from '../clusters/types.ts';
import { kubeJson, streamLines } from '../clusters/kubeRequest.ts';
import { KubeStatusError } from '../clusters/kubeStatus.ts';
import { resourcePath } from '../kube/apiPath.ts';
import type { KubeObject } from '../kube/object.ts';
import { failingPod, jobDetail, jobPods, type JobDetail } from '../views/batch/jobDetail.ts';
import { podExit } from '../views/batch/jobState.ts';

const JOBS = { group: 'batch', version: 'v1', plural: 'jobs' };
const PODS = { group: '', version: 'v1', plural: 'pods' };

/** How many lines of the failing pod's log the failure sentence quotes. */
export const LOG_TAIL_LINES = 10;

/**
 * The last lines of one container's log (GET …/log?tailLines=N). A pod whose log is gone (deleted,
 * its node lost) or not readable reads as no log: the failure sentence stands without it.
 */
async function logTail(ctx: ClusterContext, namespace: string, pod: string, container: string | undefined): Promise<string[] | undefined> {
  const path = resourcePath(PODS, { namespace, name: pod, subresource: 'log' });
  const query: Record<string, string> = { tailLines: String(LOG_TAIL_LINES), limitBytes: String(64 * 1024) };
  if (container) query.container = container;
  const lines: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      streamLines(ctx, path, query, { line: (l) => lines.push(l.slice(0, 2000)), end: (err) => (err ? reject(err) : resolve()) }, 30_000, 'text/plain').catch(reject);
    });
  } catch (err) {
    if (err instanceof KubeStatusError && [400, 403, 404].includes(err.status.code ?? 0)) return undefined;
    throw err;
  }
  return lines.slice(-LOG_TAIL_LINES);
}

export async function jobDetailFor(ctx: ClusterContext, namespace: string, name: string): Promise<JobDetail> {
  const job = await kubeJson<KubeObject>(ctx, resourcePath(JOBS, { namespace, name }));
  job.kind ??= 'Job';
  const pods = (await kubeJson<{ items: KubeObject[] }>(ctx, resourcePath(PODS, { namespace }))).items;
  const failed = failingPod(job, jobPods(job, pods));
  const tail = failed ? await logTail(ctx, namespace, failed.metadata.name ?? '', podExit(failed).container) : undefined;
  return jobDetail(job, pods, tail);
}
