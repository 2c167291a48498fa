import type { ServerResponse } from 'node:http';
import { ApiError, badRequest } from '../../kube/status.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { JsonSchema } from './crd/definitionTypes.ts';
import { jsonTextOf } from './numberLiterals.ts';
import { schemaFor, walkSchema, type SchemaNode } from './openapi/schemaLookup.ts';
import type { PatchType } from './patch/index.ts';
import type { Scope } from './scope.ts';

/**
 * Field validation as kube-apiserver 1.32 does it (the `fieldValidation` query parameter of
 * create, update and patch): fields the object's Go type (or a CRD's structural schema) does not
 * declare, and keys written twice in a JSON body, are a 400 under Strict, one `Warning` header
 * each under Warn (the default when the parameter is absent), and silently dropped under Ignore.
 */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** metav1 validation's allowed values, listed as sets.NewString(...).List() sorts them. */
const ALLOWED = ['', 'Ignore', 'Strict', 'Warn'];

/** The directive of a request; an unsupported value is a 422 on its options kind, as ValidateCreateOptions answers. */
export function fieldValidationOf(scope: Scope, options: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions'): FieldValidation {
  // Before 1.25 (ServerSideFieldValidation beta) the server knew no such parameter and dropped unknown fields silently.
  if (scope.deps.ctx.kubeMinor < 25) return 'Ignore';
  const value = scope.query.get('fieldValidation') ?? '';
  if (ALLOWED.includes(value)) return (value || 'Warn') as FieldValidation;
  const detail = `Unsupported value: ${JSON.stringify(value)}: supported values: ${ALLOWED.map((v) => JSON.stringify(v)).join(', ')}`;
  throw new ApiError(422, 'Invalid', `${options}.meta.k8s.io "" is invalid: fieldValidation: ${detail}`, {
    group: 'meta.k8s.io',
    kind: options,
    causes: [{ reason: 'FieldValueNotSupported', message: detail, field: 'fieldValidation' }],
  });
}

/**
 * create and update: the decoded body's problems; Strict answers in transformDecodeError's words.
 * Unknown fields are dropped from `body` (Go's decoder has nowhere to put them).
 */
export function checkObjectFields(scope: Scope, mode: FieldValidation, body: KubeObject): void {
  const unknown = unknownFields(scope, body, { prune: true });
  if (mode === 'Ignore') return;
  const problems = [...duplicateFields(jsonTextOf(body)), ...unknown];
  const { kind } = scope.type;
  enforce(scope.res, mode, problems, `${kind} in version ${JSON.stringify(scope.version)} cannot be handled as a ${kind}: `);
}

/**
 * JSON, merge and strategic merge patches: the patched object is decoded strictly, so what the
 * patch adds that the type does not declare is unknown. A merge or strategic patch adds its own
 * non-null fields (strategic merge directives such as `$patch` and `$setElementOrder/...` are
 * consumed by the merge); a JSON patch adds what its operations put there. Strict answers with
 * the bare strict decoding error. Apply patches are not checked here: kube-apiserver's
 * structured merge refuses their undeclared fields whatever the directive.
 */
export function checkPatchedFields(scope: Scope, mode: FieldValidation, type: PatchType, patch: unknown, served: KubeObject, patched: KubeObject): void {
  if (type === 'apply') return;
  const before = new Set(type === 'json' && mode !== 'Ignore' ? unknownFields(scope, served, {}) : []);
  const inResult = unknownFields(scope, patched, { prune: true });
  if (mode === 'Ignore') return;
  const unknown = type === 'json' ? inResult.filter((p) => !before.has(p)) : unknownFields(scope, patch, { patchDocument: true });
  enforce(scope.res, mode, [...duplicateFields(jsonTextOf(patch)), ...unknown], '');
}

function enforce(res: ServerResponse, mode: FieldValidation, problems: string[], prefix: string): void {
  if (problems.length === 0) return;
  if (mode === 'Strict') throw badRequest(`${prefix}strict decoding error: ${problems.join(', ')}`);
  for (const problem of problems) addWarning(res, problem);
}

