import type { KubeObject } from '../../kube/object.ts';
import { controllerOf } from '../workloads/ownership.ts';
import { jobRow, type JobRow } from './jobRow.ts';
import { jobBackoff, jobDeadline, jobFailure, lastFailedPod, podExit, type JobFailure } from './jobState.ts';

/** The annotation (and label) the job controller puts on each pod of an Indexed Job. */
const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

/** One pod of the Job, with how it ended. */
export interface JobPod {
  name: string;
  phase: string;
  /** The completion index of an Indexed Job's pod. */
  index?: number;
  node?: string;
  /** The container that decided the outcome (the first non-zero exit, else the last one that ended). */
  container?: string;
  exitCode?: number;
  /** Terminated reason: Completed, Error, OOMKilled, DeadlineExceeded… */
  reason?: string;
  restarts: number;
  startTime?: string;
  finishedAt?: string;
  deleting: boolean;
}

export interface JobContainer {
  name: string;
  image: string;
  command: string[];
}

/** The Job page's view model: the list row's facts, and what only the page shows. */
export interface JobDetail extends JobRow {
  generation: number;
  annotations: Record<string, string>;
  backoff: { used: number; limit: number };
  /** activeDeadlineSeconds, and while running the instant the controller fails the Job. */
  deadline?: { seconds: number; deadlineAt?: string };
  ttlSecondsAfterFinished?: number;
  restartPolicy: string;
  podFailurePolicy: boolean;
  containers: JobContainer[];
  /** Why it failed, when it did; `logTail` is the last lines of the last failed pod's log. */
  failure?: JobFailure & { logTail?: string[] };
  pods: JobPod[];
  conditions: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[];
}

function restartsOf(pod: Readonly<KubeObject>): number {
  let n = 0;
  for (const s of (pod.status?.containerStatuses as { restartCount?: number }[] | undefined) ?? []) n += s.restartCount ?? 0;
  return n;
}

export function jobPods(job: Readonly<KubeObject>, pods: Iterable<Readonly<KubeObject>>): Readonly<KubeObject>[] {
  const uid = job.metadata.uid;
  return [...pods].filter((p) => controllerOf(p)?.uid === uid);
}

function jobPod(p: Readonly<KubeObject>): JobPod {
  const exit = podExit(p);
  const ix = p.metadata.annotations?.[COMPLETION_INDEX] ?? p.metadata.labels?.[COMPLETION_INDEX];
  const out: JobPod = { name: p.metadata.name ?? '', phase: p.status?.phase ?? 'Pending', restarts: restartsOf(p), deleting: !!p.metadata.deletionTimestamp };
  if (ix !== undefined && /^\d+$/.test(ix)) out.index = Number(ix);
  if (p.spec?.nodeName) out.node = p.spec.nodeName as string;
  if (exit.container !== undefined) out.container = exit.container;
  if (exit.exitCode !== undefined) out.exitCode = exit.exitCode;
  if (exit.reason !== undefined) out.reason = exit.reason;
  if (p.status?.startTime) out.startTime = p.status.startTime as string;
  if (exit.finishedAt !== undefined) out.finishedAt = exit.finishedAt;
  return out;
}

/** The last failed pod of a failed Job, whose log tail the failure sentence quotes; undefined otherwise. */
export function failingPod(job: Readonly<KubeObject>, pods: readonly Readonly<KubeObject>[]): Readonly<KubeObject> | undefined {
  return jobFailure(job) ? lastFailedPod(pods) : undefined;
}

export function jobDetail(job: Readonly<KubeObject>, pods: readonly Readonly<KubeObject>[], logTail?: string[]): JobDetail {
  const own = jobPods(job, pods);
  const failed = failingPod(job, own);
  const failure = jobFailure(job, failed ? { pod: failed.metadata.name ?? '', ...podExit(failed) } : undefined);
  const deadline = jobDeadline(job);
  const ttl = job.spec?.ttlSecondsAfterFinished;
  const containers = ((job.spec?.template?.spec?.containers as { name?: string; image?: string; command?: string[]; args?: string[] }[] | undefined) ?? []).map((c) => ({
    name: c.name ?? '',
    image: c.image ?? '',
    command: [...(c.command ?? []), ...(c.args ?? [])],
  }));
  return {
    ...jobRow(job as KubeObject),
    generation: job.metadata.generation ?? 0,
    annotations: job.metadata.annotations ?? {},
    backoff: jobBackoff(job),
    ...(deadline ? { deadline } : {}),
    ...(typeof ttl === 'number' ? { ttlSecondsAfterFinished: ttl } : {}),
    restartPolicy: job.spec?.template?.spec?.restartPolicy ?? 'Never',
    podFailurePolicy: !!job.spec?.podFailurePolicy,
    containers,
    ...(failure ? { failure: { ...failure, ...(logTail ? { logTail } : {}) } } : {}),
    pods: own.map(jobPod).sort((a, b) => (a.index ?? 0) - (b.index ?? 0) || (a.startTime ?? '').localeCompare(b.startTime ?? '') || a.name.localeCompare(b.name)),
    conditions: ((job.status?.conditions ?? []) as JobDetail['conditions']).map((c) => ({ ...c })),
  };
}
