import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { podRow } from './podRow.ts';

const replicaPod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'frontend-7d9c-abcde',
    namespace: 'shop',
    uid: 'u-1',
    creationTimestamp: '2025-03-01T12:00:00Z',
    labels: { app: 'frontend' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend-7d9c', uid: 'rs', controller: true }],
  },
  spec: { nodeName: 'node-a', containers: [{ name: 'web', image: 'nginx' }, { name: 'log', image: 'busybox' }] },
  status: {
    phase: 'Running',
    podIP: '10.244.0.7',
    containerStatuses: [
      { name: 'web', ready: true, restartCount: 2, state: { running: {} } },
      { name: 'log', ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } },
    ],
  },
};

test('a replica pod becomes a slim row with its owner, node, IP, ready count and restarts', () => {
  assert.deepEqual(podRow(replicaPod), {
    key: 'shop/frontend-7d9c-abcde',
    namespace: 'shop',
    name: 'frontend-7d9c-abcde',
    phase: 'Running',
    status: 'CrashLoopBackOff',
    ready: '1/2',
    readyContainers: 1,
    totalContainers: 2,
    restarts: 3,
    node: 'node-a',
    podIP: '10.244.0.7',
    owner: { kind: 'ReplicaSet', name: 'frontend-7d9c' },
    labels: { app: 'frontend' },
    creationTimestamp: '2025-03-01T12:00:00Z',
  });
});

test('a pod just created, with no status yet, reads Pending 0/1', () => {
  const row = podRow({ metadata: { name: 'bare', namespace: 'default' }, spec: { containers: [{ name: 'c' }] } });
  assert.equal(row.status, 'Pending');
  assert.equal(row.phase, 'Pending');
  assert.equal(row.ready, '0/1');
  assert.equal(row.node, undefined);
  assert.equal(row.owner, undefined);
});
