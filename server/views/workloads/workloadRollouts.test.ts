import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { daemonSetRolloutStatus } from './daemonSetRollout.ts';
import { statefulSetRolloutStatus } from './statefulSetRollout.ts';

const ready = [{ type: 'Ready', status: 'True' }];
const pod = (name: string, ownerUid: string, labels: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'X', name: 'x', uid: ownerUid, controller: true }] },
  spec: { nodeName: (extra.node as string) ?? 'node-a' },
  status: { phase: 'Running', conditions: extra.notReady ? [] : ready, ...(extra.status as object) },
});

function statefulSet(partition: number, status: Record<string, unknown>): KubeObject {
  return {
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'shop', uid: 's1', generation: 2 },
    spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } },
    status: { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentRevision: 'db-old', updateRevision: 'db-new', ...status },
  };
}

test('a partitioned statefulset rollout is complete once the ordinals at or above the partition are updated', () => {
  const pods = [pod('db-0', 's1', { 'controller-revision-hash': 'db-old' }), pod('db-1', 's1', { 'controller-revision-hash': 'db-old' }), pod('db-2', 's1', { 'controller-revision-hash': 'db-new' })];
  const s = statefulSetRolloutStatus(statefulSet(2, { updatedReplicas: 1, currentReplicas: 2 }), pods);
  assert.equal(s.state, 'complete');
  assert.deepEqual(s.explanation, { code: 'partitionComplete', updated: 1 });
  assert.deepEqual(s.ordinals.map((o) => [o.ordinal, o.updated, o.inPartition]), [[0, false, false], [1, false, false], [2, true, true]]);
});

test('a partitioned statefulset waits for its ordinals above the partition', () => {
  const s = statefulSetRolloutStatus(statefulSet(1, { updatedReplicas: 1 }), []);
  assert.equal(s.state, 'progressing');
  assert.deepEqual(s.explanation, { code: 'partitionedRollout', updated: 1, target: 2 });
});

test('a statefulset whose updated pod cannot pull its image has failed', () => {
  const waiting = { containerStatuses: [{ name: 'db', state: { waiting: { reason: 'ImagePullBackOff', message: 'not found' } } }] };
  const pods = [pod('db-0', 's1', { 'controller-revision-hash': 'db-old' }), pod('db-1', 's1', { 'controller-revision-hash': 'db-old' }), pod('db-2', 's1', { 'controller-revision-hash': 'db-new' }, { notReady: true, status: waiting })];
  const s = statefulSetRolloutStatus(statefulSet(0, { readyReplicas: 2, updatedReplicas: 1 }), pods);
  assert.equal(s.state, 'failed');
  assert.equal(s.reason, 'ImagePullBackOff');
  assert.deepEqual(s.explanation, { code: 'podsStuck', among: 'revision', revision: 'db-new', deadlineExceeded: false, failure: { reason: 'ImagePullBackOff', pods: 1, example: 'db-2', message: 'not found' } });
  assert.equal(s.ordinals[2].ready, false);
});

test('a daemonset rollout shows each node with its pod updated or not', () => {
  const ds: KubeObject = {
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system', uid: 'ds1', generation: 2 },
    spec: { updateStrategy: { type: 'RollingUpdate' } },
    status: { observedGeneration: 2, desiredNumberScheduled: 2, updatedNumberScheduled: 1, numberAvailable: 2, numberReady: 2 },
  };
  const revisions: KubeObject[] = [
    { kind: 'ControllerRevision', metadata: { name: 'agent-aaa', labels: { 'controller-revision-hash': 'aaa' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'ds1', controller: true }] }, revision: 1 },
    { kind: 'ControllerRevision', metadata: { name: 'agent-bbb', labels: { 'controller-revision-hash': 'bbb' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'ds1', controller: true }] }, revision: 2 },
  ];
  const pods = [pod('agent-1', 'ds1', { 'controller-revision-hash': 'bbb' }, { node: 'node-b' }), pod('agent-2', 'ds1', { 'controller-revision-hash': 'aaa' }, { node: 'node-a' })];
  const s = daemonSetRolloutStatus(ds, pods, revisions);
  assert.equal(s.state, 'progressing');
  assert.deepEqual(s.explanation, { code: 'updatingPods', updated: 1, desired: 2 });
  assert.deepEqual(s.nodes.map((n) => [n.node, n.updated]), [['node-a', false], ['node-b', true]]);
});
