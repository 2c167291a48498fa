import { badRequest, conflict } from './errors.ts';
import type { KubeObject } from './object.ts';
import { parseBody, readBody, sendJson } from './respond.ts';
import type { Scope } from './scope.ts';
import { currentObject, isDryRun } from './write.ts';
import { applyPatch, patchTypeOf } from './patch/index.ts';
import type { Json } from './patch/merge.ts';

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
  const body = parseBody(await readBody(scope.req), verb === 'patch' && patchTypeOf(scope.req.headers['content-type']) === 'apply' ? 'yaml' : 'json');
  const wanted: KubeObject =
    verb === 'patch' ? (applyPatch(patchTypeOf(scope.req.headers['content-type']), scaleOf(current) as unknown as Json, body) as unknown as KubeObject) : (body as KubeObject);
  if (!wanted || typeof wanted !== 'object') throw badRequest('the body of the request was empty');
  const replicas = wanted.spec?.replicas;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(`Scale.autoscaling "${scope.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`);
  }
  const rv = wanted.metadata?.resourceVersion;
  if (verb === 'update' && rv && rv !== current.metadata.resourceVersion) throw conflict(scope.type.plural, scope.type.group, scope.name ?? '');
  if (isDryRun(scope)) {
    sendJson(scope.res, 200, scaleOf({ ...current, spec: { ...current.spec, replicas } }));
    return;
  }
  const updated = scope.deps.ctx.store.update(scope.storeKey, { ...current, spec: { ...current.spec, replicas } });
  sendJson(scope.res, 200, scaleOf(updated));
}
