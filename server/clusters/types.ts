/** One object per cluster context: where its API server is and how to authenticate (inside kubeConfig). */
import type { KubeConfig } from '@kubernetes/client-node';

export type ClusterSource = 'kubeconfig' | 'in-cluster' | 'demo';

export interface ClusterContext {
  name: string;
  /** API server root URL (may carry a path prefix, e.g. Rancher's /k8s/clusters/c-x). */
  server: string;
  source: ClusterSource;
  namespace?: string;
  /** A KubeConfig holding only this context, selected as current. Never sent to the browser. */
  kubeConfig: KubeConfig;
  /** Why this context cannot be used (e.g. a certificate file is missing); undefined when usable. */
  problem?: string;
  /** Deadlines for calls to this API server; kubeRequest.ts has the defaults. */
  timeouts?: RequestTimeouts;
  /**
   * Whose credentials these are, when a signed-in user's (an opaque digest of the token, never
   * the token); undefined for the console's own. Part of every cache key (cacheKeyOf).
   */
  principal?: string;
}

/**
 * What caches (informers, access reviews, discovery) are keyed by: the context and whose
 * credentials it holds, so one user never reads another's list, watch or can-i answers.
 */
export function cacheKeyOf(ctx: Pick<ClusterContext, 'name' | 'principal'>): string {
  return ctx.principal === undefined ? ctx.name : `${ctx.name}\u0000${ctx.principal}`;
}

export interface RequestTimeouts {
  /** TCP (and TLS) connection established, in ms. */
  connectMs: number;
  /** Response headers of a non-streaming request (not a watch, log follow or upgrade), in ms. */
  firstByteMs: number;
}

export interface ClusterRegistry {
  list(): ClusterContext[];
  get(name: string): ClusterContext | undefined;
  /** Name of the selected context. */
  current: string;
}

export function createRegistry(contexts: ClusterContext[], current: string, timeouts?: RequestTimeouts): ClusterRegistry {
  if (timeouts) for (const c of contexts) c.timeouts ??= timeouts;
  const byName = new Map(contexts.map((c) => [c.name, c]));
  return {
    list: () => [...byName.values()],
    get: (name) => byName.get(name),
    current: byName.has(current) ? current : (contexts[0]?.name ?? ''),
  };
}

/**
 * The registry a request acts through. In token and oidc modes the sign-in gate attaches the
 * signed-in user's registry (their own credentials) to the request; otherwise (local and
 * serviceaccount modes) it is the console's. Keyed by the IncomingMessage, so plain requests
 * and websocket upgrades are treated alike.
 */
const registries = new WeakMap<object, ClusterRegistry>();

export function actAs(req: object, registry: ClusterRegistry): void {
  registries.set(req, registry);
}

export function registryOf(req: object, fallback: ClusterRegistry): ClusterRegistry {
  return registries.get(req) ?? fallback;
}
