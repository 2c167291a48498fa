/** `GET /api/contexts/:context/resources?namespace=`: what the cluster serves and the user may list. */
import { Router, type NextFunction, type Response } from 'express';
import { badRequest, failureStatus, KubeStatusError } from '../../clusters/kubeStatus.ts';
import { registryOf, type ClusterRegistry } from '../../clusters/types.ts';
import { invalidNameMessage } from '../../kube/names.ts';
import { createDiscovery } from './discoveredResources.ts';

function sendStatus(res: Response, next: NextFunction, err: unknown): void {
  if (!(err instanceof KubeStatusError)) return next(err);
  res.status(err.status.code ?? 500).type('application/json').send(JSON.stringify(err.status));
}

export function discoveryRouter(clusters: ClusterRegistry): Router {
  const router = Router();
  const discover = createDiscovery();
  router.get('/contexts/:context/resources', async (req, res, next) => {
    try {
      const ctx = registryOf(req, clusters).get(req.params.context);
      if (!ctx) throw new KubeStatusError(failureStatus(404, 'NotFound', `no cluster context named "${req.params.context.slice(0, 253)}"`));
      const asked = req.query.namespace;
      if (asked !== undefined && typeof asked !== 'string') throw badRequest('namespace must be given once');
      // Rules are reviewed in a namespace; cluster-wide grants show up in every one of them.
      const namespace = asked || ctx.namespace || 'default';
      const problem = invalidNameMessage('namespace', 'dns1123Label', namespace);
      if (problem) throw badRequest(problem);
      res.json(await discover(ctx, namespace));
    } catch (err) {
      sendStatus(res, next, err);
    }
  });
  return router;
}
