/**
 * The actions API: `{BASE}/api/contexts/:context/...` JSON endpoints that change workloads
 * (scale, set image, restart, pause/resume, rollback, delete, evict) and read their detail
 * view models. Writes are read-modify-PUT of the object the page showed (asSeen.ts): a new
 * spec or a re-created object since is a 409 that says which; status changes are not.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { registryOf, type ClusterContext, type ClusterRegistry } from '../clusters/types.ts';
import { API_HEADERS } from '../http/headers.ts';
import type { KubeObject } from '../kube/object.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { badRequest, failureStatus, KubeStatusError } from '../clusters/kubeStatus.ts';
import { templateDiff } from '../views/workloads/templateDiff.ts';
import { createAccessChecker } from './canI.ts';
import { asSeen, deleteAsSeen, seenIn, type SeenObject } from './asSeen.ts';
import { claimDetailFor } from './claimDetails.ts';
import { podDetailFor, workloadDetailFor } from './details.ts';
import { InvalidPathSegment } from '../kube/apiPath.ts';
import { invalidNameMessage, quoted } from '../kube/names.ts';
import { checkedTarget, collectionPath, kindOf, objectPath, pluralsThat, type KindInfo } from './kinds.ts';
import { applyRollback, revisionParam, rollbackTarget } from './rollback.ts';
import { restart, setImage, setPaused, setReplicas } from './workloadEdits.ts';
import { createClaim, expandClaim } from './storageActions.ts';

type Handler = (ctx: ClusterContext, req: Request) => Promise<unknown>;

// Each route's allow-list comes from the kind catalogue's actions (server/kube/kinds.ts).
const SCALABLE = pluralsThat('scale');
const DELETABLE = pluralsThat('delete');
const ROLLABLE = pluralsThat('rollback');
/** The kinds whose detail is the workload view model: what scales or rolls back (pods have their own). */
const WORKLOADS = pluralsThat('scale', 'rollback');

function param(req: Request, name: string): string {
  return String(req.params[name] ?? '');
}

/**
 * A refusal or the API server's Status goes back as is; anything else is a bug and goes to the
 * app's error handler, which logs it with the request id and stack and answers a bare 500.
 */
export function sendKubeStatus(res: Response, next: NextFunction, err: unknown): void {
  if (err instanceof InvalidPathSegment) err = badRequest(err.message);
  if (!(err instanceof KubeStatusError)) return next(err);
  const status = err.status;
  res.set(API_HEADERS).status(status.code ?? 500).type('application/json').send(JSON.stringify(status));
}

/** Read the object, check it is the one seen, edit it, PUT it back based on what was read. */
function edit(ctx: ClusterContext, kind: KindInfo, ns: string, name: string, seen: SeenObject, change: (obj: KubeObject) => void): Promise<KubeObject> {
  const path = objectPath(kind, ns, name);
  return asSeen(ctx, path, seen, (obj) => {
    change(obj);
    return kubeJson<KubeObject>(ctx, path, { method: 'PUT', body: obj });
  });
}

async function history(ctx: ClusterContext, kind: KindInfo, ns: string): Promise<KubeObject[]> {
  const list = kind.kind === 'Deployment' ? kindOf('replicasets') : { group: 'apps', version: 'v1', plural: 'controllerrevisions' };
  return (await kubeJson<{ items: KubeObject[] }>(ctx, collectionPath(list, ns))).items;
}

