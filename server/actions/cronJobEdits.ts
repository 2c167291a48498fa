/**
 * The CronJob writes as pure functions over plain objects: the Job "trigger now" creates, the
 * suspend flag, a new schedule, and a CronJob built from the create form or from a manifest.
 * Each refuses what kube-apiserver would refuse, in its words, before anything is sent.
 */
import { badRequest, failureStatus, KubeStatusError } from '../clusters/kubeStatus.ts';
import { cronScheduleError, isValidTimeZone } from '../kube/cronSchedule.ts';
import { integerProblem } from '../kube/integers.ts';
import { invalidNameMessage, quoted } from '../kube/names.ts';
import type { KubeObject } from '../kube/object.ts';
import type { CronJobVersion } from '../views/batch/batchVersion.ts';
import { MANUAL_ANNOTATION } from '../views/batch/cronJobRow.ts';

/**
 * Job names end up in the `batch.kubernetes.io/job-name` (and `job-name`) label of its pods,
 * and label values are at most 63 characters, so the API server refuses longer Job names.
 */
const JOB_NAME_MAX = 63;

function invalid(kind: string, name: string, field: string, value: string, why: string): KubeStatusError {
  return new KubeStatusError(failureStatus(422, 'Invalid', `${kind}.batch ${quoted(name)} is invalid: ${field}: Invalid value: ${quoted(value)}: ${why}`));
}

/** `<cronjob>-manual-<suffix>`, the CronJob's name cut so that the whole fits a Job name. */
export function manualJobName(cronJob: string, suffix: string): string {
  const tail = `-manual-${suffix}`;
  return `${cronJob.slice(0, JOB_NAME_MAX - tail.length).replace(/[-.]+$/, '')}${tail}`;
}

/** Five characters as the API server's generateName uses them (no vowels, no look-alikes). */
export function randomSuffix(random: () => number = Math.random): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

export function checkedJobName(name: unknown): string {
  if (typeof name !== 'string') throw badRequest('jobName must be a string');
  const problem = invalidNameMessage('metadata.name', 'dns1123Subdomain', name);
  if (problem) throw badRequest(`Job ${quoted(name)}: ${problem}`);
  if (name.length > JOB_NAME_MAX) throw invalid('Job', name, 'metadata.name', name, `must be no more than ${JOB_NAME_MAX} characters (it becomes the job-name label of the Job's pods)`);
  return name;
}

/**
 * The Job `kubectl create job NAME --from=cronjob/CJ` makes (kubectl's createJobFromCronJob):
 * the template's labels and spec, its annotations plus `cronjob.kubernetes.io/instantiate:
 * manual`, and an owner reference to the CronJob with controller: true and, like kubectl, no
 * blockOwnerDeletion (setting it would need update on cronjobs/finalizers, which a user who
 * may only create Jobs lacks). The CronJob controller sees it as a Job it did not create.
 */
export function jobFromCronJob(cj: Readonly<KubeObject>, name: string, version: CronJobVersion): KubeObject {
  const template = (cj.spec?.jobTemplate ?? {}) as { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      annotations: { [MANUAL_ANNOTATION]: 'manual', ...template.metadata?.annotations },
      ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
      ownerReferences: [{ apiVersion: `batch/${version}`, kind: 'CronJob', name: cj.metadata.name ?? '', uid: cj.metadata.uid ?? '', controller: true }],
    },
    spec: structuredClone(template.spec ?? {}),
  };
}

export function setSuspended(cj: KubeObject, suspend: boolean): void {
  cj.spec = { ...cj.spec, suspend };
}

/**
 * A schedule (and time zone) as the API server validates them: robfig/cron's parser, a `TZ=`
 * prefix refused in favour of spec.timeZone (batch/v1, 1.25+; v1beta1 has no such field).
 */
