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
import type { Identity } from './identity.ts';

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

export function contextAsUser(base: ClusterContext, token: string, user: string, principal = tokenDigest(token)): ClusterContext {
  const userName = `console-user-${principal.slice(0, 8)}`;
  const context: Context = { name: base.name, cluster: clusterOf(base).name, user: userName, namespace: base.namespace };
  const ctx = contextFrom(clusterOf(base), { name: userName, token }, context, base.source);
  // A service account's own namespace is where it most likely works.
  const saNamespace = /^system:serviceaccount:([^:]+):/.exec(user)?.[1];
  return { ...ctx, server: base.server, timeouts: base.timeouts, namespace: base.namespace ?? saNamespace, principal };
}

export interface UserContexts {
  /**
   * The registry a user with this token acts through: only the context they signed in to.
   * A pasted token is its own principal. An OIDC user's ID token is renewed every few minutes:
   * the principal is the identity (same user, same groups, same rights), and a renewed token
   * replaces the old one in place, so informers keep running instead of starting cold.
   */
  registryFor(base: ClusterContext, token: string, who: Identity, mode: 'token' | 'oidc'): ClusterRegistry;
  size(): number;
}

function principalOf(token: string, who: Identity, mode: 'token' | 'oidc'): string {
  if (mode === 'token') return tokenDigest(token);
  return createHash('sha256').update(`oidc\u0000${who.user}\u0000${[...who.groups].sort().join('\u0000')}`).digest('hex').slice(0, 32);
}

export function createUserContexts(now: () => number = Date.now): UserContexts {
  const entries = new Map<string, { ctx: ClusterContext; registry: ClusterRegistry; used: number; token: string }>();
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    // Informers still holding it reconnect with a fresh pool; the object is gone from the cache.
    credentialsFor(e.ctx).destroy();
  };
  return {
    registryFor(base, token, who, mode) {
      const principal = principalOf(token, who, mode);
      const key = `${base.name}\u0000${principal}`;
      const t = now();
      const hit = entries.get(key);
      if (hit) {
        if (hit.token !== token) {
          const user = hit.ctx.kubeConfig.getCurrentUser();
          if (user) (user as { token?: string }).token = token;
          credentialsFor(hit.ctx).invalidate();
        }
        // Re-inserted so the Map's order is least recently used first.
        entries.delete(key);
        entries.set(key, { ...hit, used: t, token });
        return hit.registry;
      }
      for (const [k, e] of entries) if (t - e.used > IDLE_MS) drop(k);
      while (entries.size >= MAX_USERS) drop(entries.keys().next().value as string);
      const ctx = contextAsUser(base, token, who.user, principal);
      const registry = createRegistry([ctx], ctx.name);
      entries.set(key, { ctx, registry, used: t, token });
      return registry;
    },
    size: () => entries.size,
  };
}
