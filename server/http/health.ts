/** `/healthz`: the process is up. `/readyz`: the selected context answers /version within 2 s. */
import { Router } from 'express';
import type { ClusterRegistry } from '../clusters/types.ts';
import { probeVersion } from '../clusters/reachability.ts';
import { statusBody } from './errors.ts';
import { NO_STORE } from './headers.ts';

export function healthRouter(clusters: ClusterRegistry): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', NO_STORE).type('text/plain').send('ok');
  });
  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', NO_STORE);
    const ctx = clusters.get(clusters.current);
    if (!ctx) {
      res.status(503).json(statusBody(503, 'ServiceUnavailable', 'no cluster context is configured'));
      return;
    }
    const probe = await probeVersion(ctx, 2_000);
    if (probe.reachable) res.type('text/plain').send('ok');
    else res.status(503).json(statusBody(503, 'ServiceUnavailable', `context "${ctx.name}" is not reachable: ${probe.error}`));
  });
  return router;
}
