import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { rfc3339 } from '../../kube/object.ts';
import { controlLoopOf } from './controlLoop.ts';
import { cronJobController } from './cronjob.ts';
import { eventually } from '../../testing/eventually.ts';
import { eventsFor, testContext } from './testContext.ts';

/** A schedule clock the test moves by hand, starting at the real time. */
function fakeClock() {
  let now = new Date();
  return { now: () => now, set: (d: Date) => void (now = d) };
}

/** The next multiple of five minutes after `t`, plus a second. */
function nextFiveMinute(t: Date): Date {
  const slot = Math.floor(t.getTime() / 300_000) * 300_000 + 300_000;
  return new Date(slot + 1000);
}

function cronJob(spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'backup', namespace: 'batch' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: { metadata: { labels: { app: 'backup' } }, spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'dump', image: 'postgres' }] } } } },
      ...spec,
    },
  };
}

const jobs = (ctx: SimContext) => ctx.store.list('jobs.batch', 'batch');

function complete(ctx: SimContext, name: string): void {
  ctx.store.mutate('jobs.batch', 'batch', name, (j) => {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    j.status = { startTime: j.metadata.creationTimestamp, completionTime: now, succeeded: 1, conditions: [{ type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now }] };
  }, { statusOnly: true });
}

test('a cronjob creates its job at the scheduled minute, owned by the cronjob', async () => {
  const clock = fakeClock();
  const controller = controlLoopOf(cronJobController(clock.now));
  const { ctx, close } = testContext([controller]);
  try {
    ctx.store.create('cronjobs.batch', cronJob({}));
    await controller.idle();
    assert.equal(jobs(ctx).length, 0, 'nothing before the first scheduled time');
    const at = nextFiveMinute(clock.now());
    clock.set(at);
    const job = await eventually(() => jobs(ctx)[0], 'job created');
    const scheduled = new Date(at.getTime() - 1000);
    const cj = ctx.store.get('cronjobs.batch', 'batch', 'backup')!;
    assert.equal(job.metadata.name, `backup-${Math.floor(scheduled.getTime() / 60_000)}`);
    assert.deepEqual(job.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    assert.equal(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], scheduled.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    assert.equal(job.metadata.labels?.app, 'backup');
    await eventually(() => ctx.store.get('cronjobs.batch', 'batch', 'backup')?.status?.active?.length === 1, 'active ref');
    const status = ctx.store.get('cronjobs.batch', 'batch', 'backup')!.status;
    assert.equal(status.active[0].name, job.metadata.name);
    assert.equal(status.active[0].uid, job.metadata.uid);
    assert.equal(status.lastScheduleTime, scheduled.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    assert.deepEqual(eventsFor(ctx, cj).map((e) => e.message), [`Created job ${job.metadata.name}`]);
  } finally {
    close();
  }
});

test('concurrencyPolicy Forbid skips a run while the previous job is still active', async () => {
  const clock = fakeClock();
  const { ctx, close } = testContext([cronJobController(clock.now)]);
  try {
    ctx.store.create('cronjobs.batch', cronJob({ concurrencyPolicy: 'Forbid' }));
    const first = nextFiveMinute(clock.now());
    clock.set(first);
    await eventually(() => jobs(ctx).length === 1, 'first job');
    clock.set(new Date(first.getTime() + 300_000));
    const cj = ctx.store.get('cronjobs.batch', 'batch', 'backup')!;
    await eventually(() => eventsFor(ctx, cj).some((e) => e.reason === 'JobAlreadyActive'), 'JobAlreadyActive event');
    assert.equal(jobs(ctx).length, 1);
    assert.equal(eventsFor(ctx, cj).find((e) => e.reason === 'JobAlreadyActive')?.message, 'Not starting job because prior execution is running and concurrency policy is Forbid');
  } finally {
    close();
  }
});

test('finished jobs beyond successfulJobsHistoryLimit are deleted, oldest first', async () => {
  const clock = fakeClock();
  const { ctx, close } = testContext([cronJobController(clock.now)]);
  try {
    ctx.store.create('cronjobs.batch', cronJob({ successfulJobsHistoryLimit: 1 }));
    let t = nextFiveMinute(clock.now());
    const names: string[] = [];
    for (let run = 0; run < 3; run++) {
      clock.set(t);
      const job = await eventually(() => jobs(ctx).find((j) => !names.includes(j.metadata.name!)), `run ${run}`);
      names.push(job.metadata.name!);
      // Creation timestamps are second-precise; the next run starts in a later second so history is ordered.
      await eventually(() => rfc3339() > job.metadata.creationTimestamp!, 'the next wall-clock second', 2000);
      complete(ctx, job.metadata.name!);
      t = new Date(t.getTime() + 300_000);
    }
    await eventually(() => jobs(ctx).length === 1, 'history trimmed to one job', 3000);
    assert.equal(jobs(ctx)[0].metadata.name, names[2]);
    const cj = ctx.store.get('cronjobs.batch', 'batch', 'backup')!;
    const events = eventsFor(ctx, cj);
    assert.ok(events.some((e) => e.message === `Saw completed job: ${names[0]}, status: Complete`));
    assert.deepEqual(events.filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message), [`Deleted job ${names[0]}`, `Deleted job ${names[1]}`]);
    await eventually(() => ctx.store.get('cronjobs.batch', 'batch', 'backup')?.status?.lastSuccessfulTime, 'lastSuccessfulTime');
    assert.equal(ctx.store.get('cronjobs.batch', 'batch', 'backup')?.status?.active, undefined);
  } finally {
    close();
  }
});
