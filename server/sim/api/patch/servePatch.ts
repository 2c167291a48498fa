import { badRequest, notFound } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import { toServed } from '../representation.ts';
import { resourceKey } from '../resources.ts';
import { GO_TYPES } from '../admission/goFieldTypes.ts';
import { decodePatched } from '../admission/goDecoding.ts';
import { renderObject, representationOf } from '../output.ts';
import { parseBody, readBody, sendJson } from '../respond.ts';
import type { Scope } from '../scope.ts';
import { commitUpdate, createObject } from '../write.ts';
import { applyPatch, patchTypeOf } from './index.ts';
import type { Json } from './merge.ts';

/** PATCH on an object or its status: every patch type, apply creating when missing. */
export async function servePatch(scope: Scope): Promise<void> {
  const type = patchTypeOf(scope.req.headers['content-type']);
  const body = parseBody(await readBody(scope.req), type === 'apply' ? 'yaml' : 'json');
  if (body === undefined) throw badRequest('the body of the request was empty');
  if (type === 'apply' && !scope.query.get('fieldManager')) {
    throw badRequest('PATCH /apply requires a fieldManager: fieldManager is required for apply requests');
  }
  const rep = representationOf(scope, false);
  const { store } = scope.deps.ctx;
  const current = store.get(scope.storeKey, scope.namespace, scope.name ?? '');
  const goType = GO_TYPES[resourceKey(scope.type)];
  if (!current) {
    if (type !== 'apply' || scope.subresource) throw notFound(scope.type.plural, scope.type.group, scope.name ?? '');
    const obj = body as KubeObject;
    if (goType) decodePatched(type, goType, obj, body);
    obj.metadata = { ...(obj.metadata ?? {}), name: scope.name };
    const created = createObject(scope, obj);
    sendJson(scope.res, 201, renderObject(scope, created, rep));
    return;
  }
  const served = toServed(scope.type, scope.version, current);
  const patched = applyPatch(type, served as unknown as Json, body) as unknown as KubeObject;
  if (!patched || typeof patched !== 'object' || Array.isArray(patched)) throw badRequest('the patch produced something that is not an object');
  if (goType) decodePatched(type, goType, patched, body);
  patched.metadata ??= {};
  // Without a resourceVersion in the patch the write is unconditional against what was read.
  const patchMeta = (body as { metadata?: { resourceVersion?: string } }).metadata;
  if (!patchMeta?.resourceVersion) patched.metadata.resourceVersion = current.metadata.resourceVersion;
  const updated = commitUpdate(scope, patched, current);
  sendJson(scope.res, 200, renderObject(scope, updated, rep));
}
