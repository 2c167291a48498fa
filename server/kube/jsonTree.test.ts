import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactCopy, deepCopy, sameJson } from './jsonTree.ts';

test('sameJson answers exactly what comparing JSON.stringify output would', () => {
  const when = new Date('2026-01-02T03:04:05Z');
  const values: unknown[] = [
    { a: 1, b: [1, 2, { c: 'x' }] },
    { b: [1, 2, { c: 'x' }], a: 1 }, // same content, other key order: JSON differs
    { a: 1, b: [1, 2, { c: 'x' }], gone: undefined },
    { a: 1, b: [1, 2, { c: 'y' }] },
    { a: 1, b: [1, 2] },
    { a: [undefined, 1] },
    { a: [null, 1] },
    { a: NaN },
    { a: null },
    { a: when },
    { a: when.toISOString() },
    { a: '1' },
    { a: true },
    {},
    [],
    null,
    undefined,
    'text',
    0,
  ];
  for (const x of values) {
    for (const y of values) {
      assert.equal(sameJson(x, y), JSON.stringify(x) === JSON.stringify(y), `${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    }
  }
});

test('deepCopy gives an independent copy that serializes the same and keeps Dates', () => {
  const original = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] }, at: new Date(0), none: undefined };
  const copy = deepCopy(original);
  assert.equal(JSON.stringify(copy), JSON.stringify(original));
  assert.ok('none' in copy);
  assert.ok(copy.at instanceof Date && copy.at !== original.at);
  copy.spec.containers[0].ports[0].containerPort = 8080;
  copy.metadata.labels.app = 'api';
  assert.equal(original.spec.containers[0].ports[0].containerPort, 80);
  assert.equal(original.metadata.labels.app, 'web');
});

test('compactCopy gives an independent copy that serializes the same and drops undefined members as the wire does', () => {
  const name = ['web-', 'abcde'].join('');
  const original = { metadata: { name, labels: { app: 'web' }, finalizers: undefined }, status: { conditions: [{ type: 'Ready', lastTransitionTime: `2026-11-27T00:00:0${1}Z` }] } };
  const copy = compactCopy(original);
  assert.equal(JSON.stringify(copy), JSON.stringify(original));
  assert.deepEqual(Object.keys(copy.metadata), ['name', 'labels']);
  copy.status.conditions[0].type = 'Initialized';
  copy.metadata.labels.app = 'api';
  assert.equal(original.status.conditions[0].type, 'Ready');
  assert.equal(original.metadata.labels.app, 'web');
  // Equal values copied twice stay equal (they share one string through the pool).
  assert.equal(compactCopy(original).status.conditions[0].lastTransitionTime, copy.status.conditions[0].lastTransitionTime);
});
