import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NAVIGATION, visibleGroups } from './navigation.ts';

test('the navigation shows only groups that have a view: Workloads and Cluster', () => {
  const groups = visibleGroups();
  assert.deepEqual(
    groups.map((g) => [g.id, g.items.map((i) => i.view)]),
    [
      ['workloads', ['pods', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'terminal']],
      ['cluster', ['nodes', 'events', 'namespaces']],
    ],
  );
});

test('the groups keep the operator order Workloads, Batch, Storage, Cluster', () => {
  assert.deepEqual(
    NAVIGATION.map((g) => g.id),
    ['workloads', 'batch', 'storage', 'cluster'],
  );
});
