import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DiscoveredResource } from '../api/discovery.ts';
import { navigation, pluralOfKind } from './navigation.ts';
import { categoryOf, KINDS, resourceKey } from '../../../server/kube/kinds.ts';

function served(group: string, version: string, kind: string, plural: string, more: Partial<DiscoveredResource> = {}): DiscoveredResource {
  const r = { group, version, kind, plural, namespaced: true, shortNames: [], verbs: ['get', 'list', 'watch'], canList: true };
  return { ...r, key: resourceKey(r), category: categoryOf(r), ...more };
}

const catalogue = KINDS.map((k) => served(k.group, k.version, k.kind, k.plural));

test('before discovery answers, the console shows its own pages in the operator order', () => {
  assert.deepEqual(
    navigation().map((g) => [g.id, g.items.map((i) => i.view)]),
    [
      ['workloads', ['pods', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'terminal']],
      ['batch', ['jobs', 'cronjobs']],
      ['storage', ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses']],
      ['cluster', ['nodes', 'namespaces', 'events']],
    ],
  );
});

test('every served kind is reachable, grouped as operators think; custom resources last', () => {
  const crd = served('stable.example.com', 'v1', 'CronTab', 'crontabs');
  const groups = navigation([...catalogue, crd]);
  assert.deepEqual(
    groups.map((g) => g.id),
    ['workloads', 'batch', 'network', 'config', 'storage', 'access', 'cluster', 'custom'],
  );
  const network = groups.find((g) => g.id === 'network')!;
  assert.deepEqual(
    network.items.map((i) => i.label),
    ['Endpoints', 'EndpointSlices', 'Ingresses', 'IngressClasses', 'NetworkPolicies', 'Services'].map((text) => ({ text })),
  );
  assert.deepEqual(network.items.find((i) => (i.label as { text: string }).text === 'Ingresses')?.view, 'k/ingresses.networking.k8s.io');
  assert.deepEqual(groups.at(-1)!.items, [{ view: 'k/crontabs.stable.example.com', label: { text: 'CronTabs' } }]);
});

test('what the user may not list, or the cluster does not serve, or cannot be watched, is not offered', () => {
  const groups = navigation([
    served('', 'v1', 'Pod', 'pods'),
    served('', 'v1', 'Secret', 'secrets', { canList: false }),
    served('', 'v1', 'ConfigMap', 'configmaps'),
    served('metrics.k8s.io', 'v1beta1', 'PodMetrics', 'pods', { verbs: ['get', 'list'] }),
    served('events.k8s.io', 'v1', 'Event', 'events'),
    served('', 'v1', 'Event', 'events'),
  ]);
  const views = groups.flatMap((g) => g.items.map((i) => i.view));
  assert.deepEqual(views, ['pods', 'terminal', 'k/configmaps', 'events']);
});

test('kind names become the plural an operator reads', () => {
  assert.deepEqual(['ConfigMap', 'Ingress', 'NetworkPolicy', 'Endpoints', 'StorageClass', 'PodMetrics'].map(pluralOfKind), ['ConfigMaps', 'Ingresses', 'NetworkPolicies', 'Endpoints', 'StorageClasses', 'PodMetrics']);
});
