import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { jobsView } from './jobRow.ts';

const none = { get: () => { throw new Error('the job view reads no other cache'); } };

test('a parallel job row shows progress from status (3/5), active and failed counts, parallelism and its CronJob', () => {
  const job: KubeObject = {
    kind: 'Job',
    metadata: {
      name: 'resize', namespace: 'batch', uid: 'j1', resourceVersion: '9', creationTimestamp: '2026-01-01T00:00:00Z',
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'thumbs', uid: 'c1', controller: true }],
    },
    spec: { completions: 5, parallelism: 2, template: { spec: { containers: [{ name: 'r', image: 'busybox:1.36' }] } } },
    status: { startTime: '2026-01-01T00:00:01Z', succeeded: 3, active: 2, failed: 1 },
  };
  const row = jobsView.project(job, none, {});
  assert.equal(row.key, 'batch/resize');
  assert.deepEqual([row.status, row.runKind, row.succeeded, row.completions, row.active, row.failed, row.parallelism], ['Running', 'parallel', 3, 5, 2, 1, 2]);
  assert.equal(row.cronJob, 'thumbs');
  assert.deepEqual(row.images, ['busybox:1.36']);
  assert.equal(row.endTime, '');
});

test('a failed job row carries the failure reason and when it ended', () => {
  const at = '2026-01-01T00:00:40Z';
  const job: KubeObject = {
    metadata: { name: 'schema-migration', namespace: 'batch', uid: 'j2' },
    spec: { backoffLimit: 2, completions: 1, parallelism: 1, template: {} },
    status: { startTime: '2026-01-01T00:00:00Z', failed: 3, conditions: [{ type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded' }, { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: at }] },
  };
  const row = jobsView.project(job, none, {});
  assert.deepEqual([row.status, row.failureReason, row.endTime, row.runKind], ['Failed', 'BackoffLimitExceeded', at, 'oneOff']);
});
