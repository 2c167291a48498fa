import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { controlLoopOf, type ControlLoop } from './controlLoop.ts';
import { statefulSetController } from './statefulset.ts';
import { eventually } from '../../testing/eventually.ts';
import { testCluster, type TestCluster } from './testCluster.ts';

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

/** The store and the work queue only log what throws; a test that caused it must fail. */
function assertNothingSwallowed(tc: TestCluster, controller: ControlLoop): void {
  assert.deepEqual(tc.ctx.store.listenerFailures, [], 'a store listener threw');
  assert.deepEqual(controller.syncFailures, [], 'a statefulset sync threw');
}

/** How a pod looked, as the operator would read it in `kubectl get pods`. */
function podState(p: Readonly<KubeObject> | undefined): string {
  if (!p) return 'absent';
  const ready = (p.status?.conditions as { type: string; status: string }[] | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True');
  return `${p.status?.phase ?? 'Pending'}${ready ? ', Ready' : ''}`;
}

/** The pod's readiness probe starts passing. */
function markReady(tc: TestCluster, n: number): void {
  tc.ctx.store.mutate('pods', 'shop', `db-${n}`, (p) => {
    p.status.conditions = (p.status.conditions as { type: string }[]).map((c) => (c.type === 'Ready' ? { ...c, status: 'True' } : c));
  }, { statusOnly: true });
}

test('a statefulset creates db-0 before db-1, each with its own claim, waiting for the previous pod to be ready', async () => {
  const controller = controlLoopOf(statefulSetController());
  const tc = testCluster([controller]);
  const order: string[] = [];
  /** For each pod, its predecessor's state at the moment the pod was created. */
  const predecessorAtCreation: Record<string, string> = {};
  const unsubscribe = tc.ctx.store.subscribe((e) => {
    if (e.type !== 'ADDED') return;
    order.push(`${e.resource}:${e.object.metadata.name}`);
    if (e.resource === 'pods') {
      const n = Number(e.object.metadata.name!.split('-')[1]);
      if (n > 0) predecessorAtCreation[`db-${n}`] = podState(tc.ctx.store.getRef('pods', 'shop', `db-${n - 1}`));
    }
  });
  try {
    // Pods start Running but not Ready, so ordered start-up has to wait for each one.
    tc.readyWhen = () => false;
    tc.create(STS, db());
    for (const n of [0, 1]) {
      await eventually(() => pod(tc, n)?.status?.phase === 'Running', `db-${n} running`);
      await controller.idle();
      assert.equal(podState(pod(tc, n + 1)), 'absent', `db-${n + 1} waits while db-${n} is not Ready`);
      markReady(tc, n);
    }
    await eventually(() => pod(tc, 2)?.status?.phase === 'Running', 'db-2 running');
    markReady(tc, 2);
    await eventually(() => set(tc).status?.readyReplicas === 3, 'three ready replicas');
    // OrderedReady: the previous pod is Running and Ready when the next is created.
    assert.deepEqual(predecessorAtCreation, { 'db-1': 'Running, Ready', 'db-2': 'Running, Ready' });
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
    assertNothingSwallowed(tc, controller);
  } finally {
    unsubscribe();
    tc.close();
  }
});

test('a rolling update with partition 2 updates db-2 only and keeps lower ordinals on the old revision', async () => {
  const controller = controlLoopOf(statefulSetController());
  const tc = testCluster([controller]);
  try {
    tc.create(STS, db({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    await eventually(() => set(tc).status?.readyReplicas === 3, 'three ready replicas');
    const oldRev = set(tc).status.currentRevision;
    tc.ctx.store.mutate(STS, 'shop', 'db', (o) => {
      o.spec.template.spec.containers[0].image = 'postgres:17';
    });
    await eventually(() => set(tc).status?.updatedReplicas === 1 && set(tc).status?.readyReplicas === 3, 'db-2 updated');
    // Whatever the controller would still do with partition 2, it has done once it is idle.
    await controller.idle();
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
    assertNothingSwallowed(tc, controller);
  } finally {
    tc.close();
  }
});

test('a Parallel statefulset creates all pods without waiting', async () => {
  const controller = controlLoopOf(statefulSetController());
  const tc = testCluster([controller]);
  tc.readyWhen = () => false;
  try {
    tc.create(STS, db({ podManagementPolicy: 'Parallel' }));
    await eventually(() => pod(tc, 0) && pod(tc, 1) && pod(tc, 2), 'three pods though none is ready');
    assertNothingSwallowed(tc, controller);
  } finally {
    tc.close();
  }
});
