/**
 * The create forms of Jobs and CronJobs, checked as they are typed with the rules the BFF and
 * the API server apply (server/kube: names, image references, integers, the cron parser), so
 * nothing invalid is sent. A problem is a code with parameters, worded in the page's language.
 */
import { cronScheduleError, isValidTimeZone } from '../../../../server/kube/cronSchedule.ts';
import { imageReferenceProblem } from '../../../../server/kube/imageReference.ts';
import { integerProblem } from '../../../../server/kube/integers.ts';
import { nameProblems } from '../../../../server/kube/names.ts';
import type { Translate } from '../../i18n/translate.ts';

export type Problem =
  | { code: 'required' }
  | { code: 'name'; max: number }
  | { code: 'namespace' }
  | { code: 'image' }
  | { code: 'wholeNumber' }
  | { code: 'atLeast'; min: number }
  | { code: 'atMost'; max: number }
  | { code: 'tooLong'; max: number }
  | { code: 'schedule'; reason: string }
  | { code: 'tzPrefix' }
  | { code: 'timeZone'; zone: string }
  | { code: 'timeZoneVersion'; version: string }
  | { code: 'kind'; expected: string; found: string }
  | { code: 'mapping' };

export type Problems<F extends string> = Partial<Record<F, Problem>>;

/**
 * Job names become the `job-name` label of their pods (at most 63 characters); the CronJob
 * controller appends 11 characters to a CronJob's name to name its Jobs, so those stop at 52.
 */
export const NAME_MAX = { Job: 63, CronJob: 52 } as const;

export function nameProblem(name: string, max: number): Problem | undefined {
  if (!name) return { code: 'required' };
  if (nameProblems('dns1123Subdomain', name).length || name.length > max) return { code: 'name', max };
  return undefined;
}

export function namespaceProblem(ns: string): Problem | undefined {
  if (!ns) return { code: 'required' };
  return nameProblems('dns1123Label', ns).length ? { code: 'namespace' } : undefined;
}

function imageProblem(image: string): Problem | undefined {
  if (!image.trim()) return { code: 'required' };
  return imageReferenceProblem(image.trim()) ? { code: 'image' } : undefined;
}

/** An optional whole number typed in a field: '' is "the API server's default". */
export function wholeNumber(text: string, min: number, type: 'int32' | 'int64' = 'int32'): { value?: number; problem?: Problem } {
  const s = text.trim();
  if (!s) return {};
  if (!/^[+-]?\d+$/.test(s)) return { problem: { code: 'wholeNumber' } };
  const value = Number(s);
  if (value < min) return { problem: { code: 'atLeast', min } };
  if (integerProblem('x', value, { type })) return { problem: { code: 'atMost', max: type === 'int32' ? 2147483647 : Number.MAX_SAFE_INTEGER } };
  return { value };
}

/** A schedule as kube-apiserver validates it: robfig/cron's parser, and no TZ= prefix (spec.timeZone instead). */
export function scheduleProblem(schedule: string): Problem | undefined {
  if (!schedule.trim()) return { code: 'required' };
  if (/^\s*(CRON_)?TZ=/.test(schedule)) return { code: 'tzPrefix' };
  if (schedule.length > 1024) return { code: 'tooLong', max: 1024 };
  const reason = cronScheduleError(schedule);
  return reason ? { code: 'schedule', reason } : undefined;
}

/** spec.timeZone: an IANA zone the runtime knows, and only on batch/v1 (v1beta1 has no such field). */
export function timeZoneProblem(zone: string, version: string): Problem | undefined {
  if (!zone) return undefined;
  if (version !== 'v1') return { code: 'timeZoneVersion', version };
  return zone.length > 256 || !isValidTimeZone(zone) ? { code: 'timeZone', zone } : undefined;
}

function commandProblem(command: string, max: number): Problem | undefined {
  return command.length > max ? { code: 'tooLong', max } : undefined;
}

/** Drops the fields without a problem, so `Object.keys(problems).length` counts the real ones. */
function only<F extends string>(all: Record<F, Problem | undefined>): Problems<F> {
  return Object.fromEntries(Object.entries(all).filter(([, p]) => p !== undefined)) as Problems<F>;
}

export interface JobFormInput {
  namespace: string;
  name: string;
  image: string;
  command: string;
  completions: string;
  parallelism: string;
  backoffLimit: string;
  completionMode: 'NonIndexed' | 'Indexed';
  restartPolicy: 'Never' | 'OnFailure';
}

/** The body of POST …/jobs {form}: see server/actions/jobEdits.ts jobFromForm. */
export interface JobFormBody {
  name: string;
  image: string;
  command: string;
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  completionMode: 'NonIndexed' | 'Indexed';
  restartPolicy: 'Never' | 'OnFailure';
}