export function actionsRouter(clusters: ClusterRegistry): Router {
  const router = Router();
  const canI = createAccessChecker();
  const route = (method: 'get' | 'put' | 'post' | 'delete', path: string, handler: Handler, status = 200) => {
    router[method](`/contexts/:context${path}`, async (req, res, next) => {
      const ctx = registryOf(req, clusters).get(param(req, 'context'));
      if (!ctx) return sendKubeStatus(res, next, new KubeStatusError(failureStatus(404, 'NotFound', `no cluster context named "${param(req, 'context').slice(0, 253)}"`)));
      try {
        const body = await handler(ctx, req);
        res.set(API_HEADERS).status(status).json(body);
      } catch (err) {
        sendKubeStatus(res, next, err);
      }
    });
  };
  const body = (req: Request): Record<string, unknown> => {
    const b: unknown = req.body ?? {};
    if (typeof b !== 'object' || b === null || Array.isArray(b)) throw badRequest('the request body must be a JSON object');
    return b as Record<string, unknown>;
  };
  /** The object the URL names, its kind among `allowed` (or `plural` when the route fixes it), names checked. */
  const target = (req: Request, allowed: string[] | string) =>
    checkedTarget(typeof allowed === 'string' ? kindOf(allowed) : kindOf(param(req, 'kind'), allowed), param(req, 'ns'), param(req, 'name'));

  route('put', '/namespaces/:ns/:kind/:name/scale', (ctx, req) => {
    const { kind, ns, name } = target(req, SCALABLE);
    const b = body(req);
    return edit(ctx, kind, ns, name, seenIn(b, true), (obj) => setReplicas(obj, b.replicas, b.allowLargeScale === true));
  });
  route('post', '/namespaces/:ns/:kind/:name/set-image', (ctx, req) => {
    const { kind, ns, name } = target(req, pluralsThat('setImage'));
    const b = body(req);
    return edit(ctx, kind, ns, name, seenIn(b, true), (obj) => setImage(obj, b.container, b.image, typeof b.changeCause === 'string' && b.changeCause ? b.changeCause : undefined));
  });
  route('post', '/namespaces/:ns/:kind/:name/restart', (ctx, req) => {
    const { kind, ns, name } = target(req, pluralsThat('restart'));
    return edit(ctx, kind, ns, name, seenIn(body(req), false), (obj) => restart(obj, new Date()));
  });
  for (const action of ['pause', 'resume'] as const) {
    route('post', `/namespaces/:ns/:kind/:name/${action}`, (ctx, req) => {
      const { kind, ns, name } = target(req, pluralsThat('pause'));
      return edit(ctx, kind, ns, name, seenIn(body(req), false), (obj) => setPaused(obj, action === 'pause'));
    });
  }
  route('post', '/namespaces/:ns/:kind/:name/rollback', async (ctx, req) => {
    const { kind, ns, name } = target(req, ROLLABLE);
    const revisions = await history(ctx, kind, ns);
    return edit(ctx, kind, ns, name, seenIn(body(req), true), (obj) => applyRollback(obj, rollbackTarget(obj, revisions, body(req).revision)));
  });
  route('get', '/namespaces/:ns/:kind/:name/revisions/:revision/diff', async (ctx, req) => {
    const { kind, ns, name } = target(req, ROLLABLE);
    const obj = await kubeJson<KubeObject>(ctx, objectPath(kind, ns, name));
    const t = rollbackTarget(obj, await history(ctx, kind, ns), revisionParam(param(req, 'revision')));
    const { uid, generation, resourceVersion } = obj.metadata;
    return { revision: t.revision, uid, generation, resourceVersion, ...templateDiff(obj.spec?.template, t.template) };
  });
  route('delete', '/namespaces/:ns/:kind/:name', (ctx, req) => {
    const { kind, ns, name } = target(req, DELETABLE);
    const b = { ...(req.query as Record<string, unknown>), ...body(req) };
    if (typeof b.confirmName !== 'string' || b.confirmName !== name) throw badRequest(`type the name "${name}" to confirm the deletion`);
    const policy = b.propagationPolicy ?? 'Background';
    if (!['Foreground', 'Background', 'Orphan'].includes(String(policy))) throw badRequest('propagationPolicy must be Foreground, Background or Orphan');
    return deleteAsSeen(ctx, objectPath(kind, ns, name), seenIn(b, false), String(policy));
  });
  route('post', '/namespaces/:ns/:kind/:name/evict', async (ctx, req) => {
    const { kind, ns, name } = target(req, pluralsThat('evict'));
    const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns } };
    await kubeJson(ctx, objectPath(kind, ns, name, 'eviction'), { method: 'POST', body: eviction });
    return { evicted: name };
  });
  route('get', '/namespaces/:ns/pods/:name/detail', (ctx, req) => {
    const { ns, name } = target(req, 'pods');
    return podDetailFor(ctx, ns, name);
  });
  route('get', '/namespaces/:ns/persistentvolumeclaims/:name/detail', (ctx, req) => {
    const { ns, name } = target(req, 'persistentvolumeclaims');
    return claimDetailFor(ctx, ns, name);
  });
  route('post', '/namespaces/:ns/persistentvolumeclaims/:name/expand', (ctx, req) => {
    const { ns, name } = target(req, 'persistentvolumeclaims');
    return expandClaim(ctx, ns, name, body(req));
  });
  route('post', '/namespaces/:ns/persistentvolumeclaims', (ctx, req) => {
    return createClaim(ctx, namespaceParam(req), body(req));
  }, 201);
  route('get', '/namespaces/:ns/:kind/:name/detail', (ctx, req) => {
    const { kind, ns, name } = target(req, WORKLOADS);
    return workloadDetailFor(ctx, kind, ns, name);
  });
  route('post', '/can-i', (ctx, req) => {
    const b = body(req);
    return canI(ctx, { verb: String(b.verb ?? ''), resource: String(b.resource ?? ''), ...pick(b, ['group', 'subresource', 'namespace', 'name']) });
  });
  return router;
}

/** A namespace from the URL, refused (400) unless a valid namespace name. */
function namespaceParam(req: Request): string {
  const ns = param(req, 'ns');
  const problem = invalidNameMessage('metadata.namespace', 'dns1123Label', ns);
  if (problem) throw badRequest(`namespace ${quoted(ns)}: ${problem}`);
  return ns;
}

function pick(b: Record<string, unknown>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (typeof b[k] === 'string' && b[k]) out[k] = b[k] as string;
  return out;
}
