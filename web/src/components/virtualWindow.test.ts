import { test } from 'node:test';
import assert from 'node:assert/strict';
import { virtualWindow } from './virtualWindow.ts';

test('10,000 pods at the top render only the first screenful plus a margin', () => {
  const w = virtualWindow(0, 600, 28, 10_000, 8);
  assert.equal(w.first, 0);
  assert.ok(w.last - w.first < 50, `renders ${w.last - w.first} rows`);
  assert.ok(w.last >= Math.ceil(600 / 28));
});

test('scrolled to the middle, the rendered rows cover the viewport', () => {
  const scrollTop = 5_000 * 28 + 10;
  const w = virtualWindow(scrollTop, 600, 28, 10_000, 8);
  assert.ok(w.first <= 5_000 && w.first >= 5_000 - 8);
  assert.ok(w.last * 28 >= scrollTop + 600);
});

test('at the bottom (and past it, while a list shrinks) the window ends at the last row', () => {
  const w = virtualWindow(10_000 * 28, 600, 28, 10_000, 8);
  assert.equal(w.last, 10_000);
  assert.ok(w.first < 10_000);
  const shrunk = virtualWindow(10_000 * 28, 600, 28, 12, 8);
  assert.equal(shrunk.last, 12);
  assert.ok(shrunk.first >= 0);
});

test('an empty list renders nothing', () => {
  assert.deepEqual(virtualWindow(0, 600, 28, 0), { first: 0, last: 0 });
});
