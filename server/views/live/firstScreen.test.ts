import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Row } from './protocol.ts';
import { rowComparator, splitFirstScreen } from './firstScreen.ts';

interface R extends Row {
  name: string;
  restarts?: number;
  node?: string;
}

const row = (name: string, restarts?: number, node?: string): R => ({ key: `ns/${name}`, name, ...(restarts === undefined ? {} : { restarts }), ...(node === undefined ? {} : { node }) });

test('the first screen is the first rows in the table order, sorted; every other row is in the rest once', () => {
  // pod-2 before pod-10, as the table sorts names.
  const rows = Array.from({ length: 500 }, (_, i) => row(`pod-${(i * 7919) % 500}`));
  const { first, rest } = splitFirstScreen(rows, 20, { field: 'name' });
  assert.deepEqual(first.map((r) => r.name), Array.from({ length: 20 }, (_, i) => `pod-${i}`));
  assert.equal(rest.length, 480);
  assert.equal(new Set([...first, ...rest].map((r) => r.key)).size, 500);
});

test('descending by a number puts rows without a value last, ties by key', () => {
  const rows = [row('a', 0), row('b'), row('c', 3), row('d', 3), row('e', 1)];
  assert.deepEqual(splitFirstScreen(rows, 4, { field: 'restarts', descending: true }).first.map((r) => r.name), ['c', 'd', 'e', 'a']);
  assert.deepEqual([...rows].sort(rowComparator({ field: 'node' })).map((r) => r.name), ['a', 'b', 'c', 'd', 'e'], 'all missing: key order');
  assert.deepEqual(splitFirstScreen([row('x', undefined, 'n2'), row('y'), row('z', undefined, 'n10')], 2, { field: 'node', descending: true }).first.map((r) => r.name), ['z', 'x']);
});

test('a list no longer than the first screen is all first', () => {
  const { first, rest } = splitFirstScreen([row('b'), row('a')], 5, { field: 'name' });
  assert.deepEqual(first.map((r) => r.name), ['a', 'b']);
  assert.deepEqual(rest, []);
});
