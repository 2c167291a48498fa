import type { KubeObject } from '../../../kube/object.ts';
import { selectorMatches, type LabelSelector } from '../../../kube/labelSelector.ts';
import type { RbacRule } from './rules.ts';

/** A ClusterRole's aggregationRule selectors, or undefined when it aggregates nothing. */
export function aggregationSelectors(role: Readonly<KubeObject>): LabelSelector[] | undefined {
  const agg = role.aggregationRule as { clusterRoleSelectors?: LabelSelector[] } | undefined | null;
  return agg && Array.isArray(agg.clusterRoleSelectors) ? agg.clusterRoleSelectors : undefined;
}

/**
 * The rules the clusterrole-aggregation controller gives an aggregated ClusterRole: those of every
 * other ClusterRole any selector matches, taken in name order, each rule once.
 */
export function aggregatedRules(role: Readonly<KubeObject>, all: readonly Readonly<KubeObject>[]): RbacRule[] {
  const selectors = aggregationSelectors(role) ?? [];
  const sources = all
    .filter((r) => r.metadata.name !== role.metadata.name && selectors.some((s) => selectorMatches(s, r.metadata.labels)))
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  const seen = new Set<string>();
  const out: RbacRule[] = [];
  for (const src of sources) {
    for (const rule of (src.rules as RbacRule[] | undefined) ?? []) {
      const key = JSON.stringify(rule);
      if (seen.has(key)) continue;
      seen.add(key);
      // A copy from the key already made: cheaper than structuredClone, and a rule is plain JSON.
      out.push(JSON.parse(key) as RbacRule);
    }
  }
  return out;
}

/** Fill every aggregated role of `roles` in place until nothing changes (aggregated roles may feed each other). */
export function aggregateAll(roles: KubeObject[]): void {
  for (let pass = 0; pass < roles.length; pass++) {
    let changed = false;
    for (const role of roles) {
      if (!aggregationSelectors(role)) continue;
      const rules = aggregatedRules(role, roles);
      if (JSON.stringify(rules) !== JSON.stringify(role.rules ?? [])) {
        role.rules = rules;
        changed = true;
      }
    }
    if (!changed) return;
  }
}
