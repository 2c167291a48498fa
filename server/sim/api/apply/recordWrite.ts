import type { KubeObject } from '../../../kube/object.ts';
import { badRequest } from '../../../kube/status.ts';
import { apiVersionOf } from '../resources.ts';
import { schemaFor, walkSchema, type SchemaNode } from '../openapi/schemaLookup.ts';
import type { Scope } from '../scope.ts';
import { FieldSet } from './fieldSet.ts';
import { compare, fieldSetOf, zeroLike } from './fieldSetOf.ts';
import { decodeManagedFields, encodeManagedFields, managerFromUserAgent, type Managers } from './managedFields.ts';
import { recordApply, recordUpdate, type Writer } from './updater.ts';
import { undeclaredFields, undeclaredFieldsError } from './undeclaredFields.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The request's manager: `fieldManager`, else the User-Agent's product (managerOrUserAgent). */
export function writerOf(scope: Scope): Writer {
  const manager = scope.query.get('fieldManager') || managerFromUserAgent(scope.req.headers['user-agent']);
  if (Buffer.byteLength(manager) > 128) throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
  return { manager, apiVersion: apiVersionOf(scope.type, scope.version), subresource: scope.subresource || undefined };
}

const customSchemas = new WeakMap<object, SchemaNode>();

/** The schema server-side apply types objects with: the built-in kind's, or the CRD version's. */
function schemaOf(scope: Scope): SchemaNode | undefined {
  const custom = scope.type.custom;
  if (!custom) return schemaFor(scope.type.group, scope.version, scope.type.kind);
  const raw = custom.versions[scope.version]?.schema?.openAPIV3Schema;
  if (!raw) return undefined;
  let node = customSchemas.get(raw);
  if (!node) customSchemas.set(raw, (node = walkSchema(raw)));
  return node;
}

/**
 * The managers an update starts from: those the client sent, when it sent any (a list with
 * one empty entry clears them), else the live object's, as decodeLiveOrNew does.
 */
function startingManagers(live: KubeObject | undefined, next: KubeObject): Managers {
  const sent = next.metadata?.managedFields;
  if (Array.isArray(sent) && sent.length > 0) return decodeManagedFields(sent);
  return decodeManagedFields(live?.metadata.managedFields);
}

/** Create, update or non-apply patch: `next` gets the managedFields the real server records. */
export function recordWrite(scope: Scope, live: KubeObject | undefined, next: KubeObject, writer = writerOf(scope)): void {
  const before = decodeManagedFields(live?.metadata.managedFields);
  const managers = recordUpdate(live ?? zeroLike(next), next, startingManagers(live, next), writer, schemaOf(scope));
  setManagedFields(next, encodeManagedFields(managers, before));
}

function setManagedFields(obj: KubeObject, entries: unknown[]): void {
  if (entries.length) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

/** An apply's outcome: the object to store and its managedFields. */
export interface ApplyOutcome {
  object: KubeObject;
  managedFields: unknown[];
}

/**
 * Fields of kubectl's client-side apply (the last-applied annotation) still holding the value it
 * applied: kubectl's server-side apply takes them over without a conflict (lastAppliedManager).
 */
function upgradableFromClientSide(live: KubeObject, manager: string, schema: SchemaNode | undefined): FieldSet | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED];
  if (manager !== 'kubectl' || !text) return undefined;
  let last: unknown;
  try {
    last = JSON.parse(text);
  } catch (err) {
    // An annotation someone edited into invalid JSON: nothing to take over from.
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
  return fieldSetOf(last, schema).difference(compare(last, live, schema).changed);
}

/** Server-side apply of `config` onto `live` (absent: the object is created). */
export function applyConfiguration(scope: Scope, live: KubeObject | undefined, config: KubeObject): ApplyOutcome {
  if (config.metadata?.managedFields !== undefined) throw badRequest('metadata.managedFields must be nil');
  const writer = writerOf(scope);
  const schema = schemaOf(scope);
  const undeclared = schema ? undeclaredFields(config as unknown as Record<string, unknown>, schema) : [];
  if (undeclared.length) throw undeclaredFieldsError({ ...config, metadata: { ...config.metadata, namespace: scope.namespace } }, undeclared, scope.name);
  const force = ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(scope.query.get('force') ?? '');
  const base = live ?? (zeroLike(config) as KubeObject);
  let managers = decodeManagedFields(live?.metadata.managedFields);
  if (live && managers.size === 0) {
    // skipNonAppliedManager: an object nobody tracked yet is first owned by "before-first-apply".
    managers = recordUpdate(zeroLike(live), live, managers, { manager: 'before-first-apply', apiVersion: writer.apiVersion }, schema);
  }
  const allowed = live ? upgradableFromClientSide(live, writer.manager, schema) : undefined;
  const { object, managers: after } = recordApply(base, config as Record<string, unknown>, managers, writer, force, schema, allowed);
  const out = object as KubeObject;
  out.metadata ??= {};
  if (live?.metadata.annotations?.[LAST_APPLIED] !== undefined && writer.manager === 'kubectl') {
    // lastAppliedUpdater: kubectl's later client-side applies diff against what was applied here.
    const { [LAST_APPLIED]: _drop, ...annotations } = config.metadata?.annotations ?? {};
    const applied = { ...config, metadata: { ...config.metadata, annotations } };
    if (Object.keys(annotations).length === 0) delete (applied.metadata as { annotations?: unknown }).annotations;
    out.metadata.annotations = { ...out.metadata.annotations, [LAST_APPLIED]: JSON.stringify(applied) };
  }
  return { object: out, managedFields: encodeManagedFields(after, decodeManagedFields(live?.metadata.managedFields)) };
}

/** Put an apply's managedFields on the object that is about to be stored. */
export function keepAppliedManagedFields(next: KubeObject, outcome: ApplyOutcome): void {
  setManagedFields(next, outcome.managedFields);
}
