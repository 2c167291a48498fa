/**
 * The navigation, grouped as operators think of it. Only views that exist are listed and a
 * group without views is hidden: no placeholder pages. A feature adds its entry here.
 */
import type { MessageKey } from '../i18n/en.ts';

export interface NavItem {
  /** Path segment under `/c/{context}/`. */
  view: string;
  label: MessageKey;
}

export interface NavGroup {
  id: 'workloads' | 'batch' | 'storage' | 'cluster';
  label: MessageKey;
  items: readonly NavItem[];
}

export const NAVIGATION: readonly NavGroup[] = [
  {
    id: 'workloads',
    label: 'nav.group.workloads',
    items: [
      { view: 'pods', label: 'nav.pods' },
      { view: 'deployments', label: 'nav.deployments' },
      { view: 'statefulsets', label: 'nav.statefulsets' },
      { view: 'daemonsets', label: 'nav.daemonsets' },
      { view: 'replicasets', label: 'nav.replicasets' },
      { view: 'terminal', label: 'nav.terminal' },
    ],
  },
  { id: 'batch', label: 'nav.group.batch', items: [] },
  { id: 'storage', label: 'nav.group.storage', items: [] },
  {
    id: 'cluster',
    label: 'nav.group.cluster',
    items: [
      { view: 'nodes', label: 'nav.nodes' },
      { view: 'events', label: 'nav.events' },
      { view: 'namespaces', label: 'nav.namespaces' },
    ],
  },
];

export function visibleGroups(groups: readonly NavGroup[] = NAVIGATION): NavGroup[] {
  return groups.filter((g) => g.items.length > 0);
}
