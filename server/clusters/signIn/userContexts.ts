/**
 * A signed-in user's view of a context: the same API server, CA and proxy settings, and the
 * user's own bearer token instead of any credential the console holds. Each (context, token)
 * pair is one ClusterContext object — and so one connection pool and, through cacheKeyOf, its
 * own informers and can-i answers — kept while in use and dropped after an idle hour, at most
 * MAX_USERS of them.
 */
import { createHash } from 'node:crypto';
import type { Cluster, Context } from '@kubernetes/client-node';
import { contextFrom } from '../contextConfig.ts';
import { credentialsFor } from '../credentials.ts';
import { createRegistry, type ClusterContext, type ClusterRegistry } from '../types.ts';

const MAX_USERS = 500;
const IDLE_MS = 60 * 60_000;

function clusterOf(base: ClusterContext): Cluster {
  const cluster = base.kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error(`context "${base.name}" has no cluster`);
  return cluster;
}

/** The base context with no credential at all: what a request without a user would be. */
export function anonymousContext(base: ClusterContext): ClusterContext {
  const context: Context = { name: base.name, cluster: clusterOf(base).name, user: 'anonymous', namespace: base.namespace };
  return { ...contextFrom(clusterOf(base), { name: 'anonymous' }, context, base.source), server: base.server, timeouts: base.timeouts, principal: 'anonymous' };
}

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

export function contextAsUser(base: ClusterContext, token: string, user: string): ClusterContext {
  const userName = `console-user-${tokenDigest(token).slice(0, 8)}`;
  const context: Context = { name: base.name, cluster: clusterOf(base).name, user: userName, namespace: base.namespace };
  const ctx = contextFrom(clusterOf(base), { name: userName, token }, context, base.source);
  // A service account's own namespace is where it most likely works.
  const saNamespace = /^system:serviceaccount:([^:]+):/.exec(user)?.[1];
  return { ...ctx, server: base.server, timeouts: base.timeouts, namespace: base.namespace ?? saNamespace, principal: tokenDigest(token) };
}

export interface UserContexts {
  /** The registry a user with this token acts through: only the context they signed in to. */
  registryFor(base: ClusterContext, token: string, user: string): ClusterRegistry;
  size(): number;
}

export function createUserContexts(now: () => number = Date.now): UserContexts {
  const entries = new Map<string, { ctx: ClusterContext; registry: ClusterRegistry; used: number }>();
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    // Informers still holding it reconnect with a fresh pool; the object is gone from the cache.
    credentialsFor(e.ctx).destroy();
  };
  return {
    registryFor(base, token, user) {
      const key = `${base.name}\u0000${tokenDigest(token)}`;
      const t = now();
      const hit = entries.get(key);
      if (hit) {
        // Re-inserted so the Map's order is least recently used first.
        entries.delete(key);
        entries.set(key, { ...hit, used: t });
        return hit.registry;
      }
      for (const [k, e] of entries) if (t - e.used > IDLE_MS) drop(k);
      while (entries.size >= MAX_USERS) drop(entries.keys().next().value as string);
      const ctx = contextAsUser(base, token, user);
      const registry = createRegistry([ctx], ctx.name);
      entries.set(key, { ctx, registry, used: t });
      return registry;
    },
    size: () => entries.size,
  };
}
