/** "Is this context's API server answering?" — a short GET /version, remembered briefly. */
import http from 'node:http';
import https from 'node:https';
import { credentialsFor } from './credentials.ts';
import type { ClusterContext } from './types.ts';

export interface Reachability {
  reachable: boolean;
  /** Why not (connection refused, 401, timeout…). */
  error?: string;
}

const CACHE_MS = 5_000;
const cache = new WeakMap<ClusterContext, { at: number; result: Promise<Reachability> }>();

export async function probeVersion(ctx: ClusterContext, timeoutMs = 2_000): Promise<Reachability> {
  const creds = credentialsFor(ctx);
  let access;
  try {
    access = await creds.apply();
  } catch (err) {
    return { reachable: false, error: `credentials: ${(err as Error).message}` };
  }
  const url = new URL(creds.server.pathname.replace(/\/$/, '') + '/version', creds.server);
  return new Promise((resolve) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, { agent: access.agent, headers: { ...access.headers, Accept: 'application/json' }, timeout: timeoutMs }, (res) => {
      res.resume();
      const ok = (res.statusCode ?? 0) < 400;
      if (res.statusCode === 401) creds.invalidate();
      resolve(ok ? { reachable: true } : { reachable: false, error: `GET /version answered ${res.statusCode}` });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ reachable: false, error: err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message }));
    req.end();
  });
}

export function reachability(ctx: ClusterContext): Promise<Reachability> {
  const hit = cache.get(ctx);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.result;
  const result = probeVersion(ctx);
  cache.set(ctx, { at: Date.now(), result });
  return result;
}
