import type { KubeObject } from '../../kube/object.ts';
import type { ApiResource } from '../cache/apiResource.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewDefinition } from '../view.ts';
import { templateImages } from '../workloads/ownership.ts';
import { jobCronJob, jobEndTime, jobProgress, jobRunKind, jobStatus, type JobProgress, type JobRunKind, type JobStatus } from './jobState.ts';

export const JOBS: ApiResource = { group: 'batch', version: 'v1', plural: 'jobs', namespaced: true };

/**
 * One line of the Job list: progress as the controller reports it (status.succeeded against
 * spec.completions), not the spec alone. Everything comes from the Job's own status, so the
 * view watches Jobs only.
 */
export interface JobRow extends Row, JobProgress {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  status: JobStatus;
  /** The Failed (or FailureTarget) condition's reason, e.g. BackoffLimitExceeded. */
  failureReason: string;
  runKind: JobRunKind;
  suspend: boolean;
  images: string[];
  /** The owning CronJob's name, or ''. */
  cronJob: string;
  startTime: string;
  /** completionTime, or when it failed; '' while it runs. */
  endTime: string;
  labels: Record<string, string>;
  creationTimestamp: string;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
}

export function jobRow(job: KubeObject): JobRow {
  const failed = ((job.status?.conditions as Condition[] | undefined) ?? []).find((c) => (c.type === 'Failed' || c.type === 'FailureTarget') && c.status === 'True');
  return {
    key: keyOf(job),
    namespace: job.metadata.namespace ?? '',
    name: job.metadata.name ?? '',
    uid: job.metadata.uid ?? '',
    resourceVersion: job.metadata.resourceVersion ?? '',
    status: jobStatus(job),
    failureReason: failed?.reason ?? '',
    runKind: jobRunKind(job),
    ...jobProgress(job),
    suspend: job.spec?.suspend === true,
    images: templateImages(job.spec?.template),
    cronJob: jobCronJob(job) ?? '',
    startTime: (job.status?.startTime as string | undefined) ?? '',
    endTime: jobEndTime(job) ?? '',
    labels: job.metadata.labels ?? {},
    creationTimestamp: job.metadata.creationTimestamp ?? '',
  };
}

export const jobsView: ViewDefinition<JobRow> = {
  resources: [JOBS],
  project: jobRow,
};
