/** `GET /api/contexts`: what the context switcher shows. Names and servers only, never credentials. */
import { Router } from 'express';
import { reachability } from './reachability.ts';
import { registryOf, type ClusterRegistry, type ClusterSource } from './types.ts';

export interface ContextSummary {
  name: string;
  server: string;
  current: boolean;
  reachable: boolean;
  source: ClusterSource;
  namespace?: string;
  /** Why it is not reachable, for the switcher's tooltip. */
  error?: string;
}

/** A server URL may carry user:password (rare, legacy); the listing never shows it. */
function withoutUserinfo(server: string): string {
  try {
    const url = new URL(server);
    if (!url.username && !url.password) return server;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return server;
  }
}

export function contextsRouter(clusters: ClusterRegistry): Router {
  const router = Router();
  router.get('/contexts', async (req, res) => {
    // A signed-in user sees the contexts they act in (the one they signed in to).
    const mine = registryOf(req, clusters);
    const list = mine.list();
    const probes = await Promise.all(list.map((c) => reachability(c)));
    const body: ContextSummary[] = list.map((c, i) => ({
      name: c.name,
      server: withoutUserinfo(c.server),
      current: c.name === mine.current,
      reachable: probes[i].reachable,
      source: c.source,
      ...(c.namespace ? { namespace: c.namespace } : {}),
      ...(probes[i].error ? { error: probes[i].error } : {}),
    }));
    res.json(body);
  });
  return router;
}
