import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { jobController } from './job.ts';
import { eventually } from '../../testing/eventually.ts';
import { eventsFor, testContext } from './testContext.ts';

function job(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'batch' },
    spec: { template: { metadata: { labels: { app: name } }, spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox' }] } }, ...spec },
  };
}

const jobPods = (ctx: SimContext, name: string) => ctx.store.list('pods', 'batch').filter((p) => p.metadata.labels?.['batch.kubernetes.io/job-name'] === name);

/** Play the kubelet: the pod's container exits with `code`. */
function finish(ctx: SimContext, pod: KubeObject, code: number): void {
  ctx.store.mutate('pods', 'batch', pod.metadata.name!, (p) => {
    p.spec.nodeName ??= 'node-a';
    p.status = {
      phase: code === 0 ? 'Succeeded' : 'Failed',
      containerStatuses: [{ name: 'work', restartCount: 0, state: { terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error' } } }],
    };
  });
}

const condition = (j: KubeObject | undefined, type: string) => (j?.status?.conditions as { type: string; status: string; reason?: string; message?: string }[] | undefined)?.find((c) => c.type === type);

test('a job with completions=3 parallelism=2 runs two pods at a time and completes when three succeed', async () => {
  const { ctx, close } = testContext([jobController()]);
  try {
    ctx.store.create('jobs.batch', job('report', { completions: 3, parallelism: 2 }));
    const first = await eventually(() => jobPods(ctx, 'report').length === 2 && jobPods(ctx, 'report'), 'two pods');
    const j = ctx.store.get('jobs.batch', 'batch', 'report')!;
    for (const p of first) {
      assert.equal(p.metadata.generateName, 'report-');
      assert.deepEqual(p.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
      assert.equal(p.metadata.labels?.['batch.kubernetes.io/controller-uid'], j.metadata.uid);
      assert.equal(p.metadata.labels?.['controller-uid'], j.metadata.uid);
      assert.equal(p.metadata.labels?.['job-name'], 'report');
      assert.deepEqual(p.metadata.ownerReferences?.[0], { apiVersion: 'batch/v1', kind: 'Job', name: 'report', uid: j.metadata.uid, controller: true, blockOwnerDeletion: true });
    }
    assert.ok(j.status.startTime);
    for (const p of first) finish(ctx, p, 0);
    const third = await eventually(() => jobPods(ctx, 'report').find((p) => !p.status?.phase || p.status.phase === 'Pending'), 'third pod');
    assert.equal(jobPods(ctx, 'report').length, 3, 'only one more pod: completions - succeeded');
    finish(ctx, third, 0);
    const done = await eventually(() => {
      const x = ctx.store.get('jobs.batch', 'batch', 'report');
      return condition(x, 'Complete') && x;
    }, 'Complete condition');
    assert.equal(done.status.succeeded, 3);
    assert.equal(done.status.active, undefined);
    assert.equal(done.status.ready, 0);
    assert.equal(done.status.terminating, 0);
    assert.deepEqual(done.status.uncountedTerminatedPods, {});
    assert.ok(done.status.completionTime);
    assert.deepEqual(
      done.status.conditions.map((c: { type: string; reason: string; message: string }) => [c.type, c.reason, c.message]),
      [
        ['SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'],
        ['Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ],
    );
    for (const p of jobPods(ctx, 'report')) assert.equal(p.metadata.finalizers, undefined, 'counted pods lose the tracking finalizer');
    const events = eventsFor(ctx, done);
    assert.equal(events.filter((e) => e.reason === 'SuccessfulCreate').length, 3);
    assert.match(events[0].message, /^Created pod: report-[a-z0-9]{5}$/);
    assert.deepEqual(events.at(-1), { reason: 'Completed', message: 'Job completed', type: 'Normal', count: 1 });
  } finally {
    close();
  }
});

test('failed pods are replaced until backoffLimit, then the job fails with BackoffLimitExceeded', async () => {
  const { ctx, close } = testContext([jobController()], 500);
  try {
    ctx.store.create('jobs.batch', job('migrate', { backoffLimit: 2 }));
    for (let attempt = 1; attempt <= 3; attempt++) {
      const pod = await eventually(() => jobPods(ctx, 'migrate').find((p) => p.status?.phase === 'Pending'), `attempt ${attempt}`);
      finish(ctx, pod, 1);
    }
    const failed = await eventually(() => {
      const x = ctx.store.get('jobs.batch', 'batch', 'migrate');
      return condition(x, 'Failed') && x;
    }, 'Failed condition');
    assert.equal(failed.status.failed, 3);
    assert.deepEqual(
      failed.status.conditions.map((c: { type: string; reason: string; message: string }) => [c.type, c.reason, c.message]),
      [
        ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
        ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ],
    );
    assert.equal(jobPods(ctx, 'migrate').length, 3, 'no fourth pod');
    assert.deepEqual(eventsFor(ctx, failed).at(-1), { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', type: 'Warning', count: 1 });
  } finally {
    close();
  }
});

test('activeDeadlineSeconds ends a running job with DeadlineExceeded and deletes its pods', async () => {
  const { ctx, close } = testContext([jobController()], 200);
  try {
    ctx.store.create('jobs.batch', job('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 4 }));
    await eventually(() => jobPods(ctx, 'slow').length === 2, 'two running pods');
    const failed = await eventually(() => {
      const x = ctx.store.get('jobs.batch', 'batch', 'slow');
      return condition(x, 'Failed') && x;
    }, 'DeadlineExceeded', 3000);
    assert.equal(condition(failed, 'Failed')?.reason, 'DeadlineExceeded');
    assert.equal(condition(failed, 'Failed')?.message, 'Job was active longer than specified deadline');
    assert.equal(jobPods(ctx, 'slow').length, 0, 'active pods were deleted');
    assert.equal(failed.status.failed, 2, 'the killed pods count as failed');
    const reasons = eventsFor(ctx, failed).map((e) => e.reason);
    assert.equal(reasons.filter((r) => r === 'SuccessfulDelete').length, 2);
    assert.equal(reasons.at(-1), 'DeadlineExceeded');
  } finally {
    close();
  }
});

test('suspending a job deletes its pods and sets Suspended; resuming starts them again', async () => {
  const { ctx, close } = testContext([jobController()]);
  try {
    ctx.store.create('jobs.batch', job('pausable', { parallelism: 2, completions: 2 }));
    await eventually(() => jobPods(ctx, 'pausable').length === 2, 'pods');
    ctx.store.mutate('jobs.batch', 'batch', 'pausable', (j) => void (j.spec.suspend = true));
    const suspended = await eventually(() => {
      const x = ctx.store.get('jobs.batch', 'batch', 'pausable');
      return condition(x, 'Suspended')?.status === 'True' && jobPods(ctx, 'pausable').length === 0 && x;
    }, 'suspended');
    assert.equal(suspended.status.failed, undefined, 'pods removed by suspend are not failures');
    ctx.store.mutate('jobs.batch', 'batch', 'pausable', (j) => void (j.spec.suspend = false));
    await eventually(() => jobPods(ctx, 'pausable').length === 2 && condition(ctx.store.get('jobs.batch', 'batch', 'pausable'), 'Suspended')?.status === 'False', 'resumed');
  } finally {
    close();
  }
});

test('an Indexed job gives each pod its completion index and reports completedIndexes', async () => {
  const { ctx, close } = testContext([jobController()]);
  try {
    ctx.store.create('jobs.batch', job('shards', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    const pods = await eventually(() => jobPods(ctx, 'shards').length === 3 && jobPods(ctx, 'shards'), 'three pods');
    assert.deepEqual(pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort(), ['0', '1', '2']);
    assert.ok(pods.every((p) => p.spec.hostname === `shards-${p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']}`));
    for (const p of pods) finish(ctx, p, 0);
    const done = await eventually(() => {
      const x = ctx.store.get('jobs.batch', 'batch', 'shards');
      return condition(x, 'Complete') && x;
    }, 'complete');
    assert.equal(done.status.completedIndexes, '0-2');
  } finally {
    close();
  }
});

test('ttlSecondsAfterFinished deletes a finished job', async () => {
  const { ctx, close } = testContext([jobController()], 500);
  try {
    ctx.store.create('jobs.batch', job('short-lived', { ttlSecondsAfterFinished: 60 }));
    const pod = await eventually(() => jobPods(ctx, 'short-lived')[0], 'pod');
    finish(ctx, pod, 0);
    await eventually(() => condition(ctx.store.get('jobs.batch', 'batch', 'short-lived'), 'Complete'), 'complete');
    await eventually(() => ctx.store.get('jobs.batch', 'batch', 'short-lived')?.metadata.deletionTimestamp || !ctx.store.get('jobs.batch', 'batch', 'short-lived'), 'job deleted after TTL', 3000);
  } finally {
    close();
  }
});