export function checkJobForm(f: JobFormInput): { problems: Problems<keyof JobFormInput>; body?: JobFormBody } {
  const completions = wholeNumber(f.completions, 0);
  const parallelism = wholeNumber(f.parallelism, 0);
  const backoffLimit = wholeNumber(f.backoffLimit, 0);
  const problems = only<keyof JobFormInput>({
    namespace: namespaceProblem(f.namespace),
    name: nameProblem(f.name, NAME_MAX.Job),
    image: imageProblem(f.image),
    command: commandProblem(f.command, 10_000),
    // An Indexed Job needs a count of indexes.
    completions: completions.problem ?? (f.completionMode === 'Indexed' && completions.value === undefined ? { code: 'required' } : undefined),
    parallelism: parallelism.problem,
    backoffLimit: backoffLimit.problem,
    completionMode: undefined,
    restartPolicy: undefined,
  });
  if (Object.keys(problems).length) return { problems };
  return {
    problems,
    body: {
      name: f.name,
      image: f.image.trim(),
      command: f.command,
      ...(completions.value !== undefined ? { completions: completions.value } : {}),
      ...(parallelism.value !== undefined ? { parallelism: parallelism.value } : {}),
      ...(backoffLimit.value !== undefined ? { backoffLimit: backoffLimit.value } : {}),
      completionMode: f.completionMode,
      restartPolicy: f.restartPolicy,
    },
  };
}

export const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'] as const;

export interface CronJobFormInput {
  namespace: string;
  name: string;
  schedule: string;
  timeZone: string;
  concurrencyPolicy: (typeof CONCURRENCY_POLICIES)[number];
  suspend: boolean;
  startingDeadlineSeconds: string;
  image: string;
  command: string;
}

/** The body of POST …/cronjobs (the form's fields): see server/actions/cronJobEdits.ts cronJobFromForm. */
export interface CronJobFormBody {
  name: string;
  schedule: string;
  timeZone?: string;
  concurrencyPolicy: string;
  suspend: boolean;
  startingDeadlineSeconds?: number;
  image: string;
  command?: string;
}

export function checkCronJobForm(f: CronJobFormInput, version: string): { problems: Problems<keyof CronJobFormInput>; body?: CronJobFormBody } {
  const deadline = wholeNumber(f.startingDeadlineSeconds, 0, 'int64');
  const problems = only<keyof CronJobFormInput>({
    namespace: namespaceProblem(f.namespace),
    name: nameProblem(f.name, NAME_MAX.CronJob),
    schedule: scheduleProblem(f.schedule),
    timeZone: timeZoneProblem(f.timeZone.trim(), version),
    concurrencyPolicy: undefined,
    suspend: undefined,
    startingDeadlineSeconds: deadline.problem,
    image: imageProblem(f.image),
    command: commandProblem(f.command, 4096),
  });
  if (Object.keys(problems).length) return { problems };
  return {
    problems,
    body: {
      name: f.name,
      schedule: f.schedule,
      ...(f.timeZone.trim() ? { timeZone: f.timeZone.trim() } : {}),
      concurrencyPolicy: f.concurrencyPolicy,
      suspend: f.suspend,
      ...(deadline.value !== undefined ? { startingDeadlineSeconds: deadline.value } : {}),
      image: f.image.trim(),
      ...(f.command.trim() ? { command: f.command } : {}),
    },
  };
}

/** The problems to show: all once a create was refused; before that all but "required" (a field not filled in yet). */
export function visibleProblems<F extends string>(problems: Problems<F>, refused: boolean): Problems<F> {
  if (refused) return problems;
  return Object.fromEntries(Object.entries<Problem | undefined>(problems).filter(([, p]) => p && p.code !== 'required')) as Problems<F>;
}

/** A problem in the page's language. */
export function problemText(p: Problem, t: Translate): string {
  switch (p.code) {
    case 'required':
      return t('jobs.problem.required');
    case 'name':
      return t('jobs.problem.name', { max: p.max });
    case 'namespace':
      return t('jobs.problem.namespace');
    case 'image':
      return t('jobs.problem.image');
    case 'wholeNumber':
      return t('jobs.problem.wholeNumber');
    case 'atLeast':
      return t('jobs.problem.atLeast', { min: p.min });
    case 'atMost':
      return t('jobs.problem.atMost', { max: p.max });
    case 'tooLong':
      return t('jobs.problem.tooLong', { max: p.max });
    case 'schedule':
      return t('cronjobs.invalid', { reason: p.reason });
    case 'tzPrefix':
      return t('jobs.problem.tzPrefix');
    case 'timeZone':
      return t('jobs.problem.timeZone', { zone: p.zone });
    case 'timeZoneVersion':
      return t('jobs.problem.timeZoneVersion', { version: p.version });
    case 'kind':
      return t('jobs.problem.kind', { expected: p.expected, found: p.found });
    case 'mapping':
      return t('jobs.problem.mapping');
  }
}
