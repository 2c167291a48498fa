/**
 * `GET {BASE}/api/contexts/:context/reachable-namespaces?typed=a,b`: what the namespace picker
 * offers a user who may not list namespaces (reachableNamespaces.ts), asked as the user the
 * request acts for (registryOf: their own credentials in token and oidc modes).
 */
import { Router } from 'express';
import { registryOf, type ClusterRegistry } from '../../clusters/types.ts';
import { failureStatus, KubeStatusError } from '../../clusters/kubeStatus.ts';
import { API_HEADERS } from '../../http/headers.ts';
import { sendKubeStatus } from '../../actions/router.ts';
import { reachableNamespaces, typedCandidates } from './reachableNamespaces.ts';

export function namespacesRouter(clusters: ClusterRegistry): Router {
  const router = Router();
  router.get('/contexts/:context/reachable-namespaces', async (req, res, next) => {
    const name = String(req.params.context ?? '');
    const ctx = registryOf(req, clusters).get(name);
    if (!ctx) return sendKubeStatus(res, next, new KubeStatusError(failureStatus(404, 'NotFound', `no cluster context named "${name.slice(0, 253)}"`)));
    try {
      const typed = typeof req.query.typed === 'string' ? req.query.typed : undefined;
      res.set(API_HEADERS).json(await reachableNamespaces(ctx, typedCandidates(typed)));
    } catch (err) {
      sendKubeStatus(res, next, err);
    }
  });
  return router;
}
