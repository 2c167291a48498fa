import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podStatusTone } from './podStatusTone.ts';

const pod = (status: string, phase = 'Running', ready = 1, total = 1, deletionTimestamp?: string) => ({
  status,
  phase,
  readyContainers: ready,
  totalContainers: total,
  deletionTimestamp,
});

test('a running pod with every container ready is healthy', () => {
  assert.equal(podStatusTone(pod('Running')), 'ok');
});

test('crash loops, failed pulls, OOM kills and failed init containers need attention', () => {
  for (const status of ['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'OOMKilled', 'Error', 'CreateContainerConfigError', 'Init:CrashLoopBackOff', 'Init:Error']) {
    assert.equal(podStatusTone(pod(status)), 'bad', status);
  }
  assert.equal(podStatusTone(pod('Evicted', 'Failed', 0, 1)), 'bad');
});

test('pending, creating, initialising and terminating pods are in progress', () => {
  assert.equal(podStatusTone(pod('Pending', 'Pending', 0, 1)), 'progress');
  assert.equal(podStatusTone(pod('ContainerCreating', 'Pending', 0, 1)), 'progress');
  assert.equal(podStatusTone(pod('Init:0/2', 'Pending', 0, 1)), 'progress');
  assert.equal(podStatusTone(pod('Terminating', 'Running', 1, 1, '2024-01-01T00:00:00Z')), 'progress');
});

test('a running pod that is not ready yet is not shown as healthy', () => {
  assert.equal(podStatusTone(pod('Running', 'Running', 1, 2)), 'progress');
});

test('a completed job pod is muted, not an error', () => {
  assert.equal(podStatusTone(pod('Completed', 'Succeeded', 0, 1)), 'muted');
});
