import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextSort, parseSort, formatSort, sortRows } from './sortRows.ts';

interface R {
  key: string;
  name: string;
  restarts?: number;
}
const rows: R[] = [
  { key: 'a/web-10', name: 'web-10', restarts: 1 },
  { key: 'a/web-2', name: 'web-2', restarts: 7 },
  { key: 'a/Api-1', name: 'Api-1' },
  { key: 'a/web-1', name: 'web-1', restarts: 1 },
];

test('pod names sort naturally: web-2 before web-10, case does not matter', () => {
  const sorted = sortRows(rows, (r) => r.name, 'asc', (r) => r.key).map((r) => r.name);
  assert.deepEqual(sorted, ['Api-1', 'web-1', 'web-2', 'web-10']);
});

test('sorting by restarts descending puts the crashing pod first and rows without a value last', () => {
  const sorted = sortRows(rows, (r) => r.restarts, 'desc', (r) => r.key).map((r) => r.name);
  assert.equal(sorted[0], 'web-2');
  // Equal restart counts keep a fixed order (by key), so rows do not jump on every update.
  assert.deepEqual(sorted.slice(1, 3), ['web-1', 'web-10']);
  assert.equal(sorted[3], 'Api-1');
});

test('the sort round-trips through the URL and a second click flips it', () => {
  assert.deepEqual(parseSort('-age'), { column: 'age', direction: 'desc' });
  assert.equal(formatSort({ column: 'name', direction: 'asc' }), 'name');
  assert.deepEqual(nextSort({ column: 'name', direction: 'asc' }, 'name'), { column: 'name', direction: 'desc' });
  assert.deepEqual(nextSort({ column: 'name', direction: 'desc' }, 'age'), { column: 'age', direction: 'asc' });
  assert.equal(parseSort(null), undefined);
});

test('10,000 shuffled rows sort in natural order (pod-2 before pod-10)', () => {
  const many = Array.from({ length: 10_000 }, (_, i) => ({ key: `ns/pod-${(i * 7919) % 10_000}`, name: `pod-${(i * 7919) % 10_000}` }));
  const sorted = sortRows(many, (r) => r.name, 'asc', (r) => r.key);
  assert.equal(sorted[2].name, 'pod-2');
  assert.equal(sorted[0].name, 'pod-0');
  assert.equal(sorted[9_999].name, 'pod-9999');
});
