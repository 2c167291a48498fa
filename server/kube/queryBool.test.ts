import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queryBool, queryFlag } from './queryBool.ts';

test('query booleans decode as kube-apiserver decodes them: only false and 0 are false', () => {
  const q = new URLSearchParams('a=True&b=TRUE&c=1&d=yes&e=&f=false&g=FALSE&h=0&i=False');
  for (const name of ['a', 'b', 'c', 'd', 'e']) assert.equal(queryBool(q, name), true, name);
  for (const name of ['f', 'g', 'h', 'i']) assert.equal(queryBool(q, name), false, name);
  assert.equal(queryBool(q, 'absent'), undefined);
  assert.equal(queryFlag(q, 'absent'), false);
  assert.equal(queryFlag(q, 'a'), true);
});
