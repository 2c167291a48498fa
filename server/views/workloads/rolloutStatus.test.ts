import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { rolloutStatus } from './rolloutStatus.ts';

const owner = (kind: string, name: string, uid: string) => [{ apiVersion: 'apps/v1', kind, name, uid, controller: true }];

function deployment(over: { replicas?: number; generation?: number; status?: Record<string, unknown>; paused?: boolean; revision?: string } = {}): KubeObject {
  return {
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'shop', uid: 'd1', generation: over.generation ?? 2, annotations: { 'deployment.kubernetes.io/revision': over.revision ?? '2' } },
    spec: { replicas: over.replicas ?? 3, paused: over.paused, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
    status: { observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, ...over.status },
  };
}

const rs = (name: string, uid: string, revision: string, replicas: number): KubeObject => ({
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'shop', uid, annotations: { 'deployment.kubernetes.io/revision': revision }, ownerReferences: owner('Deployment', 'api', 'd1') },
  spec: { replicas },
  status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
});

const waitingPod = (name: string, rsUid: string, reason: string): KubeObject => ({
  kind: 'Pod',
  metadata: { name, namespace: 'shop', uid: `p-${name}`, ownerReferences: owner('ReplicaSet', 'x', rsUid) },
  spec: { nodeName: 'node-a', containers: [{ name: 'api', image: 'api:bad' }] },
  status: { phase: 'Pending', containerStatuses: [{ name: 'api', ready: false, restartCount: 0, state: { waiting: { reason, message: 'Back-off pulling image "api:bad"' } } }] },
});

test('a deployment whose replicas are all updated and available is complete', () => {
  const s = rolloutStatus(deployment(), [rs('api-new', 'rs2', '2', 3)]);
  assert.equal(s.state, 'complete');
  assert.deepEqual(s.explanation, { code: 'complete' });
  assert.deepEqual(s.bounds, { maxSurge: 1, maxUnavailable: 0 });
});

test('a spec change the controller has not observed yet is progressing, waiting for observation', () => {
  const s = rolloutStatus(deployment({ generation: 3 }), []);
  assert.equal(s.state, 'progressing');
  assert.equal(s.reason, 'WaitingForObservation');
});

test('a rollout with 1 of 3 new replicas updated says so like kubectl rollout status', () => {
  const s = rolloutStatus(deployment({ status: { updatedReplicas: 1, replicas: 4, availableReplicas: 3 } }), [rs('api-old', 'rs1', '1', 3), rs('api-new', 'rs2', '2', 1)]);
  assert.equal(s.state, 'progressing');
  assert.equal(s.reason, 'UpdatingReplicas');
  assert.deepEqual(s.explanation, { code: 'updatingPods', updated: 1, desired: 3 });
  assert.equal(s.newReplicaSet?.name, 'api-new');
  assert.deepEqual(s.oldReplicaSets.map((r) => r.name), ['api-old']);
  assert.equal(s.oldReplicas, 3);
});

test('old replicas pending termination and unavailable updated replicas keep the rollout progressing', () => {
  assert.equal(rolloutStatus(deployment({ status: { replicas: 4 } }), []).reason, 'TerminatingOldReplicas');
  assert.equal(rolloutStatus(deployment({ status: { availableReplicas: 2 } }), []).reason, 'WaitingForAvailability');
});

test('a deployment whose new ReplicaSet\'s pods are in ImagePullBackOff is failed with reason ImagePullBackOff', () => {
  const d = deployment({ status: { updatedReplicas: 1, replicas: 4, availableReplicas: 3 } });
  const s = rolloutStatus(d, [rs('api-old', 'rs1', '1', 3), rs('api-new', 'rs2', '2', 1)], [waitingPod('api-new-abc', 'rs2', 'ImagePullBackOff'), waitingPod('api-old-xyz', 'rs1', 'CrashLoopBackOff')]);
  assert.equal(s.state, 'failed');
  assert.equal(s.reason, 'ImagePullBackOff');
  assert.deepEqual(s.explanation, {
    code: 'podsStuck',
    among: 'new',
    deadlineExceeded: false,
    failure: { reason: 'ImagePullBackOff', pods: 1, example: 'api-new-abc', message: 'Back-off pulling image "api:bad"' },
  });
});

test('a crash-looping new pod fails the rollout with CrashLoopBackOff', () => {
  const d = deployment({ status: { availableReplicas: 2 } });
  const s = rolloutStatus(d, [rs('api-new', 'rs2', '2', 3)], [waitingPod('api-new-1', 'rs2', 'CrashLoopBackOff')]);
  assert.equal(s.state, 'failed');
  assert.equal(s.reason, 'CrashLoopBackOff');
});

test('a Progressing condition with ProgressDeadlineExceeded fails the rollout', () => {
  const conditions = [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "api-new" has timed out progressing.' }];
  const s = rolloutStatus(deployment({ status: { updatedReplicas: 1, conditions } }), []);
  assert.equal(s.state, 'failed');
  assert.equal(s.reason, 'ProgressDeadlineExceeded');
  assert.equal(s.deadlineExceeded, true);
  assert.deepEqual(s.explanation, { code: 'progressDeadlineExceeded', condition: 'ReplicaSet "api-new" has timed out progressing.' });
});

test('a paused deployment is paused, whatever its progress', () => {
  const s = rolloutStatus(deployment({ paused: true, status: { updatedReplicas: 1 } }), []);
  assert.equal(s.state, 'paused');
  assert.deepEqual(s.explanation, { code: 'paused', pending: { code: 'updatingPods', updated: 1, desired: 3 } });
});

test('a progressing rollout reports when its progress deadline runs out', () => {
  const conditions = [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: '2025-01-01T00:00:00Z' }];
  const s = rolloutStatus(deployment({ status: { updatedReplicas: 1, conditions } }), []);
  assert.equal(s.deadlineAt, '2025-01-01T00:10:00.000Z');
});
