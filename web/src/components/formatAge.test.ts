import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageOf, formatAge } from './formatAge.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

test('young pods show seconds, then minutes and seconds, like kubectl', () => {
  assert.equal(formatAge(5 * s), '5s');
  assert.equal(formatAge(119 * s), '119s');
  assert.equal(formatAge(3 * m + 20 * s), '3m20s');
  assert.equal(formatAge(4 * m), '4m');
});

test('older objects get coarser ages', () => {
  assert.equal(formatAge(37 * m), '37m');
  assert.equal(formatAge(3 * h + 5 * m), '3h5m');
  assert.equal(formatAge(20 * h), '20h');
  assert.equal(formatAge(3 * d + 4 * h), '3d4h');
  assert.equal(formatAge(40 * d), '40d');
  assert.equal(formatAge(800 * d), '2y70d');
});

test('clock skew never shows a negative age, and a missing timestamp shows nothing', () => {
  assert.equal(formatAge(-5 * s), '0s');
  assert.equal(ageOf(undefined, Date.now()), '');
  assert.equal(ageOf('not a time', Date.now()), '');
  assert.equal(ageOf('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:00:42Z')), '42s');
});
