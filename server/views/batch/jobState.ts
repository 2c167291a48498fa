import type { KubeObject } from '../../kube/object.ts';

/**
 * Where a Job stands, read from its status the way kubectl and the job controller
 * (pkg/controller/job) mean it: the terminal conditions Complete and Failed decide, an
 * interim FailureTarget / SuccessCriteriaMet (Kubernetes 1.31+) already fixes the outcome
 * while the last pods terminate, Suspended=True means spec.suspend took effect.
 */
export type JobStatus = 'Running' | 'Complete' | 'Failed' | 'Suspended' | 'Pending';

/** The shape of a run, in the words of the Kubernetes Job documentation. */
export type JobRunKind = 'oneOff' | 'fixedCount' | 'parallel' | 'workQueue';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

function conditions(job: Readonly<KubeObject>): Condition[] {
  return (job.status?.conditions as Condition[] | undefined) ?? [];
}

function isTrue(job: Readonly<KubeObject>, type: string): Condition | undefined {
  return conditions(job).find((c) => c.type === type && c.status === 'True');
}

export function jobStatus(job: Readonly<KubeObject>): JobStatus {
  if (isTrue(job, 'Failed') || isTrue(job, 'FailureTarget')) return 'Failed';
  if (isTrue(job, 'Complete') || isTrue(job, 'SuccessCriteriaMet')) return 'Complete';
  if (isTrue(job, 'Suspended') || (job.spec?.suspend === true && !job.status?.active)) return 'Suspended';
  if (job.status?.startTime || job.status?.active) return 'Running';
  return 'Pending';
}

/** Complete or Failed: nothing more will run. */
export function jobFinished(job: Readonly<KubeObject>): boolean {
  const s = jobStatus(job);
  return s === 'Complete' || s === 'Failed';
}

/**
 * spec.completions as the API server defaults it: both completions and parallelism unset means
 * one completion; completions unset with parallelism set is a work queue (null: done when any
 * pod succeeds and the rest have exited).
 */
export function jobCompletions(job: Readonly<KubeObject>): number | null {
  const s = job.spec ?? {};
  if (typeof s.completions === 'number') return s.completions;
  return s.parallelism === undefined || s.parallelism === null ? 1 : null;
}

export function jobParallelism(job: Readonly<KubeObject>): number {
  return typeof job.spec?.parallelism === 'number' ? job.spec.parallelism : 1;
}

/** completions=1, parallelism=1: one-off; completions>1, parallelism=1: fixed count; parallelism>1: parallel; no completions: work queue. */
export function jobRunKind(job: Readonly<KubeObject>): JobRunKind {
  const completions = jobCompletions(job);
  if (completions === null) return 'workQueue';
  if (jobParallelism(job) > 1 && completions > 1) return 'parallel';
  return completions > 1 ? 'fixedCount' : 'oneOff';
}

export interface JobProgress {
  succeeded: number;
  /** null for a work-queue Job. */
  completions: number | null;
  active: number;
  ready: number;
  failed: number;
  terminating: number;
  parallelism: number;
  completionMode: 'NonIndexed' | 'Indexed';
  /** status.completedIndexes of an Indexed Job ("0-2,5"); '' when none or not Indexed. */
  completedIndexes: string;
  /** status.failedIndexes (with backoffLimitPerIndex). */
  failedIndexes: string;
}

export function jobProgress(job: Readonly<KubeObject>): JobProgress {
  const st = job.status ?? {};
  const indexed = job.spec?.completionMode === 'Indexed';
  return {
    succeeded: st.succeeded ?? 0,
    completions: jobCompletions(job),
    active: st.active ?? 0,
    ready: st.ready ?? 0,
    failed: st.failed ?? 0,
    terminating: st.terminating ?? 0,
    parallelism: jobParallelism(job),
    completionMode: indexed ? 'Indexed' : 'NonIndexed',
    completedIndexes: indexed ? (st.completedIndexes ?? '') : '',
    failedIndexes: indexed ? (st.failedIndexes ?? '') : '',
  };
}

/** `3/5`, or `3` for a work queue. */
export function jobProgressText(p: Pick<JobProgress, 'succeeded' | 'completions'>): string {
  return p.completions === null ? String(p.succeeded) : `${p.succeeded}/${p.completions}`;
}

/** The pod failures counted against spec.backoffLimit (default 6, as the API server defaults it). */
export function jobBackoff(job: Readonly<KubeObject>): { used: number; limit: number } {
  const limit = typeof job.spec?.backoffLimit === 'number' ? job.spec.backoffLimit : 6;
  return { used: job.status?.failed ?? 0, limit };
}

/** When the Job ended: completionTime, else (a failed Job has none) the Failed condition's transition. */
export function jobEndTime(job: Readonly<KubeObject>): string | undefined {
  if (job.status?.completionTime) return job.status.completionTime as string;
  return isTrue(job, 'Failed')?.lastTransitionTime ?? isTrue(job, 'Complete')?.lastTransitionTime;
}

/** Seconds from startTime to the end (or to `now` while it runs); undefined before it started. */
export function jobDurationSeconds(job: Readonly<KubeObject>, now: number = Date.now()): number | undefined {
  const start = Date.parse((job.status?.startTime as string | undefined) ?? '');
  if (Number.isNaN(start)) return undefined;
  const endIso = jobEndTime(job);
  const end = endIso ? Date.parse(endIso) : jobStatus(job) === 'Suspended' ? Number.NaN : now;
  if (Number.isNaN(end)) return undefined;
  return Math.max(0, Math.round((end - start) / 1000));
}

