/**
 * The writes the Job page makes, as pure functions over objects: suspend/resume, the copy a
 * re-run creates, and a new Job from the form or from YAML. The routes (jobActions.ts) send the
 * results; the API server validates the rest of the spec as it would kubectl's.
 */
import { parse } from 'yaml';
import { badRequest } from '../clusters/kubeStatus.ts';
import { imageReferenceProblem } from '../kube/imageReference.ts';
import { integerProblem } from '../kube/integers.ts';
import { invalidNameMessage } from '../kube/names.ts';
import type { KubeObject } from '../kube/object.ts';
import { jobFinished } from '../views/batch/jobState.ts';

/**
 * The labels the API server's job strategy generates on the template (and the selector
 * matching them) unless spec.manualSelector is true: a copy that kept them would select the
 * old Job's pods, and the API server refuses a selector that does not match its new uid.
 */
export const GENERATED_JOB_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name', 'batch.kubernetes.io/job-name'] as const;

/** Annotations that describe the original run, not a copy of it. */
const RUN_ANNOTATIONS = ['batch.kubernetes.io/cronjob-scheduled-timestamp', 'kubectl.kubernetes.io/last-applied-configuration'];

function nameChecked(name: unknown, field = 'metadata.name'): string {
  if (typeof name !== 'string') throw badRequest(`${field} must be a string`);
  const problem = invalidNameMessage(field, 'dns1123Subdomain', name);
  if (problem) throw badRequest(problem);
  // Job names become the pods' job-name label value, which is at most 63 characters.
  if (name.length > 63) throw badRequest(`${field}: Invalid value: "${name.slice(0, 80)}": must be no more than 63 characters (it becomes the job-name label of its pods)`);
  return name;
}

export function setSuspended(job: KubeObject, suspend: boolean): void {
  if (jobFinished(job)) throw badRequest(`Job ${job.metadata.name} has finished; a finished Job cannot be ${suspend ? 'suspended' : 'resumed'} (re-run it instead)`);
  job.spec.suspend = suspend;
}

/**
 * A new Job that runs `job`'s template again under `newName`: no selector and none of the
 * generated labels (unless the selector was manual), no owner (a CronJob would count it in
 * its history and delete it by its limits), not suspended, no status.
 */
export function rerunCopy(job: Readonly<KubeObject>, newName: unknown): KubeObject {
  const name = nameChecked(newName);
  if (!jobFinished(job)) throw badRequest(`Job ${job.metadata.name} is still running; re-run it once it has finished`);
  const spec = structuredClone(job.spec ?? {});
  const manual = spec.manualSelector === true;
  if (!manual) {
    delete spec.selector;
    const labels: Record<string, string> | undefined = spec.template?.metadata?.labels;
    if (labels) for (const l of GENERATED_JOB_LABELS) delete labels[l];
  }
  spec.suspend = false;
  const labels = { ...(job.metadata.labels ?? {}) };
  for (const l of GENERATED_JOB_LABELS) delete labels[l];
  const annotations = { ...(job.metadata.annotations ?? {}) };
  for (const a of RUN_ANNOTATIONS) delete annotations[a];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: job.metadata.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations: { ...annotations, 'console.k8s.io/rerun-of': job.metadata.name ?? '' },
    },
    spec,
  };
}

export interface JobForm {
  name: string;
  image: string;
  /** Run with `sh -c`; empty: the image's own entrypoint. */
  command: string;
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  completionMode: 'NonIndexed' | 'Indexed';
  restartPolicy: 'Never' | 'OnFailure';
}

function optionalInt(form: Record<string, unknown>, key: string, field: string, min: number, type: 'int32' | 'int64' = 'int32'): number | undefined {
  const v = form[key];
  if (v === undefined || v === null) return undefined;
  const problem = integerProblem(field, v, { type, min });
  if (problem) throw badRequest(problem);
  return v as number;
}

/** A Job from the create form, every field checked as the API server types it. */
export function jobFromForm(raw: unknown, namespace: string): KubeObject {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('form must be a JSON object');
  const f = raw as Record<string, unknown>;
  const name = nameChecked(f.name);
  if (typeof f.image !== 'string' || !f.image) throw badRequest('spec.template.spec.containers[0].image: Required value');
  const imageProblem = imageReferenceProblem(f.image);
  if (imageProblem) throw badRequest(`spec.template.spec.containers[0].image: ${imageProblem}`);
  if (f.command !== undefined && typeof f.command !== 'string') throw badRequest('command must be a string');
  if (typeof f.command === 'string' && f.command.length > 10_000) throw badRequest('command must be at most 10000 characters');
  const mode = f.completionMode ?? 'NonIndexed';
  if (mode !== 'NonIndexed' && mode !== 'Indexed') throw badRequest('spec.completionMode: Unsupported value: must be NonIndexed or Indexed');
  const restartPolicy = f.restartPolicy ?? 'Never';
  if (restartPolicy !== 'Never' && restartPolicy !== 'OnFailure') throw badRequest('spec.template.spec.restartPolicy: Unsupported value: must be Never or OnFailure');
  const completions = optionalInt(f, 'completions', 'spec.completions', 0);
  const parallelism = optionalInt(f, 'parallelism', 'spec.parallelism', 0);
  const backoffLimit = optionalInt(f, 'backoffLimit', 'spec.backoffLimit', 0);
  const activeDeadlineSeconds = optionalInt(f, 'activeDeadlineSeconds', 'spec.activeDeadlineSeconds', 1, 'int64');
  const command = typeof f.command === 'string' && f.command.trim() ? ['sh', '-c', f.command] : undefined;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace },
    spec: {
      ...(completions !== undefined ? { completions } : {}),
      ...(parallelism !== undefined ? { parallelism } : {}),
      ...(backoffLimit !== undefined ? { backoffLimit } : {}),
      ...(activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds } : {}),
      completionMode: mode,
      template: { spec: { restartPolicy, containers: [{ name: 'job', image: f.image, ...(command ? { command } : {}) }] } },
    },
  };
}

/** A Job from YAML (or JSON): one document, kind Job in batch/v1, in the page's namespace. */
export function jobFromManifest(manifest: unknown, namespace: string): KubeObject {
  if (typeof manifest !== 'string' || !manifest.trim()) throw badRequest('manifest must be the Job as YAML or JSON text');
  if (manifest.length > 512 * 1024) throw badRequest('manifest must be at most 512 KiB');
  let doc: unknown;
  try {
    doc = parse(manifest, { maxAliasCount: 100 });
  } catch (err) {
    throw badRequest(`the manifest is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw badRequest('the manifest must be one object (a Job)');
  const obj = doc as KubeObject;
  if (obj.kind !== 'Job' || obj.apiVersion !== 'batch/v1') throw badRequest(`the manifest must be a Job (apiVersion batch/v1, kind Job), not ${String(obj.apiVersion)} ${String(obj.kind)}`);
  if (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata)) throw badRequest('metadata: Required value');
  if (obj.metadata.namespace !== undefined && obj.metadata.namespace !== namespace) {
    throw badRequest(`the manifest's namespace ${JSON.stringify(obj.metadata.namespace)} does not match the namespace it is created in (${namespace})`);
  }
  if (obj.metadata.name !== undefined || obj.metadata.generateName === undefined) nameChecked(obj.metadata.name);
  obj.metadata.namespace = namespace;
  delete obj.status;
  return obj;
}
