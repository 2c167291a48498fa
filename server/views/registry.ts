import { jobsView } from './batch/jobRow.ts';
import { eventsView } from './events/eventRow.ts';
import { namespacesView } from './namespaces/namespaceRow.ts';
import { nodesView } from './nodes/nodeRow.ts';
import { podsView } from './pods/podRow.ts';
import { claimsView } from './storage/claimRow.ts';
import { storageClassesView } from './storage/storageClassRow.ts';
import { volumesView } from './storage/volumeRow.ts';
import { createTableViewResolver } from './table/tableView.ts';
import { createCronJobsViewResolver } from './batch/cronJobRow.ts';
import type { ViewDefinition, ViewResolver } from './view.ts';
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
  persistentvolumeclaims: claimsView,
  persistentvolumes: volumesView,
  storageclasses: storageClassesView,
  jobs: jobsView,
};

export function findView(name: string): ViewDefinition | undefined {
  return Object.hasOwn(views, name) ? views[name] : undefined;
}

export function viewNames(): string[] {
  return Object.keys(views);
}

/** Views over a resource the subscription names (`table`: params group, version, plural), by name. */
const resolvedViews: Readonly<Record<string, ViewResolver>> = {
  table: createTableViewResolver(),
  cronjobs: createCronJobsViewResolver(),
};

export function findViewResolver(name: string): ViewResolver | undefined {
  return Object.hasOwn(resolvedViews, name) ? resolvedViews[name] : undefined;
}
