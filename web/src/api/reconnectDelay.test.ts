import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconnectDelay } from './reconnectDelay.ts';

test('the first retry after a drop comes within half a second', () => {
  assert.ok(reconnectDelay(0, () => 1) <= 500);
  assert.ok(reconnectDelay(0, () => 0) >= 250);
});

test('repeated failures back off, but never beyond ten seconds', () => {
  assert.ok(reconnectDelay(3, () => 1) > reconnectDelay(1, () => 1));
  assert.equal(reconnectDelay(30, () => 1), 10_000);
  assert.ok(reconnectDelay(30, () => 0) >= 5_000);
});
