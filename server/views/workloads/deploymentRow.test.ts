import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { ObjectCache } from '../cache/objectCache.ts';
import { eventRow } from '../events/eventRow.ts';
import type { ViewCaches } from '../view.ts';
import { deploymentsView } from './deploymentRow.ts';

const ctl = (kind: string, name: string, uid: string) => [{ apiVersion: 'apps/v1', kind, name, uid, controller: true }];

function caches(replicaSets: KubeObject[], pods: KubeObject[]): ViewCaches {
  const byId: Record<string, ObjectCache> = { 'replicasets.apps': new ObjectCache(), pods: new ObjectCache() };
  byId['replicasets.apps'].replace(replicaSets);
  byId.pods.replace(pods);
  return { get: (id) => byId[id] };
}

const frontend: KubeObject = {
  kind: 'Deployment',
  metadata: { name: 'frontend', namespace: 'shop', uid: 'd1', generation: 1, resourceVersion: '7', annotations: { 'deployment.kubernetes.io/revision': '1' } },
  spec: { replicas: 3, selector: { matchLabels: { app: 'frontend' } }, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  status: { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
};
const rs: KubeObject = { metadata: { name: 'frontend-abc', namespace: 'shop', uid: 'r1', annotations: { 'deployment.kubernetes.io/revision': '1' }, ownerReferences: ctl('Deployment', 'frontend', 'd1') } };
const pod = (name: string, ready: boolean, waiting?: string): KubeObject => ({
  metadata: { name, namespace: 'shop', ownerReferences: ctl('ReplicaSet', 'frontend-abc', 'r1') },
  spec: { nodeName: 'node-a', containers: [{ name: 'web' }] },
  status: {
    phase: waiting ? 'Pending' : 'Running',
    conditions: ready ? [{ type: 'Ready', status: 'True' }] : [],
    containerStatuses: [{ name: 'web', ready, restartCount: waiting ? 4 : 0, state: waiting ? { waiting: { reason: waiting } } : { running: {} } }],
  },
});

test('the deployment list row joins its pods: 2/3 ready, one crash-looping, rollout failed with CrashLoopBackOff', () => {
  const c = caches([rs], [pod('frontend-abc-1', true), pod('frontend-abc-2', true), pod('frontend-abc-3', false, 'CrashLoopBackOff')]);
  const row = deploymentsView.project(frontend, c, {});
  assert.equal(row.key, 'shop/frontend');
  assert.equal(row.ready, '2/3');
  assert.deepEqual(row.images, ['nginx:1.27']);
  assert.equal(row.selector, 'app=frontend');
  assert.deepEqual(row.pods.byStatus, { Running: 2, CrashLoopBackOff: 1 });
  assert.equal(row.pods.worst, 'CrashLoopBackOff');
  assert.equal(row.pods.restarts, 4);
  assert.deepEqual([row.rollout.state, row.rollout.reason], ['failed', 'CrashLoopBackOff']);
});

test('a pod change touches the row of the deployment that owns its ReplicaSet', () => {
  const c = caches([rs], []);
  assert.deepEqual([...deploymentsView.affectedBy!('pods', pod('frontend-abc-9', true), c)], ['shop/frontend']);
  assert.deepEqual([...deploymentsView.affectedBy!('replicasets.apps', rs, c)], ['shop/frontend']);
});

test('an event row names the object, count and the latest time it was seen', () => {
  const row = eventRow({
    metadata: { name: 'report-renderer.1', namespace: 'shop' },
    type: 'Warning',
    reason: 'FailedScheduling',
    message: '0/3 nodes are available',
    involvedObject: { kind: 'Pod', name: 'report-renderer', namespace: 'shop' },
    count: 3,
    lastTimestamp: '2025-01-01T00:00:05Z',
    source: { component: 'default-scheduler' },
  });
  assert.deepEqual([row.key, row.type, row.object.name, row.count, row.lastSeen, row.source], ['shop/report-renderer.1', 'Warning', 'report-renderer', 3, '2025-01-01T00:00:05Z', 'default-scheduler']);
});
