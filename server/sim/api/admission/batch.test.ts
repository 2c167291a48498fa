import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../kube/object.ts';
import { cronScheduleError } from '../../../kube/cronSchedule.ts';
import { admit } from './index.ts';
import { create, rejection, testContext } from './testContext.ts';

const job = (restartPolicy?: string): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'report', namespace: 'shop' },
  spec: { template: { spec: { restartPolicy, containers: [{ name: 'r', image: 'busybox:1.36' }] } } },
});

test('a job gets its defaults and a selector naming its uid', () => {
  const ctx = testContext();
  const j = create(ctx, 'jobs.batch', job('Never'));
  const uid = j.metadata.uid!;
  assert.deepEqual([j.spec.parallelism, j.spec.completions, j.spec.backoffLimit, j.spec.completionMode, j.spec.suspend, j.spec.podReplacementPolicy], [1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed']);
  assert.deepEqual(j.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
  assert.deepEqual(j.spec.template.metadata.labels, { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'report', 'controller-uid': uid, 'job-name': 'report' });
});

test("a job without labels reads back with its template's, generated ones included; a job's own labels stay", () => {
  const ctx = testContext();
  const j = create(ctx, 'jobs.batch', job('Never'));
  assert.deepEqual(j.metadata.labels, j.spec.template.metadata.labels);
  assert.equal(j.metadata.labels?.['batch.kubernetes.io/job-name'], 'report');
  const own = job('Never');
  own.metadata.name = 'labelled';
  own.metadata.labels = { team: 'finance' };
  assert.deepEqual(create(ctx, 'jobs.batch', own).metadata.labels, { team: 'finance' });
});

test('parallelism without completions leaves completions unset', () => {
  const ctx = testContext();
  const j = job('OnFailure');
  j.spec.parallelism = 3;
  const stored = create(ctx, 'jobs.batch', j);
  assert.equal(stored.spec.completions, undefined);
  assert.equal(stored.spec.parallelism, 3);
});

test('a job whose pods restart Always is rejected', () => {
  const ctx = testContext();
  const err = rejection(() => admit(ctx.store.type('jobs.batch'), job(), undefined, ctx, 'create'));
  assert.equal(err.message, 'Job.batch "report" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');
});

const cronJob = (schedule: string, timeZone?: string): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'backup', namespace: 'shop' },
  spec: { schedule, timeZone, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'b', image: 'pg:16' }] } } } } },
});

test('a cronjob gets its history and concurrency defaults', () => {
  const ctx = testContext();
  const cj = create(ctx, 'cronjobs.batch', cronJob('0 2 * * *', 'Europe/Berlin'));
  assert.deepEqual([cj.spec.concurrencyPolicy, cj.spec.suspend, cj.spec.successfulJobsHistoryLimit, cj.spec.failedJobsHistoryLimit], ['Allow', false, 3, 1]);
});

test('a bad schedule or time zone is rejected with the parser message', () => {
  const ctx = testContext();
  const bad = rejection(() => admit(ctx.store.type('cronjobs.batch'), cronJob('x'), undefined, ctx, 'create'));
  assert.equal(bad.message, 'CronJob.batch "backup" is invalid: spec.schedule: Invalid value: "x": expected exactly 5 fields, found 1: [x]');
  const tz = rejection(() => admit(ctx.store.type('cronjobs.batch'), cronJob('0 2 * * *', 'Mars/Base'), undefined, ctx, 'create'));
  assert.equal(tz.message, 'CronJob.batch "backup" is invalid: spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base');
});

test('cron schedules parse like robfig/cron', () => {
  for (const ok of ['*/5 * * * *', '0 0 1 1 *', '15 2 * * mon-fri', '@hourly', '0 0 * JAN,feb sun', '1-59/2 * * * *']) assert.equal(cronScheduleError(ok), undefined, ok);
  assert.equal(cronScheduleError('61 * * * *'), 'end of range (61) above maximum (59): 61');
  assert.equal(cronScheduleError('* * 0 * *'), 'beginning of range (0) below minimum (1): 0');
  assert.equal(cronScheduleError('@sometimes'), 'unrecognized descriptor: @sometimes');
  assert.equal(cronScheduleError('a * * * *'), 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax');
});
