/**
 * Cross-links kubectl cannot give, under `{BASE}/api/contexts/:context/namespaces/:ns/`:
 *   GET  :kind/:name/references   what a workload's or pod's template names, and whether it is there
 *   GET  services/:name/pods       the pods a Service selects, ready endpoints or not, and why
 *   GET  secrets/:name/keys        a Secret's keys and sizes, no values
 *   POST secrets/:name/reveal      one key's value ({"key": "..."}); a POST so the same-origin guard applies
 * Names are checked as the API server would before any URL is built; 404 and 403 of the named
 * object are the API server's Status, as on every other detail.
 */
import { Router, type Request } from 'express';
import { registryOf, type ClusterContext, type ClusterRegistry } from '../clusters/types.ts';
import { badRequest, failureStatus, KubeStatusError } from '../clusters/kubeStatus.ts';
import { API_HEADERS } from '../http/headers.ts';
import { KINDS } from '../kube/kinds.ts';
import { checkedTarget, kindOf, type KindInfo } from './kinds.ts';
import { workloadReferencesFor } from './references.ts';
import { revealSecretKey, secretKeysFor } from './referencesSecretData.ts';
import { servicePodsFor } from './referencesServicePods.ts';
import { sendKubeStatus } from './router.ts';

/** What runs pods has a pod spec (its own, or `spec.template`): the catalogue's kinds that run pods. */
const WITH_TEMPLATES = KINDS.filter((k) => k.runsPods && k.namespaced).map((k) => k.plural);
const SERVICES = kindOf('services');
const SECRETS = kindOf('secrets');

type Handler = (ctx: ClusterContext, req: Request) => Promise<unknown>;

const param = (req: Request, name: string) => String(req.params[name] ?? '');

export function referencesRouter(clusters: ClusterRegistry): Router {
  const router = Router();
  const route = (method: 'get' | 'post', path: string, handler: Handler) => {
    router[method](`/contexts/:context/namespaces/:ns${path}`, async (req, res, next) => {
      const ctx = registryOf(req, clusters).get(param(req, 'context'));
      if (!ctx) return sendKubeStatus(res, next, new KubeStatusError(failureStatus(404, 'NotFound', `no cluster context named "${param(req, 'context').slice(0, 253)}"`)));
      try {
        res.set(API_HEADERS).json(await handler(ctx, req));
      } catch (err) {
        sendKubeStatus(res, next, err);
      }
    });
  };
  const target = (req: Request, kind: KindInfo) => checkedTarget(kind, param(req, 'ns'), param(req, 'name'));

  route('get', '/services/:name/pods', (ctx, req) => {
    const { ns, name } = target(req, SERVICES);
    return servicePodsFor(ctx, ns, name);
  });
  route('get', '/secrets/:name/keys', (ctx, req) => {
    const { ns, name } = target(req, SECRETS);
    return secretKeysFor(ctx, ns, name);
  });
  route('post', '/secrets/:name/reveal', (ctx, req) => {
    const { ns, name } = target(req, SECRETS);
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the request body must be a JSON object');
    return revealSecretKey(ctx, ns, name, (body as Record<string, unknown>).key);
  });
  route('get', '/:kind/:name/references', (ctx, req) => {
    const { kind, ns, name } = target(req, kindOf(param(req, 'kind'), WITH_TEMPLATES));
    return workloadReferencesFor(ctx, kind, ns, name);
  });
  return router;
}
