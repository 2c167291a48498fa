import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineDiff, templateDiff } from './templateDiff.ts';

const template = (image: string, hash: string) => ({ metadata: { labels: { app: 'api', 'pod-template-hash': hash } }, spec: { containers: [{ name: 'api', image, ports: [{ containerPort: 8080 }] }] } });

test('rolling back shows the image line changed and nothing else, hash labels left out', () => {
  const d = templateDiff(template('api:1.5.0', 'aaa'), template('api:1.4.2', 'bbb'));
  assert.equal(d.changed, true);
  const changed = d.lines.filter((l) => l.op !== ' ');
  assert.deepEqual(changed.map((l) => [l.op, l.text.trim()]), [['-', '- image: api:1.5.0'], ['+', '- image: api:1.4.2']]);
  assert.doesNotMatch(d.leftYaml, /pod-template-hash/);
});

test('identical templates give no changes', () => {
  assert.equal(templateDiff(template('a', '1'), template('a', '2')).changed, false);
});

test('a line diff numbers lines on both sides', () => {
  assert.deepEqual(lineDiff('a\nb\nc\n', 'a\nc\nd\n'), [
    { op: ' ', text: 'a', left: 1, right: 1 },
    { op: '-', text: 'b', left: 2 },
    { op: ' ', text: 'c', left: 3, right: 2 },
    { op: '+', text: 'd', right: 3 },
  ]);
});
