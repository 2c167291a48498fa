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
