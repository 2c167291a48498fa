import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readyTone, rolloutTone } from './rolloutTone.ts';

test('a failed rollout needs attention, a complete one is healthy, a paused one is muted', () => {
  assert.equal(rolloutTone('failed'), 'bad');
  assert.equal(rolloutTone('complete'), 'ok');
  assert.equal(rolloutTone('paused'), 'muted');
  assert.equal(rolloutTone('progressing'), 'progress');
});

test('2/5 ready is in progress, 0/3 is bad, 5/5 is healthy, 0/0 is muted', () => {
  assert.equal(readyTone(2, 5), 'progress');
  assert.equal(readyTone(0, 3), 'bad');
  assert.equal(readyTone(5, 5), 'ok');
  assert.equal(readyTone(0, 0), 'muted');
});
