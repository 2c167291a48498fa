import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { deploymentController } from './deployment.ts';
import { garbageCollector } from './garbageCollector.ts';
import { replicaSetController } from './replicaset.ts';
import { eventually } from '../../testing/eventually.ts';
import { testCluster, type TestCluster } from './testCluster.ts';

const DEPLOY = 'deployments.apps';
const RS = 'replicasets.apps';

const web: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { terminationGracePeriodSeconds: 5, containers: [{ name: 'web', image: 'nginx:1.25' }] } },
  },
};

async function running(): Promise<TestCluster> {
  const tc = testCluster([garbageCollector(), deploymentController(), replicaSetController()]);
  tc.create(DEPLOY, web);
  await eventually(() => tc.ctx.store.get(DEPLOY, 'shop', 'web')?.status?.availableReplicas === 2, 'two available pods');
  return tc;
}

/**
 * Waits until the garbage collector has handled every change so far: a config map still
 * owned by the gone `owner`, created now, is collected after them (its queue is first in,
 * first out).
 */
async function collectorCaughtUp(tc: TestCluster, owner: KubeObject): Promise<void> {
  const name = `canary-${owner.metadata.name}`;
  tc.ctx.store.create('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'shop', ownerReferences: [{ apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid! }] },
  });
  await eventually(() => !tc.ctx.store.get('configmaps', 'shop', name), 'the garbage collector to catch up');
}

test('deleting a deployment in the foreground removes its pods and ReplicaSet before the deployment', async () => {
  const tc = await running();
  const gone: string[] = [];
  const unsubscribe = tc.ctx.store.subscribe((e) => {
    if (e.type === 'DELETED') gone.push(`${e.resource}/${e.object.metadata.name}`);
  });
  try {
    const marked = tc.ctx.store.delete(DEPLOY, 'shop', 'web', { propagationPolicy: 'Foreground' });
    assert.deepEqual(marked.metadata.finalizers, ['foregroundDeletion']);
    await eventually(() => !tc.ctx.store.get(DEPLOY, 'shop', 'web'), 'deployment gone');
    assert.equal(tc.ctx.store.list('pods', 'shop').length, 0);
    assert.equal(tc.ctx.store.list(RS, 'shop').length, 0);
    const last = gone.filter((g) => !g.startsWith('events/'));
    assert.equal(last.at(-1), 'deployments.apps/web');
    assert.equal(last.filter((g) => g.startsWith('pods/')).length, 2);
    assert.ok(last.indexOf(last.find((g) => g.startsWith(RS))!) > last.lastIndexOf(last.filter((g) => g.startsWith('pods/')).at(-1)!), 'pods go before their ReplicaSet');
  } finally {
    unsubscribe();
    tc.close();
  }
});

test('deleting a deployment in the background lets the garbage collector remove its ReplicaSet and pods', async () => {
  const tc = await running();
  try {
    tc.ctx.store.delete(DEPLOY, 'shop', 'web');
    await eventually(() => tc.ctx.store.list(RS, 'shop').length === 0 && tc.ctx.store.list('pods', 'shop').length === 0, 'dependents collected');
  } finally {
    tc.close();
  }
});

test('deleting a ReplicaSet with the orphan policy leaves its pods running without ownerReferences', async () => {
  const tc = await running();
  try {
    // Stop the deployment from recreating its ReplicaSet: orphan the ReplicaSet from it first.
    tc.ctx.store.delete(DEPLOY, 'shop', 'web', { propagationPolicy: 'Orphan' });
    await eventually(() => !tc.ctx.store.get(DEPLOY, 'shop', 'web'), 'deployment gone');
    const [rs] = tc.ctx.store.list(RS, 'shop');
    assert.equal(rs.metadata.ownerReferences, undefined);
    tc.ctx.store.delete(RS, 'shop', rs.metadata.name!, { propagationPolicy: 'Orphan' });
    await eventually(() => !tc.ctx.store.get(RS, 'shop', rs.metadata.name!), 'replicaset gone');
    await collectorCaughtUp(tc, rs);
    const pods = tc.ctx.store.list('pods', 'shop');
    assert.equal(pods.length, 2);
    for (const p of pods) {
      assert.equal(p.metadata.ownerReferences, undefined);
      assert.equal(p.metadata.deletionTimestamp, undefined);
    }
  } finally {
    tc.close();
  }
});
