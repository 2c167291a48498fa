import { randomUUID } from 'node:crypto';
import { ApiError, alreadyExists, badRequest, notFound } from '../../kube/status.ts';
import { clone, rfc3339, type KubeObject } from '../../kube/object.ts';
import { apiVersionOf, resourceKey } from './resources.ts';
import { GO_TYPES } from './admission/goFieldTypes.ts';
import { refuseUndecodableBody } from './admission/goDecoding.ts';
import { literalsOf } from './numberLiterals.ts';
import { randomSuffix } from './store.ts';
import { storeKeyOf, toStored } from './representation.ts';
import { renderObject, representationOf } from './output.ts';
import { parseBody, readBody, sendJson } from './respond.ts';
import type { Scope } from './scope.ts';
import { writeParts } from './writeParts.ts';

/** Sets the managedFields a write leaves on the object to store (`live` undefined on create). */
export type RecordManagedFields = (live: KubeObject | undefined, next: KubeObject) => void;

export function isDryRun(scope: Scope): boolean {
  const values = scope.query.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw badRequest(`Invalid dry run value: ${v}`);
  return values.length > 0;
}

/** The request body as a client object, checked against the URL and the Go field types like the real decoder does. */
export async function readObject(scope: Scope): Promise<KubeObject> {
  const body = parseBody(await readBody(scope.req), scope.req.headers['content-type']);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  const goType = GO_TYPES[resourceKey(scope.type)];
  if (goType) refuseUndecodableBody(goType, body, literalsOf(body), scope.type.kind, scope.version);
  return body as KubeObject;
}

