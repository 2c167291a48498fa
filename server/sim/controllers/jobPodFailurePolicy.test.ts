import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { jobController } from './job.ts';
import { matchPodFailurePolicy, type PodFailurePolicy } from './jobPodFailurePolicy.ts';
import { eventually } from '../../testing/eventually.ts';
import { eventsFor, testContext } from './testContext.ts';

function job(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'batch' },
    spec: {
      template: { metadata: { labels: { app: name } }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }, { name: 'sidecar', image: 'busybox' }] } },
      ...spec,
    },
  };
}

const jobPods = (ctx: SimContext, name: string) => ctx.store.list('pods', 'batch').filter((p) => p.metadata.labels?.['batch.kubernetes.io/job-name'] === name);
const pendingPod = (ctx: SimContext, name: string) => jobPods(ctx, name).find((p) => p.status?.phase === 'Pending' && !p.metadata.deletionTimestamp);
const getJob = (ctx: SimContext, name: string) => ctx.store.get('jobs.batch', 'batch', name);
const condition = (j: KubeObject | undefined, type: string) => (j?.status?.conditions as { type: string; status: string; reason?: string; message?: string }[] | undefined)?.find((c) => c.type === type);

/** Play the kubelet: `main` exits with `code` (the sidecar with 0), plus any pod conditions given. */
function finish(ctx: SimContext, pod: KubeObject, code: number, conditions: { type: string; status: string; reason?: string }[] = []): void {
  ctx.store.mutate('pods', 'batch', pod.metadata.name!, (p) => {
    p.spec.nodeName ??= 'node-a';
    p.status = {
      phase: code === 0 ? 'Succeeded' : 'Failed',
      conditions,
      containerStatuses: [
        { name: 'main', restartCount: 0, state: { terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error' } } },
        { name: 'sidecar', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      ],
    };
  });
}

const failJobOn42: PodFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }] };

test('a pod exiting 42 under a FailJob rule fails the job at once with reason PodFailurePolicy and the controller message', async () => {
  const { ctx, close } = testContext([jobController()], 500);
  try {
    ctx.store.create('jobs.batch', job('etl', { completions: 2, parallelism: 2, backoffLimit: 6, podFailurePolicy: failJobOn42 }));
    const [first] = await eventually(() => jobPods(ctx, 'etl').length === 2 && jobPods(ctx, 'etl'), 'two pods');
    finish(ctx, first, 42);
    const failed = await eventually(() => condition(getJob(ctx, 'etl'), 'Failed') && getJob(ctx, 'etl'), 'Failed condition');
    const message = `Container main for pod batch/${first.metadata.name} failed with exit code 42 matching FailJob rule at index 0`;
    assert.deepEqual(
      failed!.status.conditions.map((c: { type: string; reason: string; message: string }) => [c.type, c.reason, c.message]),
      [
        ['FailureTarget', 'PodFailurePolicy', message],
        ['Failed', 'PodFailurePolicy', message],
      ],
    );
    assert.equal(failed!.status.failed, 2, 'the failed pod and the running one it killed');
    assert.equal(jobPods(ctx, 'etl').filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed').length, 0, 'nothing left running');
    assert.deepEqual(eventsFor(ctx, failed!).at(-1), { reason: 'PodFailurePolicy', message, type: 'Warning', count: 1 });
  } finally {
    close();
  }
});

test('failures an Ignore rule matches do not count towards backoffLimit; the first counted one ends the job', async () => {
  const { ctx, close } = testContext([jobController()], 2000);
  try {
    const podFailurePolicy = { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }] };
    ctx.store.create('jobs.batch', job('flaky', { backoffLimit: 0, podFailurePolicy }));
    for (let attempt = 1; attempt <= 3; attempt++) {
      const pod = await eventually(() => pendingPod(ctx, 'flaky'), `attempt ${attempt}`);
      finish(ctx, pod, 3);
    }
    const replacement = await eventually(() => pendingPod(ctx, 'flaky'), 'a fourth pod: three ignored failures left the backoff limit of 0 untouched');
    const j = getJob(ctx, 'flaky')!;
    assert.equal(j.status.failed, undefined);
    assert.equal(condition(j, 'Failed'), undefined);
    finish(ctx, replacement, 1);
    const failed = await eventually(() => condition(getJob(ctx, 'flaky'), 'Failed') && getJob(ctx, 'flaky'), 'Failed');
    assert.equal(condition(failed, 'Failed')?.reason, 'BackoffLimitExceeded');
    assert.equal(failed!.status.failed, 1, 'only the exit 1 counted');
  } finally {
    close();
  }
});

