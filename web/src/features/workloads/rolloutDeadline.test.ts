import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deadlineLeft, rolloutBounds } from './rolloutDeadline.ts';

const now = Date.parse('2026-01-01T00:00:00Z');

test('a rollout with 10 minutes of progress deadline left counts down from 600 s', () => {
  assert.deepEqual(deadlineLeft('2026-01-01T00:10:00Z', now), { seconds: 600, passed: false });
});

test('a deadline in the past has passed; no deadline is no countdown', () => {
  assert.deepEqual(deadlineLeft('2025-12-31T23:59:00Z', now), { seconds: 0, passed: true });
  assert.equal(deadlineLeft(undefined, now), undefined);
});

test('3 replicas with maxSurge 1 and maxUnavailable 0 run at most 4 pods and keep 3 available', () => {
  assert.deepEqual(rolloutBounds(3, { maxSurge: 1, maxUnavailable: 0 }), { maxPods: 4, minAvailable: 3 });
  assert.deepEqual(rolloutBounds(2, { maxSurge: 1, maxUnavailable: 5 }), { maxPods: 3, minAvailable: 0 });
  assert.equal(rolloutBounds(3, undefined), undefined);
});
