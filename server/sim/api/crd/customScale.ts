import { badRequest, conflict } from '../../../kube/status.ts';
import { clone, type KubeObject } from '../../../kube/object.ts';
import { FieldErrors } from '../admission/fieldErrors.ts';
import { applyPatch, patchTypeOf } from '../patch/index.ts';
import type { Json } from '../patch/merge.ts';
import { parseBody, readBody, sendJson } from '../respond.ts';
import type { Scope } from '../scope.ts';
import { currentObject, isDryRun } from '../write.ts';
import type { ScaleSpec } from './definitionTypes.ts';
import { evaluatePath } from './printerColumns.ts';
import { recordWrite } from '../apply/recordWrite.ts';

function scaleSpecOf(scope: Scope): ScaleSpec {
  const info = scope.type.custom;
  const spec = info?.versions[scope.version]?.subresources?.scale;
  if (!spec) throw badRequest('the server could not find the requested resource');
  return spec;
}

/** autoscaling/v1 Scale of a custom resource, read through the CRD's replica and selector paths. */
function scaleOf(o: KubeObject, paths: ScaleSpec): KubeObject {
  const m = o.metadata;
  const selector = paths.labelSelectorPath ? evaluatePath(o, paths.labelSelectorPath) : undefined;
  const status: Record<string, unknown> = { replicas: Number(evaluatePath(o, paths.statusReplicasPath) ?? 0) };
  if (typeof selector === 'string') status.selector = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: Number(evaluatePath(o, paths.specReplicasPath) ?? 0) },
    status,
  };
}

/** Set `.spec.x.replicas` (a simple dot path) on a copy of `o`. */
function withReplicas(o: KubeObject, path: string, replicas: number): KubeObject {
  const next = clone(o);
  const keys = path.split('.').filter(Boolean);
  let at = next as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]] = replicas;
  return next;
}

/** GET, PUT and PATCH on a custom resource's `/scale`, as apiextensions' ScaleREST does. */
export async function serveCustomScale(scope: Scope, verb: 'get' | 'update' | 'patch'): Promise<void> {
  const paths = scaleSpecOf(scope);
  const current = currentObject(scope);
  if (verb === 'get') {
    sendJson(scope.res, 200, scaleOf(current, paths));
    return;
  }
  const patchType = verb === 'patch' ? patchTypeOf(scope.req.headers['content-type']) : undefined;
  const body = parseBody(await readBody(scope.req), patchType === 'apply' ? 'yaml' : 'json');
  const wanted = (patchType ? applyPatch(patchType, scaleOf(current, paths) as unknown as Json, body) : body) as KubeObject | undefined;
  if (!wanted || typeof wanted !== 'object') throw badRequest('the body of the request was empty');
  const replicas: unknown = wanted.spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    const errs = new FieldErrors();
    errs.invalid('spec.replicas', replicas, 'must be greater than or equal to 0');
    throw errs.toError('Scale', 'autoscaling', scope.name ?? '');
  }
  const rv = wanted.metadata?.resourceVersion;
  if (verb === 'update' && rv && rv !== current.metadata.resourceVersion) throw conflict(scope.type.plural, scope.type.group, scope.name ?? '');
  const next = withReplicas(current, paths.specReplicasPath, replicas);
  recordWrite(scope, current, next);
  if (isDryRun(scope)) {
    sendJson(scope.res, 200, scaleOf(next, paths));
    return;
  }
  sendJson(scope.res, 200, scaleOf(scope.deps.ctx.store.update(scope.storeKey, next), paths));
}
