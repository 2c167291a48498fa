/** The Job page's sentences as phrases: why it failed, and the kind of run, worded in the reader's language. */
import type { JobFailure, JobRunKind, JobStatus } from '../../../../server/views/batch/jobState.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { phrase, raw, type Phrase } from '../../i18n/phrase.ts';

export function failurePhrase(f: JobFailure): Phrase {
  switch (f.code) {
    case 'BackoffLimitExceeded': {
      const p = f.params;
      if (p.pod && p.exitCode !== undefined) {
        return phrase('jobs.failure.backoffExit', { failed: p.failed, limit: p.limit, pod: raw(p.pod), container: raw(p.container ?? ''), exitCode: p.exitCode });
      }
      return phrase('jobs.failure.backoff', { failed: p.failed, limit: p.limit });
    }
    case 'DeadlineExceeded':
      return phrase('jobs.failure.deadline', { seconds: f.params.seconds });
    case 'PodFailurePolicy':
      return phrase('jobs.failure.podFailurePolicy', { message: raw(f.params.message) });
    case 'MaxFailedIndexesExceeded':
      return phrase('jobs.failure.maxFailedIndexes', { indexes: raw(f.params.failedIndexes), max: f.params.max });
    case 'FailedIndexes':
      return phrase('jobs.failure.failedIndexes', { indexes: raw(f.params.failedIndexes) });
    default:
      return phrase('jobs.failure.other', { reason: raw(f.params.reason), message: raw(f.params.message) });
  }
}

export const RUN_KIND_KEYS: Record<JobRunKind, MessageKey> = {
  oneOff: 'jobs.runKind.oneOff',
  fixedCount: 'jobs.runKind.fixedCount',
  parallel: 'jobs.runKind.parallel',
  workQueue: 'jobs.runKind.workQueue',
};

export const STATUS_KEYS: Record<JobStatus, MessageKey> = {
  Running: 'jobs.status.Running',
  Complete: 'jobs.status.Complete',
  Failed: 'jobs.status.Failed',
  Suspended: 'jobs.status.Suspended',
  Pending: 'jobs.status.Pending',
};

export const STATUS_TONES: Record<JobStatus, 'ok' | 'bad' | 'progress' | 'muted'> = {
  Running: 'progress',
  Complete: 'ok',
  Failed: 'bad',
  Suspended: 'muted',
  Pending: 'muted',
};

/** `1h2m3s` for a duration in seconds. */
export function durationText(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

/** `3/5`, or `3` for a work queue (no completions). */
export function progressText(p: { succeeded: number; completions: number | null }): string {
  return p.completions === null ? String(p.succeeded) : `${p.succeeded}/${p.completions}`;
}
