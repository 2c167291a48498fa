import { rfc3339, type KubeObject } from '../../kube/object.ts';
import type { PodFailurePolicy } from './jobPodFailurePolicy.ts';

/** Labels, annotations and finalizer the Job controller puts on its pods (batch/v1 constants). */
export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
  completionIndex: 'batch.kubernetes.io/job-completion-index',
  /** backoffLimitPerIndex: the failures (and ignored failures) of the index before this pod. */
  indexFailureCount: 'batch.kubernetes.io/job-index-failure-count',
  indexIgnoredFailureCount: 'batch.kubernetes.io/job-index-ignored-failure-count',
} as const;
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

export interface JobCondition {
  type: 'Complete' | 'Failed' | 'Suspended' | 'FailureTarget' | 'SuccessCriteriaMet';
  status: 'True' | 'False';
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** The knobs of a Job spec, with the API server's defaults filled in. */
export interface JobSettings {
  parallelism: number;
  /** undefined: a work-queue job, complete when any pod succeeds. */
  completions: number | undefined;
  backoffLimit: number;
  indexed: boolean;
  suspend: boolean;
  activeDeadlineSeconds: number | undefined;
  ttlSecondsAfterFinished: number | undefined;
  restartPolicy: string;
  podFailurePolicy: PodFailurePolicy | undefined;
  /** podReplacementPolicy Failed (the default with a podFailurePolicy): a terminating pod is neither failed nor replaced yet. */
  onlyReplaceFailedPods: boolean;
  /** Indexed jobs only: failures allowed per index before the index fails. */
  backoffLimitPerIndex: number | undefined;
  maxFailedIndexes: number | undefined;
}

export function jobSettings(job: Readonly<KubeObject>): JobSettings {
  const s = job.spec ?? {};
  const bothUnset = s.completions === undefined && s.parallelism === undefined;
  return {
    parallelism: s.parallelism ?? 1,
    completions: bothUnset ? 1 : (s.completions ?? undefined),
    backoffLimit: s.backoffLimit ?? 6,
    indexed: s.completionMode === 'Indexed',
    suspend: s.suspend === true,
    activeDeadlineSeconds: s.activeDeadlineSeconds ?? undefined,
    ttlSecondsAfterFinished: s.ttlSecondsAfterFinished ?? undefined,
    restartPolicy: s.template?.spec?.restartPolicy ?? 'Never',
    podFailurePolicy: s.podFailurePolicy ?? undefined,
    onlyReplaceFailedPods: s.podReplacementPolicy === 'Failed' || !!s.podFailurePolicy,
    backoffLimitPerIndex: s.completionMode === 'Indexed' ? (s.backoffLimitPerIndex ?? undefined) : undefined,
    maxFailedIndexes: s.maxFailedIndexes ?? undefined,
  };
}

export function findCondition(job: Readonly<KubeObject>, type: JobCondition['type']): JobCondition | undefined {
  return (job.status?.conditions as JobCondition[] | undefined)?.find((c) => c.type === type);
}

/** Complete or Failed is True: the Job is done for good. */
export function finishedCondition(job: Readonly<KubeObject>): JobCondition | undefined {
  return (job.status?.conditions as JobCondition[] | undefined)?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

export function newCondition(type: JobCondition['type'], status: JobCondition['status'], reason?: string, message?: string): JobCondition {
  const now = rfc3339();
  const c: JobCondition = { type, status, lastProbeTime: now, lastTransitionTime: now };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** ensureJobConditionStatus: update an existing condition when its status flips, add a True one. Returns whether anything changed. */
export function ensureCondition(conditions: JobCondition[], type: JobCondition['type'], status: JobCondition['status'], reason: string, message: string): boolean {
  const existing = conditions.find((c) => c.type === type);
  if (existing) {
    if (existing.status === status) return false;
    Object.assign(existing, newCondition(type, status, reason, message));
    return true;
  }
  if (status !== 'True') return false;
  conditions.push(newCondition(type, status, reason, message));
  return true;
}

export function hasTrackingFinalizer(pod: Readonly<KubeObject>): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/**
 * isPodFailed: failed, or (podReplacementPolicy TerminatingOrFailed, the default without a
 * podFailurePolicy) being deleted before it succeeded.
 */
export function isPodFailed(pod: Readonly<KubeObject>, onlyReplaceFailedPods = false): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods) return false;
  return !!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

/** What CountTerminatingPods counts: being deleted and not finished yet. */
export function isTerminatingUnfinished(pod: Readonly<KubeObject>): boolean {
  return !!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

export function completionIndex(pod: Readonly<KubeObject>): number | undefined {
  const v = pod.metadata.annotations?.[JOB_LABELS.completionIndex] ?? pod.metadata.labels?.[JOB_LABELS.completionIndex];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** "1,3-5,7" → {1,3,4,5,7} (status.completedIndexes). */
export function parseIndexes(s: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) out.add(i);
  }
  return out;
}

export function formatIndexes(set: ReadonlySet<number>): string {
  const sorted = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Container restarts of pods still running (restartPolicy OnFailure counts these toward backoffLimit). */
export function restartsOfLivePods(pods: readonly Readonly<KubeObject>[]): number {
  let n = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...((p.status?.initContainerStatuses as { restartCount?: number }[] | undefined) ?? []), ...((p.status?.containerStatuses as { restartCount?: number }[] | undefined) ?? [])]) {
      n += s.restartCount ?? 0;
    }
  }
  return n;
}

/** Pod failure back-off before the next replacement: 10s doubling per failure, at most 10 minutes. */
export function failureBackoffMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(10_000 * 2 ** (consecutiveFailures - 1), 600_000);
}
