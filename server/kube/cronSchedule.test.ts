import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catchUpStart, formatInZone, MAX_PREVIEW_RUNS, nextRuns, parseCronSchedule, scheduleCatchUp } from './cronSchedule.ts';

const at = (iso: string) => new Date(iso);

test('a nightly backup at 02:30 runs next at 02:30 UTC', () => {
  const s = parseCronSchedule('30 2 * * *');
  assert.equal(s.next(at('2024-03-10T01:00:00Z')).toISOString(), '2024-03-10T02:30:00.000Z');
  assert.equal(s.next(at('2024-03-10T02:30:00Z')).toISOString(), '2024-03-11T02:30:00.000Z');
});

test('steps, ranges, lists and month/day names', () => {
  assert.equal(parseCronSchedule('*/15 * * * *').next(at('2024-01-01T10:07:00Z')).toISOString(), '2024-01-01T10:15:00.000Z');
  assert.equal(parseCronSchedule('0 9-17/4 * * MON-FRI').next(at('2024-01-06T12:00:00Z')).toISOString(), '2024-01-08T09:00:00.000Z');
  assert.equal(parseCronSchedule('0 0 1,15 * *').next(at('2024-01-02T00:00:00Z')).toISOString(), '2024-01-15T00:00:00.000Z');
  assert.equal(parseCronSchedule('0 0 1 JUN *').next(at('2024-01-02T00:00:00Z')).toISOString(), '2024-06-01T00:00:00.000Z');
});

test('day-of-month and day-of-week are ORed when both are restricted', () => {
  // 13th of the month or any Friday.
  const s = parseCronSchedule('0 0 13 * 5');
  assert.equal(s.next(at('2024-09-01T00:00:00Z')).toISOString(), '2024-09-06T00:00:00.000Z');
});

test('descriptors and @every', () => {
  assert.equal(parseCronSchedule('@hourly').next(at('2024-01-01T10:07:00Z')).toISOString(), '2024-01-01T11:00:00.000Z');
  assert.equal(parseCronSchedule('@daily').next(at('2024-01-01T10:07:00Z')).toISOString(), '2024-01-02T00:00:00.000Z');
  assert.equal(parseCronSchedule('@weekly').next(at('2024-01-03T10:07:00Z')).toISOString(), '2024-01-07T00:00:00.000Z');
  assert.equal(parseCronSchedule('@monthly').next(at('2024-01-03T10:07:00Z')).toISOString(), '2024-02-01T00:00:00.000Z');
  assert.equal(parseCronSchedule('@yearly').next(at('2024-01-03T10:07:00Z')).toISOString(), '2025-01-01T00:00:00.000Z');
  assert.equal(parseCronSchedule('@every 1h30m').next(at('2024-01-01T10:00:00Z')).toISOString(), '2024-01-01T11:30:00.000Z');
});

test('timeZone moves the wall clock the fields are matched in, across DST', () => {
  const s = parseCronSchedule('0 9 * * *', 'Europe/Berlin');
  assert.equal(s.next(at('2024-01-15T00:00:00Z')).toISOString(), '2024-01-15T08:00:00.000Z');
  assert.equal(s.next(at('2024-07-15T00:00:00Z')).toISOString(), '2024-07-15T07:00:00.000Z');
  assert.equal(parseCronSchedule('CRON_TZ=Asia/Tokyo 0 9 * * *').next(at('2024-01-15T00:00:00Z')).toISOString(), '2024-01-16T00:00:00.000Z');
  assert.equal(formatInZone(at('2024-07-15T07:00:00Z'), 'Europe/Berlin'), '2024-07-15T09:00:00+02:00');
  assert.equal(formatInZone(at('2024-07-15T07:00:00Z'), 'UTC'), '2024-07-15T07:00:00Z');
});

test('bad schedules are rejected with the parser messages', () => {
  assert.throws(() => parseCronSchedule('61 * * * *'), /end of range \(61\) above maximum \(59\)/);
  assert.throws(() => parseCronSchedule('* * *'), /expected exactly 5 fields/);
  assert.throws(() => parseCronSchedule('0 0 * * *', 'Mars/Olympus'), /unknown time zone/);
});

test('the nightly backup\'s next five runs are five consecutive 02:00s, in its time zone', () => {
  const runs = nextRuns('0 2 * * *', at('2024-03-10T03:00:00Z'), 5, 'Etc/UTC').map((d) => d.toISOString());
  assert.deepEqual(runs, ['2024-03-11T02:00:00.000Z', '2024-03-12T02:00:00.000Z', '2024-03-13T02:00:00.000Z', '2024-03-14T02:00:00.000Z', '2024-03-15T02:00:00.000Z']);
  const berlin = nextRuns('0 2 * * *', at('2024-03-30T12:00:00Z'), 2, 'Europe/Berlin').map((d) => d.toISOString());
  // 31 March 2024 is the spring-forward night: 02:00 does not exist in Berlin, so that run is skipped.
  assert.deepEqual(berlin, ['2024-04-01T00:00:00.000Z', '2024-04-02T00:00:00.000Z']);
});

test('a schedule that never fires previews no runs, and a bad one throws the parser message', () => {
  assert.deepEqual(nextRuns('0 0 30 2 *', at('2024-01-01T00:00:00Z'), 5), []);
  assert.throws(() => nextRuns('0 25 * * *', at('2024-01-01T00:00:00Z'), 5), /end of range \(25\) above maximum \(23\)/);
  assert.equal(nextRuns('* * * * *', at('2024-01-01T00:00:00Z'), 1000).length, MAX_PREVIEW_RUNS);
});

test('catching up: one due run is the one to start; more than 100 missed is "too many"', () => {
  const every5 = parseCronSchedule('*/5 * * * *');
  const one = scheduleCatchUp(every5, at('2024-01-01T10:00:00Z'), at('2024-01-01T10:07:00Z'));
  assert.equal(one.mostRecent?.toISOString(), '2024-01-01T10:05:00.000Z');
  assert.equal(one.missed, 1);
  assert.equal(scheduleCatchUp(every5, at('2024-01-01T10:00:00Z'), at('2024-01-01T10:04:00Z')).mostRecent, undefined);
  const many = scheduleCatchUp(every5, at('2024-01-01T00:00:00Z'), at('2024-01-02T00:02:00Z'));
  assert.equal(many.mostRecent?.toISOString(), '2024-01-02T00:00:00.000Z');
  assert.equal(many.firstDue?.toISOString(), '2024-01-01T00:05:00.000Z');
  assert.equal(many.missed, 288);
  assert.equal(many.tooMany, true);
  // startingDeadlineSeconds moves the start up, as the controller does: only the last 10 minutes count.
  const bounded = catchUpStart('2024-01-01T00:00:00Z', undefined, 600, at('2024-01-02T00:02:00Z'));
  assert.equal(bounded.toISOString(), '2024-01-01T23:52:00.000Z');
  assert.equal(scheduleCatchUp(every5, bounded, at('2024-01-02T00:02:00Z')).tooMany, false);
});
