import { ApiError, badRequest, notFound } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import { toServed } from '../representation.ts';
import { resourceKey } from '../resources.ts';
import { GO_TYPES } from '../admission/goFieldTypes.ts';
import { decodePatched } from '../admission/goDecoding.ts';
import { renderObject, representationOf } from '../output.ts';
import { parseBody, readBody, sendJson } from '../respond.ts';
import type { Scope } from '../scope.ts';
import { commitUpdate, createObject } from '../write.ts';
import { applyPatch, patchTypeOf, type PatchType } from './index.ts';
import { applyConfiguration, keepAppliedManagedFields } from '../apply/recordWrite.ts';
import type { Json } from './merge.ts';
import { checkPatchedFields, fieldValidationOf } from '../fieldValidation.ts';

/** ValidatePatchOptions: apply needs a fieldManager, and only apply takes `force` (422 on PatchOptions). */
function checkPatchOptions(scope: Scope, type: PatchType): void {
  const invalid = (reason: string, field: string, detail: string) =>
    new ApiError(422, 'Invalid', `PatchOptions.meta.k8s.io "" is invalid: ${field}: ${detail}`, { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason, message: detail, field }] });
  if (type === 'apply' && !scope.query.get('fieldManager')) throw invalid('FieldValueRequired', 'fieldManager', 'Required value: is required for apply patch');
  if (type !== 'apply' && scope.query.has('force')) throw invalid('FieldValueForbidden', 'force', 'Forbidden: may not be specified for non-apply patch');
}

/** PATCH on an object or its status: every patch type, apply creating when missing. */
export async function servePatch(scope: Scope): Promise<void> {
  const type = patchTypeOf(scope.req.headers['content-type']);
  const body = parseBody(await readBody(scope.req), type === 'apply' ? 'yaml' : 'json');
  if (body === undefined) throw badRequest('the body of the request was empty');
  checkPatchOptions(scope, type);
  const validation = fieldValidationOf(scope, 'PatchOptions');
  const rep = representationOf(scope, false);
  const { store } = scope.deps.ctx;
  const current = store.get(scope.storeKey, scope.namespace, scope.name ?? '');
  const goType = GO_TYPES[resourceKey(scope.type)];
  if (!current) {
    if (type !== 'apply' || scope.subresource) throw notFound(scope.type.plural, scope.type.group, scope.name ?? '');
    const outcome = applyConfiguration(scope, undefined, body as KubeObject);
    const obj = outcome.object;
    if (goType) decodePatched(type, goType, obj, body);
    obj.metadata = { ...(obj.metadata ?? {}), name: scope.name };
    const created = createObject(scope, obj, (_live, next) => keepAppliedManagedFields(next, outcome));
    sendJson(scope.res, 201, renderObject(scope, created, rep));
    return;
  }
  const served = toServed(scope.type, scope.version, current);
  if (type === 'apply' && (typeof body !== 'object' || body === null || Array.isArray(body))) throw badRequest('the patch is not a JSON object');
  const outcome = type === 'apply' ? applyConfiguration(scope, served, body as KubeObject) : undefined;
  const patched = outcome ? outcome.object : (applyPatch(type, served as unknown as Json, body) as unknown as KubeObject);
  if (!patched || typeof patched !== 'object' || Array.isArray(patched)) throw badRequest('the patch produced something that is not an object');
  if (goType) decodePatched(type, goType, patched, body);
  checkPatchedFields(scope, validation, type, body, served, patched);
  patched.metadata ??= {};
  // Without a resourceVersion in the patch the write is unconditional against what was read.
  const patchMeta = (body as { metadata?: { resourceVersion?: string } }).metadata;
  if (!patchMeta?.resourceVersion) patched.metadata.resourceVersion = current.metadata.resourceVersion;
  const updated = outcome ? commitUpdate(scope, patched, current, (_live, next) => keepAppliedManagedFields(next, outcome)) : commitUpdate(scope, patched, current);
  sendJson(scope.res, 200, renderObject(scope, updated, rep));
}