/**
 * activeDeadlineSeconds counts from status.startTime (reset on resume, as the job controller
 * does) while the Job runs; `deadlineAt` is when the controller will fail it with DeadlineExceeded.
 */
export function jobDeadline(job: Readonly<KubeObject>): { seconds: number; deadlineAt?: string } | undefined {
  const seconds = job.spec?.activeDeadlineSeconds;
  if (typeof seconds !== 'number') return undefined;
  const start = Date.parse((job.status?.startTime as string | undefined) ?? '');
  if (Number.isNaN(start) || jobStatus(job) !== 'Running') return { seconds };
  return { seconds, deadlineAt: new Date(start + seconds * 1000).toISOString() };
}

/** The CronJob that created this Job (its controller owner reference), if any. */
export function jobCronJob(job: Readonly<KubeObject>): string | undefined {
  const ref = job.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'CronJob');
  return ref?.name;
}

/** What the last failed pod told: its name, container, exit code and termination reason. */
export interface FailedPodFacts {
  pod: string;
  container?: string;
  exitCode?: number;
  reason?: string;
}

/**
 * Why a Job failed, as a code the SPA words: the Failed condition's reason
 * (BackoffLimitExceeded, DeadlineExceeded, PodFailurePolicy, MaxFailedIndexesExceeded,
 * FailedIndexes) with what makes it concrete; any other reason travels as `Other` with the
 * controller's own message.
 */
export type JobFailure =
  | { code: 'BackoffLimitExceeded'; params: { failed: number; limit: number } & Partial<FailedPodFacts> }
  | { code: 'DeadlineExceeded'; params: { seconds: number } }
  | { code: 'PodFailurePolicy'; params: { message: string } & Partial<FailedPodFacts> }
  | { code: 'MaxFailedIndexesExceeded'; params: { failedIndexes: string; max: number } }
  | { code: 'FailedIndexes'; params: { failedIndexes: string } }
  | { code: 'Other'; params: { reason: string; message: string } };

export function jobFailure(job: Readonly<KubeObject>, lastFailed?: FailedPodFacts): JobFailure | undefined {
  const c = isTrue(job, 'Failed') ?? isTrue(job, 'FailureTarget');
  if (!c) return undefined;
  const pod = lastFailed ? stripUndefined(lastFailed) : {};
  switch (c.reason) {
    case 'BackoffLimitExceeded': {
      const { used, limit } = jobBackoff(job);
      return { code: 'BackoffLimitExceeded', params: { failed: used, limit, ...pod } };
    }
    case 'DeadlineExceeded':
      return { code: 'DeadlineExceeded', params: { seconds: job.spec?.activeDeadlineSeconds ?? 0 } };
    case 'PodFailurePolicy': {
      // The controller's message names the container, exit code and rule index, and the pod
      // that matched the rule, which need not be the last to fail: facts of another pod stay out.
      const named = /(?:for pod|^Pod) [^/\s]+\/(\S+)/.exec(c.message ?? '')?.[1];
      const facts = !named || named === pod.pod ? pod : { pod: named };
      return { code: 'PodFailurePolicy', params: { message: c.message ?? '', ...facts } };
    }
    case 'MaxFailedIndexesExceeded':
      return { code: 'MaxFailedIndexesExceeded', params: { failedIndexes: job.status?.failedIndexes ?? '', max: job.spec?.maxFailedIndexes ?? 0 } };
    case 'FailedIndexes':
      return { code: 'FailedIndexes', params: { failedIndexes: job.status?.failedIndexes ?? '' } };
    default:
      return { code: 'Other', params: { reason: c.reason ?? '', message: c.message ?? '' } };
  }
}

function stripUndefined(f: FailedPodFacts): Partial<FailedPodFacts> {
  const out: Partial<FailedPodFacts> = { pod: f.pod };
  if (f.container !== undefined) out.container = f.container;
  if (f.exitCode !== undefined) out.exitCode = f.exitCode;
  if (f.reason !== undefined) out.reason = f.reason;
  return out;
}

interface TerminatedState {
  exitCode?: number;
  reason?: string;
  finishedAt?: string;
}
interface ContainerStatus {
  name: string;
  state?: { terminated?: TerminatedState };
  lastState?: { terminated?: TerminatedState };
}

/** The container that ended a pod with a non-zero exit code (or the last terminated one), for the failure sentence. */
export function podExit(pod: Readonly<KubeObject>): { container?: string; exitCode?: number; reason?: string; finishedAt?: string } {
  const statuses = [...((pod.status?.initContainerStatuses as ContainerStatus[] | undefined) ?? []), ...((pod.status?.containerStatuses as ContainerStatus[] | undefined) ?? [])];
  let found: { container?: string; exitCode?: number; reason?: string; finishedAt?: string } = {};
  for (const s of statuses) {
    const t = s.state?.terminated ?? s.lastState?.terminated;
    if (!t) continue;
    const here = { container: s.name, exitCode: t.exitCode, reason: t.reason, finishedAt: t.finishedAt };
    if ((t.exitCode ?? 0) !== 0) return here;
    found = here;
  }
  return found;
}

/** Of a Job's pods, the failed one that finished last (the one whose exit ended the Job, typically). */
export function lastFailedPod(pods: readonly Readonly<KubeObject>[]): Readonly<KubeObject> | undefined {
  const failed = pods.filter((p) => p.status?.phase === 'Failed');
  const when = (p: Readonly<KubeObject>): string => podExit(p).finishedAt ?? p.metadata.creationTimestamp ?? '';
  return failed.sort((a, b) => when(b).localeCompare(when(a)))[0];
}
