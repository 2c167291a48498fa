import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { deploymentController } from './deployment.ts';
import { disruptionController, PDBS } from './disruption.ts';
import { replicaSetController } from './replicaset.ts';
import { eventually } from '../../testing/eventually.ts';
import { testCluster, type TestCluster } from './testCluster.ts';

function webDeployment(tc: TestCluster, replicas: number): void {
  tc.create('deployments.apps', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  });
}

function budget(tc: TestCluster, name: string, spec: Record<string, unknown>): void {
  tc.create(PDBS, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });
}

type Status = { expectedPods: number; currentHealthy: number; desiredHealthy: number; disruptionsAllowed: number; observedGeneration: number; conditions: { type: string; status: string; reason: string; message: string }[] };
const statusOf = (tc: TestCluster, name: string) => tc.ctx.store.get(PDBS, 'shop', name)?.status as Status | undefined;

test('maxUnavailable 1 over a Deployment of 3 ready pods allows one disruption; minAvailable 100% allows none', async () => {
  const tc = testCluster([deploymentController(), replicaSetController(), disruptionController()]);
  try {
    webDeployment(tc, 3);
    budget(tc, 'one-at-a-time', { maxUnavailable: 1 });
    budget(tc, 'all-of-them', { minAvailable: '100%' });
    const one = await eventually(() => statusOf(tc, 'one-at-a-time')?.currentHealthy === 3 && statusOf(tc, 'one-at-a-time'), 'the budget counting 3 healthy pods');
    assert.deepEqual([one.expectedPods, one.currentHealthy, one.desiredHealthy, one.disruptionsAllowed, one.observedGeneration], [3, 3, 2, 1, 1]);
    assert.deepEqual(one.conditions.map((c) => [c.type, c.status, c.reason]), [['DisruptionAllowed', 'True', 'SufficientPods']]);
    const all = await eventually(() => statusOf(tc, 'all-of-them')?.currentHealthy === 3 && statusOf(tc, 'all-of-them'), 'the 100% budget');
    assert.deepEqual([all.expectedPods, all.desiredHealthy, all.disruptionsAllowed, all.conditions[0].reason], [3, 3, 0, 'InsufficientPods']);
  } finally {
    tc.close();
  }
});

test('an unready pod is not healthy, and scaling the Deployment moves what a percentage budget expects', async () => {
  const tc = testCluster([deploymentController(), replicaSetController(), disruptionController()]);
  // Exactly two pods ever become ready.
  const readyPods = new Set<string>();
  tc.readyWhen = (p: Readonly<KubeObject>) => {
    if (readyPods.size < 2) readyPods.add(p.metadata.name!);
    return readyPods.has(p.metadata.name!);
  };
  try {
    webDeployment(tc, 3);
    budget(tc, 'half', { minAvailable: '50%' });
    const s = await eventually(() => statusOf(tc, 'half')?.expectedPods === 3 && statusOf(tc, 'half')?.currentHealthy === 2 && statusOf(tc, 'half'), '2 of 3 healthy');
    assert.deepEqual([s.desiredHealthy, s.disruptionsAllowed], [2, 0]);
    tc.ctx.store.mutate('deployments.apps', 'shop', 'web', (d) => {
      d.spec.replicas = 6;
    });
    const scaled = await eventually(() => statusOf(tc, 'half')?.expectedPods === 6 && statusOf(tc, 'half'), 'the budget following the scale');
    assert.equal(scaled.desiredHealthy, 3);
  } finally {
    tc.close();
  }
});

test('a percentage budget over pods no controller owns fails to sync and allows nothing, as the real controller says', async () => {
  const tc = testCluster([disruptionController()]);
  try {
    tc.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'loner', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    budget(tc, 'pct', { maxUnavailable: '25%' });
    const s = await eventually(() => statusOf(tc, 'pct')?.conditions?.[0]?.reason === 'SyncFailed' && statusOf(tc, 'pct'), 'SyncFailed');
    assert.equal(s.disruptionsAllowed, 0);
    assert.equal(s.conditions[0].message, 'found no controllers for pod "loner"');
  } finally {
    tc.close();
  }
});

test('minAvailable and maxUnavailable together are refused with the real validation message', () => {
  const tc = testCluster([]);
  try {
    assert.throws(
      () => budget(tc, 'both', { minAvailable: 1, maxUnavailable: 1 }),
      (err: Error & { code?: number }) => err.code === 422 && /spec: Invalid value: .*minAvailable and maxUnavailable cannot be both set/.test(err.message),
    );
  } finally {
    tc.close();
  }
});
