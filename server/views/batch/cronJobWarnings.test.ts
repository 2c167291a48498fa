import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { cronJobWarnings, nextWarningCheck } from './cronJobWarnings.ts';

const now = new Date('2024-05-02T12:02:00Z');

function cronJob(spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x', namespace: 'batch', creationTimestamp: '2024-04-01T00:00:00Z' }, spec: { schedule: '*/5 * * * *', ...spec }, status };
}

test('a CronJob that started its last run on time has no warnings', () => {
  assert.deepEqual(cronJobWarnings(cronJob({}, { lastScheduleTime: '2024-05-02T12:00:00Z' }), now), []);
});

test('a run not started within startingDeadlineSeconds is a missed schedule', () => {
  const w = cronJobWarnings(cronJob({ startingDeadlineSeconds: 30 }, { lastScheduleTime: '2024-05-02T11:50:00Z' }), now);
  assert.deepEqual(w, [{ code: 'missedSchedule', scheduledAt: '2024-05-02T11:55:00.000Z', deadlineSeconds: 30 }]);
});

test('Forbid with a Job still active when a run came due is blocking; two days of it is more than 100 missed', () => {
  const w = cronJobWarnings(cronJob({ concurrencyPolicy: 'Forbid' }, { lastScheduleTime: '2024-04-30T12:00:00Z', active: [{ name: 'x-1' }] }), now);
  assert.deepEqual(w.map((x) => x.code), ['forbidBlocked', 'missedSchedule', 'tooManyMissed']);
  assert.deepEqual(w[0], { code: 'forbidBlocked', scheduledAt: '2024-04-30T12:05:00.000Z', activeJob: 'x-1' });
  assert.equal((w[2] as { missed: number }).missed, 576);
});

test('a suspended CronJob misses on purpose: no timing warnings, but a bad schedule or zone still shows', () => {
  assert.deepEqual(cronJobWarnings(cronJob({ suspend: true }, { lastScheduleTime: '2024-04-01T00:00:00Z' }), now), []);
  assert.deepEqual(cronJobWarnings(cronJob({ suspend: true, schedule: '0 25 * * *' }), now), [{ code: 'invalidSchedule', message: 'end of range (25) above maximum (23): 25' }]);
  assert.deepEqual(cronJobWarnings(cronJob({ timeZone: 'Mars/Olympus' }), now), [{ code: 'unknownTimeZone', zone: 'Mars/Olympus' }]);
});

/** The warnings at every second from `from` up to (not including) `until`, and just before it. */
function unchangedUntil(cj: KubeObject, from: Date, until: Date): void {
  const at = (ms: number) => JSON.stringify(cronJobWarnings(cj, new Date(ms)));
  const first = at(from.getTime());
  for (let t = from.getTime(); t < until.getTime(); t += 1000) assert.equal(at(t), first, `nothing changes at ${new Date(t).toISOString()}, before ${until.toISOString()}`);
  assert.equal(at(until.getTime() - 1), first, 'nor a millisecond before');
}

test('a run not due yet: the next check is the run plus its starting deadline, when the missed schedule appears', () => {
  const cj = cronJob({ startingDeadlineSeconds: 30 }, { lastScheduleTime: '2024-05-02T12:00:00Z' });
  const next = nextWarningCheck(cj, now);
  assert.equal(next?.toISOString(), '2024-05-02T12:05:30.001Z');
  unchangedUntil(cj, now, next!);
  assert.deepEqual(cronJobWarnings(cj, next!), [{ code: 'missedSchedule', scheduledAt: '2024-05-02T12:05:00.000Z', deadlineSeconds: 30 }]);
  assert.equal(nextWarningCheck(cj, next!), undefined, 'once missed, time alone changes nothing more: a 30 s window never holds 100 runs');
});

test('without a deadline the missed schedule comes a minute after the run; with Forbid and a Job active, blocking comes at the run itself', () => {
  const plain = cronJob({}, { lastScheduleTime: '2024-05-02T12:00:00Z' });
  assert.equal(nextWarningCheck(plain, now)?.toISOString(), '2024-05-02T12:06:00.001Z');
  const forbid = cronJob({ concurrencyPolicy: 'Forbid' }, { lastScheduleTime: '2024-05-02T12:00:00Z', active: [{ name: 'x-1' }] });
  const next = nextWarningCheck(forbid, now)!;
  assert.equal(next.toISOString(), '2024-05-02T12:05:00.000Z');
  unchangedUntil(forbid, now, next);
  assert.deepEqual(cronJobWarnings(forbid, next), [{ code: 'forbidBlocked', scheduledAt: '2024-05-02T12:05:00.000Z', activeJob: 'x-1' }]);
  const then = nextWarningCheck(forbid, next)!;
  assert.equal(then.toISOString(), '2024-05-02T12:06:00.001Z');
  unchangedUntil(forbid, next, then);
  assert.deepEqual(cronJobWarnings(forbid, then).map((w) => w.code), ['forbidBlocked', 'missedSchedule']);
});

test('the count of missed start times: checked again when it passes 100, then at each run while it grows', () => {
  // Every 5 minutes, last started 99 runs before now: the 101st missed run is 2 runs away.
  const cj = cronJob({}, { lastScheduleTime: '2024-05-02T03:47:00Z' });
  const start = new Date('2024-05-02T12:02:00Z');
  assert.equal(cronJobWarnings(cj, start).length, 1, 'missed, not yet too many');
  const next = nextWarningCheck(cj, start)!;
  assert.equal(next.toISOString(), '2024-05-02T12:10:00.000Z');
  unchangedUntil(cj, start, next);
  assert.deepEqual(cronJobWarnings(cj, next).at(-1), { code: 'tooManyMissed', missed: 101 });
  const after = nextWarningCheck(cj, next)!;
  assert.equal(after.toISOString(), '2024-05-02T12:15:00.000Z');
  unchangedUntil(cj, next, after);
  assert.deepEqual(cronJobWarnings(cj, after).at(-1), { code: 'tooManyMissed', missed: 102 });
});

test('with a starting deadline the counting window moves with now: a check each time its first run leaves it', () => {
  // Every minute with a deadline of 200 minutes: about 200 runs in the window, always too many.
  const cj = cronJob({ schedule: '* * * * *', startingDeadlineSeconds: 12_000 }, { lastScheduleTime: '2024-05-01T00:00:00Z' });
  const start = new Date('2024-05-02T12:02:30Z');
  const next = nextWarningCheck(cj, start)!;
  assert.equal(next.toISOString(), '2024-05-02T12:03:00.000Z');
  unchangedUntil(cj, start, next);
});

test('time alone changes nothing for a suspended CronJob or one whose schedule cannot be read', () => {
  assert.equal(nextWarningCheck(cronJob({ suspend: true }, { lastScheduleTime: '2024-05-02T12:00:00Z' }), now), undefined);
  assert.equal(nextWarningCheck(cronJob({ schedule: '0 25 * * *' }), now), undefined);
  assert.equal(nextWarningCheck(cronJob({ timeZone: 'Mars/Olympus' }), now), undefined);
  assert.equal(nextWarningCheck(cronJob({ schedule: '0 0 30 2 *' }), now), undefined, '30 February never comes');
});
