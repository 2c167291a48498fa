import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareValues, plainSortKey, nextSort, parseSort, formatSort, sortRows } from './sortRows.ts';

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

/** The same strings every run: a linear congruential generator over an alphabet. */
function strings(alphabet: string, count: number): string[] {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 9) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}

test('names, namespaces and node names sort exactly as the collator sorts them (case ignored, numbers by value, leading zeros ignored)', () => {
  const sample = strings(' aAbBzZ0019-./', 4_000);
  for (let i = 0; i + 1 < sample.length; i++) {
    const [a, b] = [sample[i], sample[i + 1]];
    const [ka, kb] = [plainSortKey(a) ?? '', plainSortKey(b) ?? ''];
    assert.equal(Math.sign(ka < kb ? -1 : ka > kb ? 1 : 0), Math.sign(compareValues(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
});

test('a column mixing plain names with other text (Init:0/1, ünïcode) sorts as the collator alone would', () => {
  const values = strings('aZ09-.:_üÉ', 3_000);
  const rows = values.map((v, i) => ({ key: String(i).padStart(4, '0'), v }));
  const byCollator = [...rows].sort((x, y) => compareValues(x.v, y.v) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)).filter((r) => r.v !== '');
  const sorted = sortRows(rows, (r) => r.v, 'asc', (r) => r.key).filter((r) => r.v !== '');
  assert.deepEqual(sorted.map((r) => r.key), byCollator.map((r) => r.key));
});
