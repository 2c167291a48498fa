import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { isPodActive, isPodReady } from './podState.ts';
import { deploymentController } from './deployment.ts';
import { replicaSetController } from './replicaset.ts';
import { eventually } from '../../testing/eventually.ts';
import { testCluster, type TestCluster } from './testCluster.ts';

const DEPLOY = 'deployments.apps';
const RS = 'replicasets.apps';

function webDeployment(extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', annotations: { 'kubernetes.io/change-cause': 'first release' } },
    spec: {
      replicas: 3,
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
      ...extra,
    },
  };
}

const pods = (tc: TestCluster) => tc.ctx.store.list('pods', 'shop');
const replicaSets = (tc: TestCluster) => tc.ctx.store.list(RS, 'shop');
const deployment = (tc: TestCluster) => tc.ctx.store.get(DEPLOY, 'shop', 'web')!;
const condition = (d: KubeObject, type: string) => (d.status?.conditions as { type: string; reason: string; status: string; message: string }[] | undefined)?.find((c) => c.type === type);

/** What `kubectl rollout status` waits for. */
function rolledOut(d: KubeObject): boolean {
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
    s.updatedReplicas === d.spec.replicas &&
    (s.replicas ?? 0) === s.updatedReplicas &&
    s.availableReplicas === s.updatedReplicas
  );
}

function setImage(tc: TestCluster, image: string): void {
  tc.ctx.store.mutate(DEPLOY, 'shop', 'web', (d) => {
    d.spec.template.spec.containers[0].image = image;
  });
}

async function started(extra: Record<string, unknown> = {}): Promise<TestCluster> {
  const tc = testCluster([deploymentController(), replicaSetController()]);
  tc.create(DEPLOY, webDeployment(extra));
  await eventually(() => rolledOut(deployment(tc)), 'first rollout');
  return tc;
}

test('creating a deployment with 3 replicas yields a ReplicaSet with a pod-template-hash and 3 ready pods', async () => {
  const tc = await started();
  try {
    const [rs] = replicaSets(tc);
    const hash = rs.metadata.labels!['pod-template-hash'];
    assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    assert.equal(rs.metadata.name, `web-${hash}`);
    assert.equal(rs.spec.selector.matchLabels['pod-template-hash'], hash);
    assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/revision'], '1');
    assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '3');
    assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/max-replicas'], '4');
    assert.equal(rs.metadata.annotations!['kubernetes.io/change-cause'], 'first release');
    assert.equal(rs.metadata.ownerReferences![0].kind, 'Deployment');
    const ps = pods(tc);
    assert.equal(ps.length, 3);
    for (const p of ps) {
      assert.ok(p.metadata.name!.startsWith(`${rs.metadata.name}-`));
      assert.equal(p.metadata.labels!['pod-template-hash'], hash);
    }
    const d = deployment(tc);
    assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '1');
    assert.equal(condition(d, 'Available')?.reason, 'MinimumReplicasAvailable');
    await eventually(() => condition(deployment(tc), 'Progressing')?.reason === 'NewReplicaSetAvailable', 'complete condition');
    assert.equal(condition(deployment(tc), 'Progressing')?.message, `ReplicaSet "${rs.metadata.name}" has successfully progressed.`);
    const messages = tc.ctx.store.list('events', 'shop').map((e) => `${e.reason}: ${e.message}`);
    assert.ok(messages.includes(`ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} from 0 to 3`), messages.join('\n'));
    assert.equal(messages.filter((m) => m.startsWith('SuccessfulCreate: Created pod: web-')).length, 3);
  } finally {
    tc.close();
  }
});

test('changing the image rolls over with maxSurge 1 and maxUnavailable 0: never more than 4 pods, never fewer than 3 ready', async () => {
  const tc = await started();
  const violations: string[] = [];
  const unsubscribe = tc.ctx.store.subscribe(() => {
    const active = pods(tc).filter(isPodActive);
    if (active.length > 4) violations.push(`${active.length} pods`);
    const ready = active.filter(isPodReady).length;
    if (ready < 3) violations.push(`${ready} ready`);
  }, 'pods');
  try {
    const [first] = replicaSets(tc);
    setImage(tc, 'nginx:1.27');
    await eventually(() => rolledOut(deployment(tc)) && deployment(tc).status.updatedReplicas === 3 && replicaSets(tc).length === 2, 'second rollout');
    await eventually(() => pods(tc).length === 3, 'old pods gone');
    assert.deepEqual(violations, []);
    const old = tc.ctx.store.get(RS, 'shop', first.metadata.name!)!;
    assert.equal(old.spec.replicas, 0);
    const newRS = replicaSets(tc).find((r) => r.metadata.name !== first.metadata.name)!;
    assert.equal(newRS.metadata.annotations!['deployment.kubernetes.io/revision'], '2');
    assert.equal(deployment(tc).metadata.annotations!['deployment.kubernetes.io/revision'], '2');
    assert.ok(pods(tc).every((p) => p.spec.containers[0].image === 'nginx:1.27'));
  } finally {
    unsubscribe();
    tc.close();
  }
});

