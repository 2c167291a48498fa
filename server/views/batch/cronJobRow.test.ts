/**
 * The live CronJobs view over time: a missed schedule appears on the page when its deadline
 * passes, with no object changing; a change of the CronJob moves the next check; an
 * unsubscribed view sets no more timers. The clock is node:test's mock (Date and setTimeout),
 * so the minutes pass instantly and exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../log.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { InformerEvent } from '../cache/informer.ts';
import type { ApiResource } from '../cache/apiResource.ts';
import { keyOf, ObjectCache } from '../cache/objectCache.ts';
import type { DeltaMessage, ServerMessage, SnapshotMessage } from '../live/protocol.ts';
import { Subscription, type InformerSource } from '../live/subscription.ts';
import { cronJobsViewOf, type CronJobRow } from './cronJobRow.ts';

const view = cronJobsViewOf('v1');

/** An informer fed by hand, already listed. */
function fakeInformer(resource: ApiResource) {
  const listeners = new Set<(e: InformerEvent) => void>();
  const source: InformerSource & { put(o: KubeObject): void } = {
    resource,
    cache: new ObjectCache(),
    synced: true,
    lastError: undefined,
    on(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    put(o) {
      if (!source.cache.upsert(o)) return;
      for (const fn of listeners) fn({ type: 'change', key: keyOf(o), object: o, deleted: false });
    },
  };
  return source;
}

/** The timers set and neither fired nor cleared (wrapping the mocked setTimeout/clearTimeout). */
function pendingTimers(): Set<unknown> {
  const pending = new Set<unknown>();
  const set = globalThis.setTimeout;
  const clear = globalThis.clearTimeout;
  globalThis.setTimeout = ((fn: () => void, ms?: number) => {
    const id = set(() => {
      pending.delete(id);
      fn();
    }, ms);
    pending.add(id);
    return id;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((id: NodeJS.Timeout | undefined) => {
    pending.delete(id);
    clear(id);
  }) as typeof clearTimeout;
  return pending;
}

let rv = 1;
function cronJob(lastScheduleTime: string): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { namespace: 'batch', name: 'reports', uid: 'u1', resourceVersion: String(rv++), creationTimestamp: '2024-05-01T00:00:00Z' },
    spec: { schedule: '*/5 * * * *', startingDeadlineSeconds: 30, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } },
    status: { lastScheduleTime },
  };
}

function subscribe() {
  const cronJobs = fakeInformer(view.resources[0]);
  const jobs = fakeInformer(view.resources[1]);
  cronJobs.cache.replace([cronJob('2024-05-02T12:00:00Z')]);
  const sent: ServerMessage[] = [];
  const sub = new Subscription({ id: 'c1', view, namespaces: ['batch'], params: {}, informers: [cronJobs, jobs] }, { send: (m) => sent.push(m), congested: () => false }, 100, silentLogger);
  sub.start();
  const rows = () => sent.flatMap((m) => (m.type === 'snapshot' ? (m as SnapshotMessage<CronJobRow>).rows : m.type === 'delta' ? (m as DeltaMessage<CronJobRow>).upserts : []));
  return { sub, sent, rows, cronJobs };
}

test('a run not started within its deadline shows as a missed schedule when the deadline passes, though nothing changed', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: new Date('2024-05-02T12:02:00Z') });
  const { sub, sent, rows } = subscribe();
  assert.deepEqual(rows().at(-1)?.warnings, [], 'the 12:00 run started on time; 12:05 is not due yet');
  t.mock.timers.tick(3 * 60_000 + 30_000); // 12:05:30.000, the last instant the 12:05 run may still start
  t.mock.timers.tick(200);
  assert.equal(sent.length, 1, 'nothing recomputed before the deadline passed');
  t.mock.timers.tick(1); // the deadline has passed; the row is projected again at the next flush
  t.mock.timers.tick(100);
  assert.equal(sent.length, 2);
  assert.deepEqual(rows().at(-1)?.warnings, [{ code: 'missedSchedule', scheduledAt: '2024-05-02T12:05:00.000Z', deadlineSeconds: 30 }]);
  t.mock.timers.tick(24 * 3600_000);
  assert.equal(sent.length, 2, 'missed it stays: no more recomputing with time alone');
  sub.dispose();
});

test('the controller starting the run moves the next check to the following run; an unsubscribed view leaves no timer', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: new Date('2024-05-02T12:04:00Z') });
  const timers = pendingTimers();
  const { sub, sent, rows, cronJobs } = subscribe();
  t.mock.timers.tick(60_000); // 12:05: the controller starts the run
  cronJobs.put(cronJob('2024-05-02T12:05:00Z'));
  t.mock.timers.tick(100);
  assert.equal(sent.length, 2);
  assert.deepEqual(rows().at(-1)?.warnings, []);
  t.mock.timers.tick(60_000);
  assert.equal(sent.length, 2, 'the 12:05 deadline no longer matters: the run started');
  t.mock.timers.tick(4 * 60_000 + 30_000 - 100); // 12:10:30.000
  assert.equal(sent.length, 2);
  t.mock.timers.tick(1);
  t.mock.timers.tick(100);
  assert.deepEqual(rows().at(-1)?.warnings, [{ code: 'missedSchedule', scheduledAt: '2024-05-02T12:10:00.000Z', deadlineSeconds: 30 }], 'the 12:10 run was missed');

  assert.equal(timers.size, 0, 'missed it stays: nothing to check with time alone');
  cronJobs.put(cronJob('2024-05-02T12:10:00Z')); // started late after all
  t.mock.timers.tick(100);
  assert.deepEqual(rows().at(-1)?.warnings, []);
  assert.equal(timers.size, 1, 'the check of the 12:15 run is armed');
  sub.dispose();
  assert.equal(timers.size, 0, 'unsubscribed: no timer left behind');
});
