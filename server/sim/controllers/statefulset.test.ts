import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../api/object.ts';
import { statefulSetController } from './statefulset.ts';
import { eventually, testCluster, type TestCluster } from './testCluster.ts';

const STS = 'statefulsets.apps';

function db(extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'shop' },
    spec: {
      replicas: 3,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'postgres', image: 'postgres:16' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  };
}

const pod = (tc: TestCluster, n: number) => tc.ctx.store.get('pods', 'shop', `db-${n}`);
const set = (tc: TestCluster) => tc.ctx.store.get(STS, 'shop', 'db')!;

test('a statefulset creates db-0 before db-1, each with its own claim, waiting for the previous pod to be ready', async () => {
  const tc = testCluster([statefulSetController()]);
  const order: string[] = [];
  const unsubscribe = tc.ctx.store.subscribe((e) => {
    if (e.type !== 'ADDED') return;
    order.push(`${e.resource}:${e.object.metadata.name}`);
    if (e.resource === 'pods') {
      const n = Number(e.object.metadata.name!.split('-')[1]);
      // OrderedReady: the previous pod is Running and Ready when the next is created.
      if (n > 0) assert.equal(tc.ctx.store.get('pods', 'shop', `db-${n - 1}`)?.status?.phase, 'Running');
    }
  });
  try {
    tc.create(STS, db());
    await eventually(() => set(tc).status?.readyReplicas === 3, 'three ready replicas');
    const relevant = order.filter((o) => o.startsWith('pods:') || o.startsWith('persistentvolumeclaims:'));
    assert.deepEqual(relevant, [
      'persistentvolumeclaims:data-db-0',
      'pods:db-0',
      'persistentvolumeclaims:data-db-1',
      'pods:db-1',
      'persistentvolumeclaims:data-db-2',
      'pods:db-2',
    ]);
    const p0 = pod(tc, 0)!;
    assert.equal(p0.metadata.labels!['statefulset.kubernetes.io/pod-name'], 'db-0');
    assert.equal(p0.metadata.labels!['apps.kubernetes.io/pod-index'], '0');
    assert.equal(p0.spec.hostname, 'db-0');
    assert.equal(p0.spec.subdomain, 'db');
    assert.deepEqual(
      p0.spec.volumes.find((v: { name: string }) => v.name === 'data'),
      { name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } },
    );
    const [rev] = tc.ctx.store.list('controllerrevisions.apps', 'shop');
    assert.equal(rev.revision, 1);
    assert.equal(p0.metadata.labels!['controller-revision-hash'], rev.metadata.name);
    assert.ok(rev.metadata.name!.startsWith('db-'));
    const s = set(tc).status;
    assert.equal(s.currentRevision, rev.metadata.name);
    assert.equal(s.updateRevision, rev.metadata.name);
    const events = tc.ctx.store.list('events', 'shop').map((e) => e.message);
    assert.ok(events.includes('create Pod db-0 in StatefulSet db successful'));
    assert.ok(events.includes('create Claim data-db-0 Pod db-0 in StatefulSet db success'));

    // Scale down: highest ordinal first, claims kept.
    tc.ctx.store.mutate(STS, 'shop', 'db', (o) => {
      o.spec.replicas = 1;
    });
    await eventually(() => !pod(tc, 1) && !pod(tc, 2), 'scaled down to 1');
    assert.ok(tc.ctx.store.get('persistentvolumeclaims', 'shop', 'data-db-2'), 'claims are retained');
    const deletions = tc.ctx.store.list('events', 'shop').map((e) => String(e.message)).filter((m) => m.startsWith('delete Pod'));
    assert.deepEqual(deletions, ['delete Pod db-2 in StatefulSet db successful', 'delete Pod db-1 in StatefulSet db successful']);
  } finally {
    unsubscribe();
    tc.close();
  }
});

test('a rolling update with partition 2 updates db-2 only and keeps lower ordinals on the old revision', async () => {
  const tc = testCluster([statefulSetController()]);
  try {
    tc.create(STS, db({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    await eventually(() => set(tc).status?.readyReplicas === 3, 'three ready replicas');
    const oldRev = set(tc).status.currentRevision;
    tc.ctx.store.mutate(STS, 'shop', 'db', (o) => {
      o.spec.template.spec.containers[0].image = 'postgres:17';
    });
    await eventually(() => set(tc).status?.updatedReplicas === 1 && set(tc).status?.readyReplicas === 3, 'db-2 updated');
    await new Promise((r) => setTimeout(r, 50));
    const s = set(tc).status;
    assert.notEqual(s.updateRevision, oldRev);
    assert.equal(s.currentRevision, oldRev);
    assert.equal(pod(tc, 2)!.spec.containers[0].image, 'postgres:17');
    assert.equal(pod(tc, 2)!.metadata.labels!['controller-revision-hash'], s.updateRevision);
    for (const n of [0, 1]) {
      assert.equal(pod(tc, n)!.spec.containers[0].image, 'postgres:16');
      assert.equal(pod(tc, n)!.metadata.labels!['controller-revision-hash'], oldRev);
    }
    const revisions = tc.ctx.store.list('controllerrevisions.apps', 'shop').map((r) => r.revision).sort();
    assert.deepEqual(revisions, [1, 2]);
    // Lowering the partition to 0 finishes the rollout from the top down.
    tc.ctx.store.mutate(STS, 'shop', 'db', (o) => {
      o.spec.updateStrategy.rollingUpdate.partition = 0;
    });
    await eventually(() => set(tc).status?.currentRevision === s.updateRevision && set(tc).status?.updatedReplicas === 3, 'rollout complete');
    assert.equal(pod(tc, 0)!.spec.containers[0].image, 'postgres:17');
  } finally {
    tc.close();
  }
});

test('a Parallel statefulset creates all pods without waiting', async () => {
  const tc = testCluster([statefulSetController()]);
  tc.readyWhen = () => false;
  try {
    tc.create(STS, db({ podManagementPolicy: 'Parallel' }));
    await eventually(() => pod(tc, 0) && pod(tc, 1) && pod(tc, 2), 'three pods though none is ready');
  } finally {
    tc.close();
  }
});
