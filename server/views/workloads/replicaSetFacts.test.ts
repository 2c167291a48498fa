import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { replicaSetFacts } from './replicaSetFacts.ts';
import { workloadDetail } from './workloadDetail.ts';

const ctl = (kind: string, name: string, uid: string) => [{ apiVersion: 'apps/v1', kind, name, uid, controller: true }];
const deployment: KubeObject = { kind: 'Deployment', metadata: { name: 'frontend', namespace: 'shop', uid: 'd1', annotations: { 'deployment.kubernetes.io/revision': '2' } } };

function replicaSet(name: string, uid: string, revision: string, status: Record<string, unknown>): KubeObject {
  return {
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'shop',
      uid,
      generation: 3,
      labels: { app: 'frontend', 'pod-template-hash': name.split('-').pop() ?? '' },
      annotations: { 'deployment.kubernetes.io/revision': revision, 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      ownerReferences: ctl('Deployment', 'frontend', 'd1'),
    },
    spec: { replicas: 2, selector: { matchLabels: { app: 'frontend', 'pod-template-hash': name.split('-').pop() } }, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    status,
  };
}

test('the current ReplicaSet of the frontend deployment shows 2 desired, 2 ready, revision 2, its hash, and its owner as current', () => {
  const rs = replicaSet('frontend-7d9f', 'r2', '2', { replicas: 2, readyReplicas: 2, availableReplicas: 1, fullyLabeledReplicas: 2, observedGeneration: 3 });
  assert.deepEqual(replicaSetFacts(rs, deployment), {
    desired: 2,
    current: 2,
    ready: 2,
    available: 1,
    fullyLabeled: 2,
    observed: true,
    revision: 2,
    podTemplateHash: '7d9f',
    owner: { kind: 'Deployment', name: 'frontend' },
    ownerCurrent: true,
  });
});

test('an old revision kept for rollback is not its deployment\'s current one, and an unobserved spec says so', () => {
  const rs = replicaSet('frontend-55aa', 'r1', '1', { replicas: 0, observedGeneration: 2 });
  const f = replicaSetFacts(rs, deployment);
  assert.equal(f.ownerCurrent, false);
  assert.equal(f.ready, 0);
  assert.equal(f.observed, false);
});

test('a bare ReplicaSet has no owner, revision or hash, and an unread owner leaves "current" unknown', () => {
  const bare: KubeObject = { kind: 'ReplicaSet', metadata: { name: 'legacy', uid: 'b1' }, spec: { selector: { matchLabels: { app: 'legacy' } } }, status: { replicas: 1 } };
  const f = replicaSetFacts(bare);
  assert.equal(f.desired, 1, 'spec.replicas defaults to 1');
  assert.equal(f.owner, undefined);
  assert.equal(f.revision, undefined);
  assert.equal(f.podTemplateHash, undefined);
  const owned = replicaSetFacts(replicaSet('frontend-7d9f', 'r2', '2', {}));
  assert.deepEqual(owned.owner, { kind: 'Deployment', name: 'frontend' });
  assert.equal(owned.ownerCurrent, undefined);
  // An object under the owner's name but another uid (deleted and re-created) is not the owner.
  assert.equal(replicaSetFacts(replicaSet('frontend-7d9f', 'r2', '2', {}), { ...deployment, metadata: { ...deployment.metadata, uid: 'other' } }).ownerCurrent, undefined);
});

test('a ReplicaSet\'s detail holds its own pods and events, its ReplicaFailure condition, and no rollout or revisions', () => {
  const rs = replicaSet('frontend-7d9f', 'r2', '2', {
    replicas: 1,
    conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "frontend-7d9f-x" is forbidden: exceeded quota' }],
  });
  const pods: KubeObject[] = [
    { metadata: { name: 'frontend-7d9f-a', namespace: 'shop', uid: 'p1', ownerReferences: ctl('ReplicaSet', 'frontend-7d9f', 'r2') }, spec: { nodeName: 'node-a', containers: [{ name: 'web' }] }, status: { phase: 'Running' } },
    { metadata: { name: 'frontend-55aa-b', namespace: 'shop', uid: 'p2', ownerReferences: ctl('ReplicaSet', 'frontend-55aa', 'r1') }, spec: { containers: [{ name: 'web' }] }, status: { phase: 'Running' } },
  ];
  const event = (uid: string, kind: string, name: string, reason: string): KubeObject => ({
    metadata: { name: `${name}.${reason}`, namespace: 'shop', uid: `e-${uid}-${reason}` },
    involvedObject: { kind, name, uid, namespace: 'shop' },
    reason,
    type: 'Normal',
    lastTimestamp: '2026-11-27T00:00:00Z',
  });
  const events = [event('r2', 'ReplicaSet', 'frontend-7d9f', 'SuccessfulCreate'), event('p1', 'Pod', 'frontend-7d9f-a', 'Started'), event('r1', 'ReplicaSet', 'frontend-55aa', 'SuccessfulDelete')];
  const d = workloadDetail(rs, { replicaSets: [], controllerRevisions: [], pods, events, owner: deployment });
  assert.deepEqual(d.pods.map((p) => p.name), ['frontend-7d9f-a']);
  assert.deepEqual(d.events.map((e) => e.reason).sort(), ['Started', 'SuccessfulCreate']);
  assert.deepEqual(d.conditions.map((c) => [c.type, c.status, c.reason]), [['ReplicaFailure', 'True', 'FailedCreate']]);
  assert.equal(d.rollout, undefined);
  assert.deepEqual(d.revisions, []);
  assert.equal(d.replicaSet?.ownerCurrent, true);
  assert.equal(d.selector, 'app=frontend,pod-template-hash=7d9f');
  assert.deepEqual(d.containers.map((c) => c.image), ['nginx:1.27']);
  assert.equal(d.annotations['kubectl.kubernetes.io/last-applied-configuration'], undefined);
});

test('a deployment\'s detail carries no ReplicaSet facts', () => {
  assert.equal(workloadDetail(deployment, { replicaSets: [], controllerRevisions: [], pods: [], events: [] }).replicaSet, undefined);
});
