import { badRequest } from '../../kube/status.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { DeleteOptions } from './store.ts';
import { listObjects } from './list.ts';
import { renderList, renderObject, representationOf } from './output.ts';
import { parseBody, readBody, sendJson } from './respond.ts';
import type { Scope } from './scope.ts';
import { currentObject, isDryRun } from './write.ts';
import { hasReason } from './apiErrorReason.ts';
import { queryBool } from '../../kube/queryBool.ts';

interface DeleteOptionsBody {
  propagationPolicy?: string;
  gracePeriodSeconds?: number;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

/** Kinds whose delete answers with the object itself rather than a Status (ReturnDeletedObject in their registries). */
const RETURNS_OBJECT = new Set(['pods', 'services', 'namespaces']);

/** batch/v1 Jobs still orphan their pods by default; everything else cascades in the background. */
const ORPHAN_BY_DEFAULT = new Set(['jobs.batch', 'cronjobs.batch']);

async function readOptions(scope: Scope): Promise<DeleteOptionsBody> {
  const body = (parseBody(await readBody(scope.req), scope.req.headers['content-type']) ?? {}) as DeleteOptionsBody;
  const q = scope.query;
  const policy = q.get('propagationPolicy') ?? body.propagationPolicy;
  const grace = q.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  const orphan = queryBool(q, 'orphanDependents') ?? body.orphanDependents;
  const opts: DeleteOptionsBody = { preconditions: body.preconditions };
  if (policy !== undefined) {
    if (!['Background', 'Foreground', 'Orphan'].includes(String(policy))) {
      throw badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
    }
    opts.propagationPolicy = String(policy);
  } else if (orphan !== undefined && orphan !== null) {
    opts.propagationPolicy = orphan === true ? 'Orphan' : 'Background';
  }
  if (grace !== undefined && grace !== null) {
    const n = Number(grace);
    if (!Number.isInteger(n) || n < 0) throw badRequest(`gracePeriodSeconds: Invalid value: ${grace}: must be >= 0`);
    opts.gracePeriodSeconds = n;
  }
  if (body.dryRun?.length) scope.query.append('dryRun', body.dryRun[0]);
  return opts;
}

/** Pods on a node terminate gracefully (the kubelet finishes); unbound or finished pods go at once. */
function effectiveGrace(scope: Scope, obj: KubeObject, asked: number | undefined): number | undefined {
  if (scope.storeKey !== 'pods') return undefined;
  if (!obj.spec?.nodeName) return 0;
  if (obj.status?.phase === 'Succeeded' || obj.status?.phase === 'Failed') return 0;
  if (asked !== undefined) return asked === 0 ? 0 : asked;
  return obj.spec?.terminationGracePeriodSeconds ?? 30;
}

function deleteOne(scope: Scope, obj: KubeObject, opts: DeleteOptionsBody): { result: KubeObject; gone: boolean } {
  const { store } = scope.deps.ctx;
  const storeOpts: DeleteOptions = {
    propagationPolicy: (opts.propagationPolicy ?? (ORPHAN_BY_DEFAULT.has(scope.storeKey) ? 'Orphan' : 'Background')) as DeleteOptions['propagationPolicy'],
    preconditions: opts.preconditions,
    gracePeriodSeconds: effectiveGrace(scope, obj, opts.gracePeriodSeconds),
  };
  if (isDryRun(scope)) return { result: obj, gone: false };
  if (scope.storeKey === 'namespaces' && !obj.metadata.deletionTimestamp) {
    // The namespace lifecycle: Terminating, held by spec.finalizers until the namespace controller empties it.
    store.mutate('namespaces', undefined, obj.metadata.name!, (ns) => {
      ns.status = { ...(ns.status ?? {}), phase: 'Terminating' };
      ns.spec = { ...(ns.spec ?? {}), finalizers: ns.spec?.finalizers ?? ['kubernetes'] };
    });
  }
  const result = store.delete(scope.storeKey, scope.type.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name!, storeOpts);
  const gone = !store.get(scope.storeKey, obj.metadata.namespace, obj.metadata.name!);
  return { result, gone };
}

export async function serveDelete(scope: Scope): Promise<void> {
  const opts = await readOptions(scope);
  const rep = representationOf(scope, false);
  const current = currentObject(scope);
  const { result, gone } = deleteOne(scope, current, opts);
  if (gone && !RETURNS_OBJECT.has(scope.storeKey)) {
    sendJson(scope.res, 200, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: current.metadata.name, group: scope.type.group || undefined, kind: scope.type.plural, uid: current.metadata.uid },
    });
    return;
  }
  const accepted = !gone && opts.propagationPolicy === 'Foreground';
  sendJson(scope.res, accepted ? 202 : 200, renderObject(scope, result, rep));
}

/** DELETE on a collection: every object the selectors match; answers with the list of them. */
export async function serveDeleteCollection(scope: Scope): Promise<void> {
  const opts = await readOptions(scope);
  const rep = representationOf(scope, true);
  const { items, meta } = listObjects(scope);
  const deleted: KubeObject[] = [];
  for (const o of items) {
    try {
      deleted.push(deleteOne(scope, o, opts).result);
    } catch (err) {
      // Deleted meanwhile by a controller: the real server skips NotFound, and only NotFound.
      if (!hasReason(err, 'NotFound')) throw err;
    }
  }
  sendJson(scope.res, 200, renderList(scope, deleted, { resourceVersion: meta.resourceVersion }, rep));
}
