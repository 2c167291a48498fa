/**
 * The CronJobs list and page, live: one row per CronJob with its schedule and settings, its
 * status, its timing warnings and the history of the Jobs it owns (newest first). The page of
 * one CronJob subscribes to the same view narrowed by `name`, so trigger-now's Job appears and
 * completes on it without a reload. The CronJob resource is read in the version the cluster
 * serves (batchVersion.ts); Jobs are batch/v1 on every supported cluster. The warnings also
 * change with time alone, so the view asks to be recomputed when the next one could appear.
 */
import type { ClusterContext } from '../../clusters/types.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { ApiResource } from '../cache/apiResource.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewCaches, ViewDefinition } from '../view.ts';
import { controlledBy, templateImages } from '../workloads/ownership.ts';
import { ownerRowKey } from '../workloads/statefulSetRow.ts';
import { cronJobVersionOf, type CronJobVersion } from './batchVersion.ts';
import { cronJobWarnings, nextWarningCheck, type CronJobWarning } from './cronJobWarnings.ts';
import { jobDurationSeconds, jobEndTime, jobStatus, type JobStatus } from './jobState.ts';

/** kubectl create job --from=cronjob/… marks the Jobs it makes with this annotation. */
export const MANUAL_ANNOTATION = 'cronjob.kubernetes.io/instantiate';
export const SCHEDULED_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export interface CronJobRun {
  name: string;
  status: JobStatus;
  /** Created by "trigger now" (or kubectl create job --from), not by the schedule. */
  manual: boolean;
  scheduledAt?: string;
  creationTimestamp: string;
  startTime?: string;
  endTime?: string;
  /** Finished Jobs only; a running Job's duration grows on the page from startTime. */
  durationSeconds?: number;
}

export interface CronJobRow extends Row {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  /** `batch/v1`, `batch/v1beta1`, `batch/v2alpha1`: what the console reads and writes it as. */
  apiVersion: string;
  schedule: string;
  /** spec.timeZone; without it the schedule runs in the controller's zone (UTC unless the cluster says otherwise). */
  timeZone?: string;
  suspend: boolean;
  concurrencyPolicy: string;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit: number;
  failedJobsHistoryLimit: number;
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
  /** status.active, the Jobs the controller counts as running. */
  active: string[];
  /** Owned Jobs, newest first. */
  jobs: CronJobRun[];
  warnings: CronJobWarning[];
  images: string[];
  labels: Record<string, string>;
  creationTimestamp: string;
}

function runOf(job: KubeObject, now: number): CronJobRun {
  const annotations = job.metadata.annotations ?? {};
  const end = jobEndTime(job);
  return {
    name: job.metadata.name ?? '',
    status: jobStatus(job),
    manual: annotations[MANUAL_ANNOTATION] === 'manual',
    ...(annotations[SCHEDULED_ANNOTATION] ? { scheduledAt: annotations[SCHEDULED_ANNOTATION] } : {}),
    creationTimestamp: job.metadata.creationTimestamp ?? '',
    ...(job.status?.startTime ? { startTime: job.status.startTime as string } : {}),
    ...(end ? { endTime: end, durationSeconds: jobDurationSeconds(job, now) } : {}),
  };
}

const newestFirst = (a: CronJobRun, b: CronJobRun) => (b.startTime ?? b.creationTimestamp).localeCompare(a.startTime ?? a.creationTimestamp) || b.name.localeCompare(a.name);

export function cronJobRow(cj: KubeObject, caches: ViewCaches, version: CronJobVersion, now: Date = new Date()): CronJobRow {
  const jobs = controlledBy(caches.get('jobs.batch').inNamespaces([cj.metadata.namespace ?? '']), cj.metadata.uid);
  const spec = cj.spec ?? {};
  const status = cj.status ?? {};
  return {
    key: keyOf(cj),
    namespace: cj.metadata.namespace ?? '',
    name: cj.metadata.name ?? '',
    uid: cj.metadata.uid ?? '',
    resourceVersion: cj.metadata.resourceVersion ?? '',
    generation: cj.metadata.generation ?? 0,
    // List items may come without apiVersion: the version is the one the informer asked for.
    apiVersion: `batch/${version}`,
    schedule: String(spec.schedule ?? ''),
    ...(spec.timeZone ? { timeZone: String(spec.timeZone) } : {}),
    suspend: spec.suspend === true,
    concurrencyPolicy: String(spec.concurrencyPolicy ?? 'Allow'),
    ...(typeof spec.startingDeadlineSeconds === 'number' ? { startingDeadlineSeconds: spec.startingDeadlineSeconds } : {}),
    // The API server's defaults when unset (batch/v1 and v1beta1 alike).
    successfulJobsHistoryLimit: typeof spec.successfulJobsHistoryLimit === 'number' ? spec.successfulJobsHistoryLimit : 3,
    failedJobsHistoryLimit: typeof spec.failedJobsHistoryLimit === 'number' ? spec.failedJobsHistoryLimit : 1,
    ...(status.lastScheduleTime ? { lastScheduleTime: String(status.lastScheduleTime) } : {}),
    ...(status.lastSuccessfulTime ? { lastSuccessfulTime: String(status.lastSuccessfulTime) } : {}),
    active: ((status.active as { name?: string }[] | undefined) ?? []).map((r) => r.name ?? ''),
    jobs: jobs.map((j) => runOf(j, now.getTime())).sort(newestFirst),
    warnings: cronJobWarnings(cj, now),
    images: templateImages(spec.jobTemplate?.spec?.template),
    labels: cj.metadata.labels ?? {},
    creationTimestamp: cj.metadata.creationTimestamp ?? '',
  };
}

export function cronJobResource(version: CronJobVersion): ApiResource {
  return { group: 'batch', version, plural: 'cronjobs', namespaced: true };
}

const JOBS: ApiResource = { group: 'batch', version: 'v1', plural: 'jobs', namespaced: true };

/** The view over CronJobs in `version`; params `name` narrows it to one CronJob (its page). */
export function cronJobsViewOf(version: CronJobVersion): ViewDefinition<CronJobRow> {
  return {
    resources: [cronJobResource(version), JOBS],
    project: (obj, caches) => cronJobRow(obj, caches, version),
    matches: (obj, params) => !params.name || obj.metadata.name === params.name,
    affectedBy: ownerRowKey('CronJob'),
    // A schedule is missed by time passing, with no object changing: the row is computed again then.
    recheckAt: nextWarningCheck,
  };
}

/** Resolves a `cronjobs` subscription to the view in the version the cluster serves. */
export function createCronJobsViewResolver(versionOf: (ctx: ClusterContext) => Promise<CronJobVersion> = cronJobVersionOf) {
  return async (ctx: ClusterContext): Promise<ViewDefinition> => cronJobsViewOf(await versionOf(ctx));
}