/** One `Warning: 299 - "text"` header per warning, as the API server's warning recorder writes them. */
function addWarning(res: ServerResponse, text: string): void {
  const header = `299 - "${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const existing = res.getHeader('Warning');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('Warning', [...list, header]);
}

/** ObjectMeta, which every kind's metadata decodes into (custom resources' too). */
function objectMeta(): SchemaNode | undefined {
  return schemaFor('', 'v1', 'ConfigMap')?.field('metadata');
}

/** The schema the body is decoded with: the built-in kind's, or the CRD version's structural schema. */
function schemaOf(scope: Scope): SchemaNode | undefined {
  const custom = scope.type.custom;
  if (!custom) return schemaFor(scope.type.group, scope.version, scope.type.kind);
  const schema: JsonSchema | undefined = custom.versions[scope.version]?.schema?.openAPIV3Schema;
  return schema ? walkSchema(schema as Record<string, unknown>, { freeFormObjects: 'prune' }) : undefined;
}

/**
 * `unknown field "spec.foo"` for every field of `value` the schema does not declare, in document
 * order (sigs.k8s.io/json's paths: `spec.containers[0].foo`); a custom resource's come sorted, as
 * the CRD handler sorts the pruned paths. In a merge or strategic patch document a null deletes,
 * so it leaves nothing unknown in the result.
 */
export function unknownFields(scope: Scope, value: unknown, options: WalkFlags): string[] {
  const root = schemaOf(scope);
  if (!root || !isObject(value)) return [];
  const out: string[] = [];
  const custom = Boolean(scope.type.custom);
  for (const [key, child] of Object.entries(value)) {
    if (skipped(key, child, options)) continue;
    if (key === 'apiVersion' || key === 'kind') continue;
    const node = key === 'metadata' ? objectMeta() : root.field(key);
    if (node) walk(child, node, key, out, options);
    else if (!root.preservesUnknownFields) unknown(value, key, key, out, options);
  }
  const messages = (custom ? out.sort() : out).map((p) => `unknown field ${JSON.stringify(p)}`);
  return messages;
}

/** `patchDocument`: skip `$` directives and null values; `prune`: delete the unknown fields found. */
interface WalkFlags {
  patchDocument?: boolean;
  prune?: boolean;
}

function walk(value: unknown, node: SchemaNode, path: string, out: string[], options: WalkFlags): void {
  if (Array.isArray(value)) {
    const items = node.items();
    if (items) value.forEach((item, i) => walk(item, items, `${path}[${i}]`, out, options));
    return;
  }
  if (!isObject(value)) return;
  const embedded = node.schema['x-kubernetes-embedded-resource'] === true;
  for (const [key, child] of Object.entries(value)) {
    if (skipped(key, child, options)) continue;
    const below = node.field(key) ?? (embedded && key === 'metadata' ? objectMeta() : undefined);
    if (below) walk(child, below, `${path}.${key}`, out, options);
    else if (!node.preservesUnknownFields && !(embedded && (key === 'apiVersion' || key === 'kind'))) unknown(value, key, `${path}.${key}`, out, options);
  }
}

function unknown(parent: Record<string, unknown>, key: string, path: string, out: string[], options: WalkFlags): void {
  out.push(path);
  if (options.prune) delete parent[key];
}

function skipped(key: string, value: unknown, options: WalkFlags): boolean {
  return Boolean(options.patchDocument) && (key.startsWith('$') || value === null);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `duplicate field "spec.replicas"` for every key written again in the same JSON object, in
 * document order. `text` must be valid JSON (it parsed); YAML and protobuf bodies are not scanned.
 */
export function duplicateFields(text: string | undefined): string[] {
  if (text === undefined) return [];
  type Frame = { kind: 'object'; path: string; keys: Set<string>; key?: string } | { kind: 'array'; path: string; index: number };
  const stack: Frame[] = [];
  const out: string[] = [];
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.kind === 'array') return `${top.path}[${top.index}]`;
    return top.path ? `${top.path}.${top.key}` : (top.key ?? '');
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.key === undefined) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        top.key = key;
        if (top.keys.has(key)) out.push(`duplicate field ${JSON.stringify(top.path ? `${top.path}.${key}` : key)}`);
        top.keys.add(key);
      }
    } else if (c === '{' || c === '[') {
      const path = childPath();
      stack.push(c === '{' ? { kind: 'object', path, keys: new Set() } : { kind: 'array', path, index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.key = undefined;
      else if (top) top.index++;
    }
  }
  return out;
}
