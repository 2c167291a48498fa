/**
 * The YAML tab of the create dialogs: a template to start from, and the typed text checked before
 * anything is sent. A syntax error comes back with its line and column (editableYaml's parser,
 * as the workload YAML editor reports it); so does a wrong kind, an invalid name or namespace, and
 * for a CronJob an invalid schedule or time zone, each pointed to by the line of its field.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import { parseEdited, type KubeObjectLike } from '../yaml/editableYaml.ts';
import { NAME_MAX, nameProblem, namespaceProblem, scheduleProblem, timeZoneProblem, type Problem } from './createChecks.ts';

export type BatchKind = 'Job' | 'CronJob';

export type ManifestCheck =
  | { ok: true; object: KubeObjectLike; namespace: string; name: string }
  | { ok: false; line?: number; column?: number; field?: string; problem: Problem | { code: 'yaml'; message: string } };

export function jobTemplate(namespace: string): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: my-job
  namespace: ${namespace}
spec:
  completions: 1
  parallelism: 1
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: work
          image: busybox:1.36
          command: ["sh", "-c", "echo hello; sleep 5"]
`;
}

/** In the batch version the cluster serves; spec.timeZone only where it exists (batch/v1). */
export function cronJobTemplate(namespace: string, version: string): string {
  return `apiVersion: batch/${version}
kind: CronJob
metadata:
  name: my-cronjob
  namespace: ${namespace}
spec:
  schedule: "*/15 * * * *"
${version === 'v1' ? '  timeZone: Etc/UTC\n' : ''}  concurrencyPolicy: Forbid
  suspend: false
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: work
              image: busybox:1.36
              command: ["sh", "-c", "date; echo hello"]
`;
}

/**
 * `text` as the `kind` to create: the namespace is the manifest's own or `fallbackNamespace`;
 * `version` is the batch version the cluster serves CronJobs in.
 */
export function checkManifest(text: string, kind: BatchKind, fallbackNamespace: string, version = 'v1'): ManifestCheck {
  const parsed = parseEdited(text, {});
  if (!parsed.ok) return { ok: false, line: parsed.line, column: parsed.column, problem: { code: 'yaml', message: parsed.message } };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  /** The position of the field at `path`, else of the nearest parent that is there. */
  const at = (path: string[]): { line?: number; column?: number } => {
    for (let n = path.length; n > 0; n--) {
      const node: unknown = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lines.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
  const fail = (path: string[], problem: Problem): ManifestCheck => ({ ok: false, ...at(path), field: path.join('.'), problem });

  const obj = parsed.object;
  const apiVersion = kind === 'Job' ? 'batch/v1' : `batch/${version}`;
  // A CronJob is sent as the version the cluster serves (the BFF rewrites any batch/ version).
  const apiVersionOk = kind === 'Job' ? obj.apiVersion === 'batch/v1' : typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('batch/');
  if (obj.kind !== kind || !apiVersionOk) {
    return fail([obj.kind !== kind ? 'kind' : 'apiVersion'], { code: 'kind', expected: `${apiVersion} ${kind}`, found: `${String(obj.apiVersion ?? '—')} ${String(obj.kind ?? '—')}` });
  }
  const meta = obj.metadata;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return fail(['metadata'], { code: 'mapping' });
  const generated = kind === 'Job' && meta.name === undefined && typeof meta.generateName === 'string';
  if (!generated) {
    const problem = nameProblem(typeof meta.name === 'string' ? meta.name : '', NAME_MAX[kind]);
    if (problem) return fail(['metadata', 'name'], problem);
  }
  const namespace = meta.namespace === undefined || meta.namespace === null ? fallbackNamespace : String(meta.namespace);
  const nsProblem = namespaceProblem(namespace);
  if (nsProblem) return fail(['metadata', 'namespace'], nsProblem);
  if (kind === 'CronJob') {
    const spec = obj.spec as Record<string, unknown> | undefined;
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return fail(['spec'], { code: 'mapping' });
    const schedule = scheduleProblem(typeof spec.schedule === 'string' ? spec.schedule : '');
    if (schedule) return fail(['spec', 'schedule'], schedule);
    const zone = spec.timeZone === undefined || spec.timeZone === null ? '' : String(spec.timeZone);
    const zoneProblem = timeZoneProblem(zone, version);
    if (zoneProblem) return fail(['spec', 'timeZone'], zoneProblem);
  }
  return { ok: true, object: obj, namespace, name: typeof meta.name === 'string' ? meta.name : String(meta.generateName) };
}