test('rolling back to the previous template reuses the old ReplicaSet and gives it the next revision', async () => {
  const tc = await started();
  try {
    const [first] = replicaSets(tc);
    setImage(tc, 'nginx:1.27');
    await eventually(() => rolledOut(deployment(tc)) && replicaSets(tc).length === 2 && tc.ctx.store.get(RS, 'shop', first.metadata.name!)!.spec.replicas === 0, 'rollout');
    setImage(tc, 'nginx:1.25');
    await eventually(() => rolledOut(deployment(tc)) && tc.ctx.store.get(RS, 'shop', first.metadata.name!)!.spec.replicas === 3, 'rollback');
    assert.equal(replicaSets(tc).length, 2);
    const reused = tc.ctx.store.get(RS, 'shop', first.metadata.name!)!;
    assert.equal(reused.metadata.annotations!['deployment.kubernetes.io/revision'], '3');
    assert.equal(reused.metadata.annotations!['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(deployment(tc).metadata.annotations!['deployment.kubernetes.io/revision'], '3');
  } finally {
    tc.close();
  }
});

test('a paused deployment does not roll out a new template until it is resumed', async () => {
  const tc = await started();
  try {
    tc.ctx.store.mutate(DEPLOY, 'shop', 'web', (d) => {
      d.spec.paused = true;
    });
    await eventually(() => condition(deployment(tc), 'Progressing')?.reason === 'DeploymentPaused', 'paused condition');
    setImage(tc, 'nginx:1.27');
    // Once the controller has seen the new template, it has decided not to roll it out.
    await eventually(() => deployment(tc).status.observedGeneration === deployment(tc).metadata.generation, 'new template observed');
    assert.equal(replicaSets(tc).length, 1);
    tc.ctx.store.mutate(DEPLOY, 'shop', 'web', (d) => {
      d.spec.paused = false;
    });
    await eventually(() => rolledOut(deployment(tc)) && replicaSets(tc).length === 2 && deployment(tc).status.updatedReplicas === 3, 'rollout after resume');
  } finally {
    tc.close();
  }
});

test('a rollout whose pods never become ready ends in ProgressDeadlineExceeded', async () => {
  // 200 simulated seconds are 2 s here: longer than the second-granular lastUpdateTime's rounding.
  const tc = await started({ progressDeadlineSeconds: 200 });
  try {
    const changedAt = Date.now();
    tc.readyWhen = (p) => p.spec.containers[0].image !== 'nginx:broken';
    setImage(tc, 'nginx:broken');
    const c = await eventually(() => {
      const cond = condition(deployment(tc), 'Progressing');
      return cond?.reason === 'ProgressDeadlineExceeded' && cond;
    }, 'deadline exceeded', 8000);
    assert.ok(Date.now() - changedAt >= 900, 'not before the deadline');
    const newRS = replicaSets(tc).find((r) => r.spec.template.spec.containers[0].image === 'nginx:broken')!;
    assert.equal(c.status, 'False');
    assert.equal(c.message, `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`);
    // maxUnavailable 0: the old pods keep serving.
    assert.equal(pods(tc).filter((p) => isPodReady(p) && isPodActive(p)).length, 3);
  } finally {
    tc.close();
  }
});

test('the Recreate strategy removes every old pod before the new ReplicaSet starts', async () => {
  const tc = await started({ strategy: { type: 'Recreate' } });
  let mixed = false;
  const unsubscribe = tc.ctx.store.subscribe(() => {
    const images = new Set(pods(tc).map((p) => p.spec.containers[0].image));
    if (images.size > 1) mixed = true;
  }, 'pods');
  try {
    setImage(tc, 'nginx:1.27');
    await eventually(() => rolledOut(deployment(tc)) && deployment(tc).status.updatedReplicas === 3 && pods(tc).length === 3 && replicaSets(tc).length === 2, 'recreate');
    assert.equal(mixed, false);
  } finally {
    unsubscribe();
    tc.close();
  }
});

test('scaling a deployment to 5 shows 5 ready pods and only old ReplicaSets beyond the history limit are removed', async () => {
  const tc = await started({ revisionHistoryLimit: 1 });
  try {
    tc.ctx.store.mutate(DEPLOY, 'shop', 'web', (d) => {
      d.spec.replicas = 5;
    });
    await eventually(() => rolledOut(deployment(tc)) && deployment(tc).status.availableReplicas === 5, 'scaled to 5');
    for (const image of ['nginx:1.26', 'nginx:1.27']) {
      setImage(tc, image);
      await eventually(() => rolledOut(deployment(tc)) && pods(tc).every((p) => p.spec.containers[0].image === image) && pods(tc).length === 5, `rollout to ${image}`);
    }
    await eventually(() => replicaSets(tc).length === 2, 'history trimmed to 1 old ReplicaSet');
  } finally {
    tc.close();
  }
});
