import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedHunks, lineDiff } from './lineDiff.ts';

test('changing replicas shows the old line removed and the new one added, with line numbers', () => {
  const live = 'kind: Deployment\nspec:\n  replicas: 2\n  paused: false\n';
  const edited = 'kind: Deployment\nspec:\n  replicas: 3\n  paused: false\n';
  assert.deepEqual(lineDiff(live, edited), [
    { op: ' ', text: 'kind: Deployment', left: 1, right: 1 },
    { op: ' ', text: 'spec:', left: 2, right: 2 },
    { op: '-', text: '  replicas: 2', left: 3 },
    { op: '+', text: '  replicas: 3', right: 3 },
    { op: ' ', text: '  paused: false', left: 4, right: 4 },
  ]);
});

test('an unchanged document has no changed lines, and an added label is one added line', () => {
  assert.ok(lineDiff('a: 1\nb: 2\n', 'a: 1\nb: 2\n').every((l) => l.op === ' '));
  const added = lineDiff('metadata:\n  labels:\n    app: web\n', 'metadata:\n  labels:\n    app: web\n    tier: front\n').filter((l) => l.op !== ' ');
  assert.deepEqual(added, [{ op: '+', text: '    tier: front', right: 4 }]);
});

test('the compact view keeps two lines around each change and marks the gaps', () => {
  const live = Array.from({ length: 20 }, (_, i) => `line${i}`).join('\n');
  const edited = live.replace('line10', 'changed');
  const hunks = changedHunks(lineDiff(live, edited));
  assert.equal(hunks[0], 'gap');
  assert.deepEqual(
    hunks.slice(1, -1).map((l) => (l === 'gap' ? l : `${l.op}${l.text}`)),
    [' line8', ' line9', '-line10', '+changed', ' line11', ' line12'],
  );
  assert.equal(hunks[hunks.length - 1], 'gap');
});
