import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sideBySide } from './sideBySide.ts';

test('a changed image shows the running line on the left beside the rollback target on the right', () => {
  const rows = sideBySide([
    { op: ' ', text: 'containers:', left: 1, right: 1 },
    { op: '-', text: '  image: api:9.9.9', left: 2 },
    { op: '+', text: '  image: api:1.5.0', right: 2 },
    { op: ' ', text: '  name: api', left: 3, right: 3 },
  ]);
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[1], { left: { n: 2, text: '  image: api:9.9.9', changed: true }, right: { n: 2, text: '  image: api:1.5.0', changed: true } });
  assert.equal(rows[2].left?.changed, false);
});

test('lines only on one side leave the other side empty', () => {
  const rows = sideBySide([
    { op: '+', text: 'a', right: 1 },
    { op: '+', text: 'b', right: 2 },
    { op: '-', text: 'c', left: 1 },
  ]);
  assert.equal(rows.length, 2);
  assert.equal(rows[0].left?.text, 'c');
  assert.equal(rows[1].left, undefined);
  assert.equal(rows[1].right?.text, 'b');
});
