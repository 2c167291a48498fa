import { eventsView } from './events/eventRow.ts';
import { namespacesView } from './namespaces/namespaceRow.ts';
import { nodesView } from './nodes/nodeRow.ts';
import { podsView } from './pods/podRow.ts';
import type { ViewDefinition } from './view.ts';
import { daemonSetsView } from './workloads/daemonSetRow.ts';
import { deploymentsView } from './workloads/deploymentRow.ts';
import { replicaSetsView } from './workloads/replicaSetRow.ts';
import { statefulSetsView } from './workloads/statefulSetRow.ts';

/** Every view the live channel serves, by the name a subscription asks for. One line per view. */
const views: Readonly<Record<string, ViewDefinition>> = {
  namespaces: namespacesView,
  pods: podsView,
  deployments: deploymentsView,
  statefulsets: statefulSetsView,
  daemonsets: daemonSetsView,
  replicasets: replicaSetsView,
  nodes: nodesView,
  events: eventsView,
};

export function findView(name: string): ViewDefinition | undefined {
  return Object.hasOwn(views, name) ? views[name] : undefined;
}

export function viewNames(): string[] {
  return Object.keys(views);
}
