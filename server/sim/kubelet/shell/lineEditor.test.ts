import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineEditor } from './lineEditor.ts';

test('up-arrow recalls history even when the escape sequence arrives in pieces', () => {
  const history = ['echo first'];
  const ed = new LineEditor('/ # ', history);
  assert.equal(ed.feed('\x1b[').output, '');
  const r = ed.feed('A');
  assert.equal(r.output, 'echo first');
  assert.equal(ed.feed('\r').line, 'echo first');
});

test('Ctrl-D on an empty line is end of input; Ctrl-C drops the line', () => {
  const ed = new LineEditor('$ ', []);
  assert.equal(ed.feed('abc\x03').interrupt, true);
  assert.equal(ed.feed('\x04').eof, true);
});

test('what follows Enter is left for the next reader', () => {
  const ed = new LineEditor('$ ', []);
  const r = ed.feed('ls\rpwd\r');
  assert.equal(r.line, 'ls');
  assert.equal(r.consumed, 3);
});