export function checkedSchedule(name: string, schedule: unknown, timeZone: unknown, version: CronJobVersion): { schedule: string; timeZone?: string } {
  if (typeof schedule !== 'string') throw badRequest('schedule must be a string');
  if (schedule.length > 1024) throw invalid('CronJob', name, 'spec.schedule', schedule, 'must be no more than 1024 characters');
  if (!schedule.trim()) throw invalid('CronJob', name, 'spec.schedule', schedule, 'Required value');
  if (/^\s*(CRON_)?TZ=/.test(schedule)) throw invalid('CronJob', name, 'spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  const problem = cronScheduleError(schedule);
  if (problem) throw invalid('CronJob', name, 'spec.schedule', schedule, problem);
  if (timeZone === undefined || timeZone === null || timeZone === '') return { schedule };
  if (typeof timeZone !== 'string') throw badRequest('timeZone must be a string');
  if (version !== 'v1') throw badRequest(`timeZone needs batch/v1 CronJobs; this cluster serves batch/${version}`);
  if (timeZone.length > 256 || !isValidTimeZone(timeZone)) throw invalid('CronJob', name, 'spec.timeZone', timeZone, `unknown time zone ${timeZone}`);
  return { schedule, timeZone };
}

export function setSchedule(cj: KubeObject, checked: { schedule: string; timeZone?: string }): void {
  const spec = { ...cj.spec, schedule: checked.schedule };
  if (checked.timeZone) spec.timeZone = checked.timeZone;
  else delete spec.timeZone;
  cj.spec = spec;
}

const POLICIES = ['Allow', 'Forbid', 'Replace'];

function optionalInt(b: Record<string, unknown>, field: string, min: number): number | undefined {
  const v = b[field];
  if (v === undefined || v === null || v === '') return undefined;
  const problem = integerProblem(field, v, { type: field === 'startingDeadlineSeconds' ? 'int64' : 'int32', min });
  if (problem) throw badRequest(problem);
  return v as number;
}

/** The create form: name, schedule (time zone), one container (image, optional shell command), policy and limits. */
export function cronJobFromForm(b: Record<string, unknown>, namespace: string, version: CronJobVersion): KubeObject {
  const name = b.name;
  if (typeof name !== 'string') throw badRequest('name must be a string');
  // CronJob names are at most 52 characters: the controller appends 11 to name its Jobs.
  const problem = invalidNameMessage('metadata.name', 'dns1123Subdomain', name);
  if (problem) throw badRequest(`CronJob ${quoted(name)}: ${problem}`);
  if (name.length > 52) throw invalid('CronJob', name, 'metadata.name', name, 'must be no more than 52 characters');
  const checked = checkedSchedule(name, b.schedule, b.timeZone, version);
  if (typeof b.image !== 'string' || !b.image.trim() || b.image.length > 1024 || /\s/.test(b.image.trim())) throw badRequest('image must be a container image reference, such as busybox:1.36');
  const command = b.command === undefined || b.command === '' ? undefined : b.command;
  if (command !== undefined && (typeof command !== 'string' || command.length > 4096)) throw badRequest('command must be a shell command (a string of at most 4096 characters)');
  const policy = b.concurrencyPolicy ?? 'Allow';
  if (typeof policy !== 'string' || !POLICIES.includes(policy)) throw badRequest('concurrencyPolicy must be Allow, Forbid or Replace');
  const restartPolicy = b.restartPolicy ?? 'OnFailure';
  if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') throw badRequest('restartPolicy must be OnFailure or Never');
  if (b.suspend !== undefined && typeof b.suspend !== 'boolean') throw badRequest('suspend must be true or false');
  const deadline = optionalInt(b, 'startingDeadlineSeconds', 0);
  const ok = optionalInt(b, 'successfulJobsHistoryLimit', 0);
  const failed = optionalInt(b, 'failedJobsHistoryLimit', 0);
  return {
    apiVersion: `batch/${version}`,
    kind: 'CronJob',
    metadata: { name, namespace },
    spec: {
      schedule: checked.schedule,
      ...(checked.timeZone ? { timeZone: checked.timeZone } : {}),
      concurrencyPolicy: policy,
      suspend: b.suspend === true,
      ...(deadline !== undefined ? { startingDeadlineSeconds: deadline } : {}),
      ...(ok !== undefined ? { successfulJobsHistoryLimit: ok } : {}),
      ...(failed !== undefined ? { failedJobsHistoryLimit: failed } : {}),
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy,
              containers: [{ name, image: (b.image as string).trim(), ...(command ? { command: ['sh', '-c', command] } : {}) }],
            },
          },
        },
      },
    },
  };
}

/**
 * A CronJob manifest (the YAML tab, parsed by the page): kind CronJob in group batch, in this
 * namespace (or none), its schedule checked; sent as the version the cluster serves, since the
 * three versions share the fields a CronJob manifest uses (timeZone only in batch/v1).
 */
export function cronJobFromManifest(manifest: unknown, namespace: string, version: CronJobVersion): KubeObject {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw badRequest('manifest must be a CronJob object');
  const obj = structuredClone(manifest) as KubeObject;
  if (obj.kind !== 'CronJob') throw badRequest(`manifest must be kind CronJob, not ${quoted(String(obj.kind ?? ''))}`);
  if (typeof obj.apiVersion !== 'string' || !obj.apiVersion.startsWith('batch/')) throw badRequest('manifest apiVersion must be batch/v1 (or the batch version this cluster serves)');
  if (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata)) throw badRequest('manifest needs metadata with a name');
  const name = obj.metadata.name;
  if (typeof name !== 'string') throw badRequest('metadata.name must be a string');
  const problem = invalidNameMessage('metadata.name', 'dns1123Subdomain', name);
  if (problem) throw badRequest(`CronJob ${quoted(name)}: ${problem}`);
  if (obj.metadata.namespace !== undefined && obj.metadata.namespace !== namespace) {
    throw badRequest(`the manifest's namespace ${quoted(String(obj.metadata.namespace))} does not match the namespace ${quoted(namespace)} it is created in`);
  }
  if (typeof obj.spec !== 'object' || obj.spec === null || Array.isArray(obj.spec)) throw badRequest('manifest needs a spec with schedule and jobTemplate');
  checkedSchedule(name, obj.spec.schedule, obj.spec.timeZone, version);
  delete obj.metadata.resourceVersion;
  delete obj.metadata.uid;
  delete obj.status;
  return { ...obj, apiVersion: `batch/${version}`, metadata: { ...obj.metadata, namespace } };
}
