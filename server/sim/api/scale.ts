import { badRequest, conflict } from '../../kube/status.ts';
import type { KubeObject } from '../../kube/object.ts';
import { parseBody, readBody, sendJson } from './respond.ts';
import type { Scope } from './scope.ts';
import { currentObject, isDryRun } from './write.ts';
import type { Json } from './patch/merge.ts';
import { SCALE } from './admission/goFieldTypes.ts';
import { decodePatched, refuseUndecodableBody } from './admission/goDecoding.ts';
import { FieldErrors } from './admission/fieldErrors.ts';
import { literalsOf } from './numberLiterals.ts';
import { writeParts } from './writeParts.ts';

interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A LabelSelector as the query string form Scale.status.selector carries. */
export function selectorString(sel: LabelSelectorSpec | undefined): string {
  if (!sel) return '';
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
}

/** autoscaling/v1 Scale view of a deployment, replicaset or statefulset. */
export function scaleOf(o: KubeObject): KubeObject {
  const m = o.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: o.spec?.replicas ?? 1 },
    status: { replicas: o.status?.replicas ?? 0, selector: selectorString(o.spec?.selector) },
  };
}

/** GET, PUT and PATCH on `/scale`: only spec.replicas of the owner changes. */
export async function serveScale(scope: Scope, verb: 'get' | 'update' | 'patch'): Promise<void> {
  const current = currentObject(scope);
  if (verb === 'get') {
    sendJson(scope.res, 200, scaleOf(current));
    return;
  }
  const { applyPatch, patchTypeOf, recordWrite } = writeParts();
  const patchType = verb === 'patch' ? patchTypeOf(scope.req.headers['content-type']) : undefined;
  const body = parseBody(await readBody(scope.req), patchType === 'apply' ? 'yaml' : 'json');
  if (verb === 'update') refuseUndecodableBody(SCALE, body, literalsOf(body), 'Scale', 'v1');
  const wanted: KubeObject = patchType ? (applyPatch(patchType, scaleOf(current) as unknown as Json, body) as unknown as KubeObject) : (body as KubeObject);
  if (!wanted || typeof wanted !== 'object') throw badRequest('the body of the request was empty');
  if (patchType) decodePatched(patchType, SCALE, wanted, body);
  // An absent spec.replicas decodes as Go's zero value.
  const replicas: number = wanted.spec?.replicas ?? 0;
  if (replicas < 0) {
    // ValidateScale, run by the owner's ScaleREST before the owner is touched.
    const errs = new FieldErrors();
    errs.invalid('spec.replicas', replicas, 'must be greater than or equal to 0');
    throw errs.toError('Scale', 'autoscaling', scope.name ?? '');
  }
  const rv = wanted.metadata?.resourceVersion;
  if (verb === 'update' && rv && rv !== current.metadata.resourceVersion) throw conflict(scope.type.plural, scope.type.group, scope.name ?? '');
  const next: KubeObject = { ...current, metadata: { ...current.metadata }, spec: { ...current.spec, replicas } };
  // The writer owns spec.replicas of the owner, recorded with subresource "scale": a later
  // apply of other replicas conflicts with it, as with any other writer.
  recordWrite(scope, current, next);
  if (isDryRun(scope)) {
    sendJson(scope.res, 200, scaleOf(next));
    return;
  }
  sendJson(scope.res, 200, scaleOf(scope.deps.ctx.store.update(scope.storeKey, next)));
}
