import type { ClusterContext } from '../../clusters/types.ts';
import type { InformerLease, InformerPool } from '../cache/informerPool.ts';
import { MergedInformer } from '../cache/mergedInformer.ts';
import type { ViewDefinition } from '../view.ts';
import type { InformerSource } from './subscription.ts';

/** The informers a view reads in one context, held until `release`. */
export interface ViewLeases {
  /** One per `view.resources`, same order. */
  informers: readonly InformerSource[];
  release(): void;
}

/**
 * Leases the informers of `view` for `namespaces` (empty: all). A signed-in user's informers
 * are theirs alone; when they name namespaces, each namespaced resource is listed in just those
 * and read as one: a user with a namespaced Role may not list across the cluster, and need not.
 * Everyone else's informers are cluster-wide, whatever namespaces they show.
 */
export function leaseViewInformers(pool: InformerPool, context: ClusterContext, view: ViewDefinition, namespaces: readonly string[]): ViewLeases {
  const leases: InformerLease[] = [];
  const merged: MergedInformer[] = [];
  const perNamespace = context.principal !== undefined && namespaces.length > 0;
  const informers = view.resources.map((r) => {
    if (!perNamespace || !r.namespaced) {
      const lease = pool.acquire(context, r);
      leases.push(lease);
      return lease.informer;
    }
    const parts = namespaces.map((namespace) => {
      const lease = pool.acquire(context, { ...r, namespace });
      leases.push(lease);
      return lease.informer;
    });
    const m = new MergedInformer(r, parts);
    merged.push(m);
    return m;
  });
  return {
    informers,
    release() {
      for (const m of merged) m.dispose();
      for (const lease of leases) lease.release();
    },
  };
}
