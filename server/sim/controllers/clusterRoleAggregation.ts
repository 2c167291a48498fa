import type { Controller } from '../context.ts';
import { aggregatedRules, aggregationSelectors } from '../api/rbac/aggregation.ts';
import { ControlLoop } from './controlLoop.ts';

const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';

/**
 * clusterrole-aggregation: an aggregated ClusterRole (admin, edit, view, or a user's own) holds the
 * rules of every ClusterRole its aggregationRule selects, kept current as those change.
 */
class ClusterRoleAggregationController extends ControlLoop {
  readonly name = 'clusterrole-aggregation';

  protected watch(): void {
    // Any role may start or stop matching a selector, or change its rules: resync the aggregated ones.
    this.on(CLUSTER_ROLES, () => this.queueAggregated());
    this.queueAggregated();
  }

  private queueAggregated(): void {
    for (const r of this.ctx.store.listRefs(CLUSTER_ROLES)) if (aggregationSelectors(r)) this.queue.add(r.metadata.name!);
  }

  protected sync(name: string): void {
    const { store } = this.ctx;
    const role = store.getRef(CLUSTER_ROLES, undefined, name);
    if (!role || !aggregationSelectors(role)) return;
    const rules = aggregatedRules(role, store.listRefs(CLUSTER_ROLES));
    if (JSON.stringify(rules) === JSON.stringify(role.rules ?? [])) return;
    store.mutate(CLUSTER_ROLES, undefined, name, (o) => {
      o.rules = rules;
    });
  }
}

export function clusterRoleAggregationController(): Controller {
  return new ClusterRoleAggregationController();
}
