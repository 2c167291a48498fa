/**
 * The Job page's API, under `{BASE}/api/contexts/:context/namespaces/:ns/jobs`:
 *   GET  :name/detail   the Job page's view model (pods with exit codes, why it failed, log tail)
 *   POST :name/suspend  spec.suspend = true  ({uid, generation} as seen)
 *   POST :name/resume   spec.suspend = false ({uid, generation} as seen)
 *   POST :name/rerun    a copy of a finished Job under a new name ({name, uid})
 *   POST ""             a new Job, from the form ({form: {...}}) or from YAML ({manifest: "..."})
 * Deleting a Job is the actions router's DELETE with its propagation policy. Mounted before the
 * actions router, whose generic `:kind/:name/detail` and `resume` routes would refuse `jobs`.
 */
import { Router, type Request } from 'express';
import { registryOf, type ClusterContext, type ClusterRegistry } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { badRequest, failureStatus, KubeStatusError } from '../clusters/kubeStatus.ts';
import { API_HEADERS } from '../http/headers.ts';
import type { KubeObject } from '../kube/object.ts';
import { asSeen, seenIn } from './asSeen.ts';
import { jobDetailFor } from './jobDetails.ts';
import { jobFromForm, jobFromManifest, rerunCopy, setSuspended } from './jobEdits.ts';
import { checkedTarget, collectionPath, kindOf, objectPath } from './kinds.ts';
import { sendKubeStatus } from './router.ts';

type Handler = (ctx: ClusterContext, req: Request) => Promise<unknown>;

const JOBS = kindOf('jobs');
const param = (req: Request, name: string) => String(req.params[name] ?? '');

function body(req: Request): Record<string, unknown> {
  const b: unknown = req.body ?? {};
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw badRequest('the request body must be a JSON object');
  return b as Record<string, unknown>;
}

/** The namespace of a create, checked as a DNS-1123 label (checkedTarget with a placeholder name). */
function checkedNamespace(req: Request): string {
  return checkedTarget(JOBS, param(req, 'ns'), 'x').ns;
}

export function jobsRouter(clusters: ClusterRegistry): Router {
  const router = Router();
  const route = (method: 'get' | 'post', path: string, handler: Handler, status = 200) => {
    router[method](`/contexts/:context/namespaces/:ns/jobs${path}`, async (req, res, next) => {
      const ctx = registryOf(req, clusters).get(param(req, 'context'));
      if (!ctx) return sendKubeStatus(res, next, new KubeStatusError(failureStatus(404, 'NotFound', `no cluster context named "${param(req, 'context').slice(0, 253)}"`)));
      try {
        const out = await handler(ctx, req);
        res.set(API_HEADERS).status(status).json(out);
      } catch (err) {
        sendKubeStatus(res, next, err);
      }
    });
  };
  const target = (req: Request) => checkedTarget(JOBS, param(req, 'ns'), param(req, 'name'));

  route('get', '/:name/detail', (ctx, req) => {
    const { ns, name } = target(req);
    return jobDetailFor(ctx, ns, name);
  });
  for (const action of ['suspend', 'resume'] as const) {
    route('post', `/:name/${action}`, (ctx, req) => {
      const { ns, name } = target(req);
      const path = objectPath(JOBS, ns, name);
      return asSeen(ctx, path, seenIn(body(req), true), (job) => {
        setSuspended(job, action === 'suspend');
        return kubeJson<KubeObject>(ctx, path, { method: 'PUT', body: job });
      });
    });
  }
  route('post', '/:name/rerun', (ctx, req) => {
    const { ns, name } = target(req);
    const b = body(req);
    // The copy is made of the Job the operator saw (its uid), read fresh.
    return asSeen(ctx, objectPath(JOBS, ns, name), seenIn(b, false), (job) => {
      const copy = rerunCopy(job, b.name);
      return kubeJson<KubeObject>(ctx, collectionPath(JOBS, ns), { method: 'POST', body: copy });
    });
  }, 201);
  route('post', '', (ctx, req) => {
    const ns = checkedNamespace(req);
    const b = body(req);
    if ((b.form === undefined) === (b.manifest === undefined)) throw badRequest('send either form (the create form\'s fields) or manifest (the Job as YAML)');
    const job = b.form !== undefined ? jobFromForm(b.form, ns) : jobFromManifest(b.manifest, ns);
    return kubeJson<KubeObject>(ctx, collectionPath(JOBS, ns), { method: 'POST', body: job });
  }, 201);
  return router;
}
