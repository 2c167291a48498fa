import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../../kube/object.ts';
import { stringMap, type FieldErrors } from './fieldErrors.ts';
import { cronScheduleError } from '../../../kube/cronSchedule.ts';
import { defaultPodSpec, validatePodSpec } from './pods.ts';
import { goLabelSelector, validateSelectorAndTemplate } from './selectors.ts';
import { validatePodFailurePolicy } from './podFailurePolicy.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The pod failure and replacement policies, then the template: Jobs only run pods that end,
 * so its restartPolicy must be OnFailure or Never, and Never alone with a podFailurePolicy.
 */
function validateJobTemplate(errs: FieldErrors, spec: Json, prefix: string): void {
  validatePodFailurePolicy(errs, spec, prefix);
  validatePodSpec(errs, spec.template?.spec, `${prefix}.template.spec`);
  const policy = spec.template?.spec?.restartPolicy;
  if (policy !== 'OnFailure' && policy !== 'Never') errs.notSupported(`${prefix}.template.spec.restartPolicy`, policy ?? '', ['OnFailure', 'Never']);
  else if (spec.podFailurePolicy != null && policy !== 'Never') errs.invalid(`${prefix}.template.spec.restartPolicy`, policy, 'only "Never" is supported when podFailurePolicy is specified');
}

function defaultTemplate(spec: Json): void {
  spec.template ??= {};
  spec.template.metadata ??= {};
  defaultPodSpec((spec.template.spec ??= {}));
}

/**
 * Job create/update: SetDefaults_Job, the generated selector (`batch.kubernetes.io/controller-uid`)
 * the job strategy adds unless manualSelector, and ValidateJob. The uid is assigned here so the
 * selector can name it; the store keeps a pre-set uid.
 */
export function admitJob(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  const spec: Json = (obj.spec ??= {});
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultTemplate(spec);

  if (!old) {
    if (spec.manualSelector !== true) {
      const uid = (obj.metadata.uid ??= randomUUID());
      const name = obj.metadata.name ?? '';
      spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      spec.template.metadata.labels = {
        ...(spec.template.metadata.labels ?? {}),
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': name,
        'controller-uid': uid,
        'job-name': name,
      };
    }
  }
  // SetDefaults_Job gives a Job without labels its template's. It runs again whenever the stored
  // Job is decoded, by then with the generated labels: a Job created without labels reads back
  // with job-name and controller-uid ones, as `kubectl describe job` shows them.
  const templateLabels = spec.template?.metadata?.labels;
  if (templateLabels && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...templateLabels };

  errs.nonNegative('spec.parallelism', spec.parallelism);
  errs.nonNegative('spec.completions', spec.completions);
  errs.nonNegative('spec.backoffLimit', spec.backoffLimit);
  errs.nonNegative('spec.backoffLimitPerIndex', spec.backoffLimitPerIndex);
  errs.nonNegative('spec.maxFailedIndexes', spec.maxFailedIndexes);
  errs.nonNegative('spec.ttlSecondsAfterFinished', spec.ttlSecondsAfterFinished);
  // ValidateJobSpec allows 0 here (a pod's activeDeadlineSeconds must be at least 1).
  errs.nonNegative('spec.activeDeadlineSeconds', spec.activeDeadlineSeconds);
  if (!['NonIndexed', 'Indexed'].includes(spec.completionMode)) errs.notSupported('spec.completionMode', spec.completionMode, ['NonIndexed', 'Indexed']);
  if (spec.completionMode === 'Indexed' && spec.completions == null) errs.required('spec.completions', 'when completion mode is Indexed');
  if (spec.maxFailedIndexes != null && spec.backoffLimitPerIndex == null) errs.required('spec.backoffLimitPerIndex', 'when maxFailedIndexes is specified');
  if (spec.completionMode === 'Indexed' && spec.completions != null && spec.maxFailedIndexes != null && spec.maxFailedIndexes > spec.completions) {
    errs.invalid('spec.maxFailedIndexes', spec.maxFailedIndexes, 'must be less than or equal to completions');
  }
  if (spec.completionMode !== 'Indexed') {
    if (spec.backoffLimitPerIndex != null) errs.invalid('spec.backoffLimitPerIndex', spec.backoffLimitPerIndex, 'requires indexed completion mode');
    if (spec.maxFailedIndexes != null) errs.invalid('spec.maxFailedIndexes', spec.maxFailedIndexes, 'requires indexed completion mode');
  }
  validateSelectorAndTemplate(errs, spec, 'job');
  validateJobTemplate(errs, spec, 'spec');

  if (old) {
    if (JSON.stringify(spec.selector) !== JSON.stringify(old.spec?.selector)) errs.invalid('spec.selector', spec.selector, 'field is immutable', goLabelSelector(spec.selector));
    if (spec.completions !== old.spec?.completions && spec.completionMode !== 'Indexed') errs.invalid('spec.completions', spec.completions, 'field is immutable');
    if (spec.completionMode !== old.spec?.completionMode) errs.invalid('spec.completionMode', spec.completionMode, 'field is immutable');
    // The template may change only while the job is suspended (and has not started), labels aside.
    const suspended = old.spec?.suspend === true;
    if (!suspended && JSON.stringify(spec.template) !== JSON.stringify(old.spec?.template)) {
      errs.invalid('spec.template', spec.template, 'field is immutable', `core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{Labels:${stringMap(spec.template?.metadata?.labels)}, ...}, Spec:core.PodSpec{...}}`);
    }
  }
}

function validTimeZone(tz: string): boolean {
  if (tz === 'Local' || tz === '' || tz.includes('..')) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch (err) {
    // Intl's answer to a zone its tz database does not have.
    if (!(err instanceof RangeError)) throw err;
    return false;
  }
}

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];

/** CronJob create/update: SetDefaults_CronJob and ValidateCronJob (schedule, timeZone, name length, job template). */
export function admitCronJob(errs: FieldErrors, obj: KubeObject): void {
  const spec: Json = (obj.spec ??= {});
  spec.concurrencyPolicy ??= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  spec.jobTemplate ??= {};
  const jobSpec: Json = (spec.jobTemplate.spec ??= {});
  defaultTemplate(jobSpec);

  // Job names get an 11-character suffix; 63 - 11 = 52.
  const name = obj.metadata.name ?? '';
  if (name.length > 52) errs.invalid('metadata.name', name, 'must be no more than 52 characters');
  if (!spec.schedule) errs.required('spec.schedule');
  else {
    const err = cronScheduleError(spec.schedule);
    if (err) errs.invalid('spec.schedule', spec.schedule, err);
    else if (/\b(CRON_)?TZ=/.test(spec.schedule)) errs.invalid('spec.schedule', spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  }
  if (spec.timeZone != null && !validTimeZone(spec.timeZone)) errs.invalid('spec.timeZone', spec.timeZone, `unknown time zone ${spec.timeZone}`);
  if (!CONCURRENCY.includes(spec.concurrencyPolicy)) errs.notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, CONCURRENCY);
  errs.nonNegative('spec.startingDeadlineSeconds', spec.startingDeadlineSeconds);
  errs.nonNegative('spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit);
  errs.nonNegative('spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit);
  validateJobTemplate(errs, jobSpec, 'spec.jobTemplate.spec');
}