test('a pod failed with the DisruptionTarget condition is ignored by an onPodConditions rule and replaced', async () => {
  const { ctx, close } = testContext([jobController()], 2000);
  try {
    const podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] };
    ctx.store.create('jobs.batch', job('evictable', { backoffLimit: 0, podFailurePolicy }));
    const pod = await eventually(() => pendingPod(ctx, 'evictable'), 'pod');
    finish(ctx, pod, 137, [{ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' }]);
    const next = await eventually(() => pendingPod(ctx, 'evictable'), 'replacement');
    assert.notEqual(next.metadata.name, pod.metadata.name);
    assert.equal(getJob(ctx, 'evictable')!.status.failed, undefined);
    finish(ctx, next, 0);
    const done = await eventually(() => condition(getJob(ctx, 'evictable'), 'Complete') && getJob(ctx, 'evictable'), 'Complete');
    assert.equal(done!.status.succeeded, 1);
  } finally {
    close();
  }
});

test('rules are tried in order: a Count rule before a FailJob NotIn rule counts its exit code, another code fails the job naming rule 1', async () => {
  const { ctx, close } = testContext([jobController()], 2000);
  try {
    const podFailurePolicy = {
      rules: [
        { action: 'Count', onExitCodes: { operator: 'In', values: [5] } },
        { action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [5, 6] } },
      ],
    };
    ctx.store.create('jobs.batch', job('ordered', { backoffLimit: 6, podFailurePolicy }));
    finish(ctx, await eventually(() => pendingPod(ctx, 'ordered'), 'first pod'), 5);
    await eventually(() => getJob(ctx, 'ordered')?.status?.failed === 1, 'exit 5 counted');
    const second = await eventually(() => pendingPod(ctx, 'ordered'), 'second pod');
    assert.equal(condition(getJob(ctx, 'ordered'), 'Failed'), undefined);
    finish(ctx, second, 7);
    const failed = await eventually(() => condition(getJob(ctx, 'ordered'), 'Failed'), 'Failed');
    assert.equal(failed.reason, 'PodFailurePolicy');
    assert.equal(failed.message, `Container main for pod batch/${second.metadata.name} failed with exit code 7 matching FailJob rule at index 1`);
  } finally {
    close();
  }
});

test('with a pod failure policy a pod being deleted is replaced only once it has failed (podReplacementPolicy Failed)', async () => {
  const { ctx, close } = testContext([jobController()], 2000);
  try {
    ctx.store.create('jobs.batch', job('patient', { backoffLimit: 6, podFailurePolicy: failJobOn42 }));
    const pod = await eventually(() => pendingPod(ctx, 'patient'), 'pod');
    ctx.store.mutate('pods', 'batch', pod.metadata.name!, (p) => {
      p.spec.nodeName = 'node-a';
      p.status = { phase: 'Running' };
    });
    ctx.store.delete('pods', 'batch', pod.metadata.name!, { gracePeriodSeconds: 30 });
    await eventually(() => getJob(ctx, 'patient')?.status?.terminating === 1, 'terminating counted');
    assert.equal(jobPods(ctx, 'patient').length, 1, 'no replacement while the pod terminates');
    finish(ctx, ctx.store.get('pods', 'batch', pod.metadata.name!)!, 143);
    await eventually(() => pendingPod(ctx, 'patient'), 'replacement once Failed');
    assert.equal(getJob(ctx, 'patient')!.status.failed, 1);
  } finally {
    close();
  }
});

test('FailIndex fails only its index; with backoffLimitPerIndex the other index is retried with its failure count and the job ends with FailedIndexes', async () => {
  const { ctx, close } = testContext([jobController()], 2000);
  try {
    const podFailurePolicy = { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] };
    ctx.store.create('jobs.batch', job('shards', { completions: 2, parallelism: 2, completionMode: 'Indexed', backoffLimitPerIndex: 1, backoffLimit: 2147483647, podFailurePolicy }));
    const pods = await eventually(() => jobPods(ctx, 'shards').length === 2 && jobPods(ctx, 'shards'), 'two pods');
    const byIndex = (i: number) => pods.find((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === String(i))!;
    assert.equal(byIndex(0).metadata.annotations?.['batch.kubernetes.io/job-index-failure-count'], '0');
    finish(ctx, byIndex(0), 42);
    await eventually(() => getJob(ctx, 'shards')?.status?.failedIndexes === '0', 'index 0 failed for good');
    finish(ctx, byIndex(1), 1);
    const retry = await eventually(() => pendingPod(ctx, 'shards'), 'index 1 retried');
    assert.equal(retry.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], '1', 'index 0 is not retried');
    assert.equal(retry.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count'], '1');
    finish(ctx, retry, 0);
    const failed = await eventually(() => condition(getJob(ctx, 'shards'), 'Failed') && getJob(ctx, 'shards'), 'Failed');
    assert.equal(condition(failed, 'Failed')?.reason, 'FailedIndexes');
    assert.equal(condition(failed, 'Failed')?.message, 'Job has failed indexes');
    assert.equal(failed!.status.completedIndexes, '1');
    assert.equal(failed!.status.failedIndexes, '0');
    assert.equal(failed!.status.failed, 2);
  } finally {
    close();
  }
});