function checkTypeMeta(scope: Scope, obj: KubeObject, expectedKind = scope.type.kind, expectedVersion = apiVersionOf(scope.type, scope.version)): void {
  if (obj.kind && obj.kind !== expectedKind) {
    throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${expectedKind})`);
  }
  if (obj.apiVersion && obj.apiVersion !== expectedVersion) {
    throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expectedVersion})`);
  }
  obj.metadata ??= {};
  const ns = obj.metadata.namespace;
  if (scope.type.namespaced && ns && scope.namespace && ns !== scope.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

/** Create is refused in a missing namespace (404) and in one being deleted (403). */
export function checkNamespaceOpen(scope: Scope, name: string): void {
  if (!scope.type.namespaced || !scope.namespace) return;
  const ns = scope.deps.ctx.store.listRefs('namespaces').find((n) => n.metadata.name === scope.namespace);
  if (!ns) throw notFound('namespaces', '', scope.namespace);
  if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') {
    const resource = scope.type.group ? `${scope.type.plural}.${scope.type.group}` : scope.type.plural;
    throw new ApiError(
      403,
      'Forbidden',
      `${resource} "${name}" is forbidden: unable to create new content in namespace ${scope.namespace} because it is being terminated`,
      {
        name,
        group: scope.type.group || undefined,
        kind: scope.type.plural,
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${scope.namespace} is being terminated`, field: 'metadata.namespace' }],
      },
    );
  }
}

/** What the registries' PrepareForCreate does to status: clients cannot create an object "already done". */
function resetStatus(scope: Scope, obj: KubeObject): void {
  const subs = scope.type.subresources ?? [];
  if (!subs.includes('status')) return;
  switch (scope.storeKey) {
    case 'namespaces':
      obj.status = { phase: 'Active' };
      break;
    case 'pods':
      obj.status = { phase: 'Pending', ...(obj.status?.qosClass ? { qosClass: obj.status.qosClass } : {}) };
      break;
    case 'persistentvolumeclaims':
    case 'persistentvolumes':
      obj.status = { phase: 'Pending' };
      break;
    case 'nodes':
      break;
    case 'services':
      obj.status = { loadBalancer: {} };
      break;
    default:
      obj.status = {};
  }
}

/** POST: generateName, namespace checks, admission, dryRun; 201 with the created object. */
export async function serveCreate(scope: Scope): Promise<void> {
  const { fieldValidationOf, checkObjectFields } = writeParts();
  const validation = fieldValidationOf(scope, 'CreateOptions');
  const input = await readObject(scope);
  checkObjectFields(scope, validation, input);
  checkTypeMeta(scope, input);
  const rep = representationOf(scope, false);
  const created = createObject(scope, input);
  sendJson(scope.res, 201, renderObject(scope, created, rep));
}

export function createObject(scope: Scope, input: KubeObject, record: RecordManagedFields = (live, next) => writeParts().recordWrite(scope, live, next)): KubeObject {
  const { store } = scope.deps.ctx;
  const obj = toStored(scope.type, input);
  const meta = obj.metadata;
  if (scope.type.namespaced) meta.namespace = scope.namespace;
  else delete meta.namespace;
  if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
  if (!meta.name) {
    throw new ApiError(422, 'Invalid', `${scope.type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, {
      kind: scope.type.kind,
      group: scope.type.group || undefined,
      causes: [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }],
    });
  }
  delete meta.resourceVersion;
  delete meta.uid;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  resetStatus(scope, obj);
  checkNamespaceOpen(scope, meta.name);
  const type = store.type(storeKeyOf(scope.type));
  scope.deps.machinery.admit(type, obj, undefined, scope.deps.ctx, 'create');
  record(undefined, obj);
  if (isDryRun(scope)) {
    if (store.get(storeKeyOf(scope.type), meta.namespace, meta.name)) throw alreadyExists(scope.type.plural, scope.type.group, meta.name);
    meta.uid = randomUUID();
    meta.creationTimestamp = rfc3339();
    if (type.generation) meta.generation = 1;
    return obj;
  }
  return store.create(storeKeyOf(scope.type), obj);
}

export function currentObject(scope: Scope): KubeObject {
  const found = scope.deps.ctx.store.get(scope.storeKey, scope.namespace, scope.name ?? '');
  if (!found) throw notFound(scope.type.plural, scope.type.group, scope.name ?? '');
  return found;
}

/**
 * Store an update computed from `next` (client form). The main resource keeps the stored
 * status when the kind has a status subresource; `/status` changes only status.
 */
export function commitUpdate(scope: Scope, nextClient: KubeObject, current: KubeObject, record: RecordManagedFields = (live, next) => writeParts().recordWrite(scope, live, next)): KubeObject {
  const { store } = scope.deps.ctx;
  const next = toStored(scope.type, nextClient);
  if (next.metadata?.name && next.metadata.name !== scope.name) {
    throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${scope.name})`);
  }
  next.metadata = { ...next.metadata, name: scope.name, namespace: current.metadata.namespace };
  const statusOnly = scope.subresource === 'status';
  const hasStatusSub = (scope.type.subresources ?? []).includes('status');
  if (!statusOnly && hasStatusSub) {
    if (current.status === undefined) delete next.status;
    else next.status = clone(current.status);
  }
  const type = store.type(scope.storeKey);
  if (!statusOnly) scope.deps.machinery.admit(type, next, current, scope.deps.ctx, 'update');
  // A status write changes only status; the rest is the stored object's (with this write's managedFields).
  const toStore: KubeObject = statusOnly
    ? { ...clone(current), metadata: { ...clone(current.metadata), resourceVersion: next.metadata.resourceVersion, managedFields: next.metadata.managedFields }, status: next.status }
    : next;
  record(current, toStore);
  if (isDryRun(scope)) {
    const wanted = toStore.metadata.resourceVersion;
    if (wanted && wanted !== current.metadata.resourceVersion) return store.update(scope.storeKey, toStore);
    return toStore;
  }
  return store.update(scope.storeKey, toStore);
}

/** PUT on an object or its status. */
export async function serveUpdate(scope: Scope): Promise<void> {
  const { fieldValidationOf, checkObjectFields } = writeParts();
  const validation = fieldValidationOf(scope, 'UpdateOptions');
  const input = await readObject(scope);
  checkObjectFields(scope, validation, input);
  checkTypeMeta(scope, input);
  const rep = representationOf(scope, false);
  const current = currentObject(scope);
  const updated = commitUpdate(scope, input, current);
  sendJson(scope.res, 200, renderObject(scope, updated, rep));
}

export function serveGet(scope: Scope): void {
  const rep = representationOf(scope, false);
  sendJson(scope.res, 200, renderObject(scope, currentObject(scope), rep));
}
