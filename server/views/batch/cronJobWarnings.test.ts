import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { cronJobWarnings } from './cronJobWarnings.ts';

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