test('backoffLimitPerIndex: an index that fails past its limit is failed, and maxFailedIndexes ends the job', async () => {
  const { ctx, close } = testContext([jobController()], 2000);
  try {
    ctx.store.create('jobs.batch', job('strict', { completions: 3, parallelism: 3, completionMode: 'Indexed', backoffLimitPerIndex: 0, maxFailedIndexes: 0, backoffLimit: 2147483647 }));
    const pods = await eventually(() => jobPods(ctx, 'strict').length === 3 && jobPods(ctx, 'strict'), 'three pods');
    finish(ctx, pods[0], 1);
    const failed = await eventually(() => condition(getJob(ctx, 'strict'), 'Failed'), 'Failed');
    assert.deepEqual([failed.reason, failed.message], ['MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes']);
  } finally {
    close();
  }
});

test('matchPodFailurePolicy: exit 0 never matches, init containers are looked at after app containers, containerName narrows', () => {
  const pod = (statuses: { name: string; code?: number }[], init: { name: string; code?: number }[] = []): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns' },
    spec: {},
    status: {
      phase: 'Failed',
      containerStatuses: statuses.map((s) => ({ name: s.name, state: s.code === undefined ? { running: {} } : { terminated: { exitCode: s.code } } })),
      initContainerStatuses: init.map((s) => ({ name: s.name, state: { terminated: { exitCode: s.code } } })),
    },
  });
  const notIn0: PodFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [1] } }] };
  assert.deepEqual(matchPodFailurePolicy(notIn0, pod([{ name: 'a', code: 0 }])), { countFailed: true });
  assert.equal(matchPodFailurePolicy(notIn0, pod([{ name: 'a' }], [{ name: 'init', code: 2 }])).failJobMessage, 'Container init for pod ns/p failed with exit code 2 matching FailJob rule at index 0');
  assert.deepEqual(matchPodFailurePolicy(failJobOn42, pod([{ name: 'sidecar', code: 42 }])), { countFailed: true }, 'rule names main only');
  assert.deepEqual(matchPodFailurePolicy(undefined, pod([{ name: 'main', code: 42 }])), { countFailed: true });
  const onCondition: PodFailurePolicy = { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] };
  const disrupted = pod([{ name: 'main', code: 137 }]);
  disrupted.status.conditions = [{ type: 'DisruptionTarget', status: 'True' }];
  assert.equal(matchPodFailurePolicy(onCondition, disrupted).failJobMessage, 'Pod ns/p has condition DisruptionTarget matching FailJob rule at index 0');
});

test('the job stays at FailureTarget, counting terminating pods, until the pods it killed are gone; then Failed', async () => {
  const { ctx, close } = testContext([jobController()], 2000);
  try {
    ctx.store.create('jobs.batch', job('slow-stop', { completions: 2, parallelism: 2, podFailurePolicy: failJobOn42 }));
    const [failing, running] = await eventually(() => jobPods(ctx, 'slow-stop').length === 2 && jobPods(ctx, 'slow-stop'), 'two pods');
    // A finalizer of someone else's keeps the killed pod terminating after the job lets go of it.
    ctx.store.mutate('pods', 'batch', running.metadata.name!, (p) => {
      p.spec.nodeName = 'node-a';
      p.metadata.finalizers = [...(p.metadata.finalizers ?? []), 'example.com/hold'];
      p.status = { phase: 'Running' };
    });
    finish(ctx, failing, 42);
    const target = await eventually(() => condition(getJob(ctx, 'slow-stop'), 'FailureTarget') && getJob(ctx, 'slow-stop'), 'FailureTarget');
    assert.equal(condition(target, 'Failed'), undefined, 'not Failed while a pod terminates');
    assert.equal(target!.status.terminating, 1);
    assert.deepEqual(ctx.store.get('pods', 'batch', running.metadata.name!)?.metadata.finalizers, ['example.com/hold'], 'counted: the tracking finalizer is gone');
    ctx.store.mutate('pods', 'batch', running.metadata.name!, (p) => void delete p.metadata.finalizers);
    const failed = await eventually(() => condition(getJob(ctx, 'slow-stop'), 'Failed') && getJob(ctx, 'slow-stop'), 'Failed');
    assert.equal(failed!.status.terminating, 0);
    assert.equal(failed!.status.failed, 2);
  } finally {
    close();
  }
});
