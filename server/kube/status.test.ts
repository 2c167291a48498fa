import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conflict, notFound } from './status.ts';

test('a stale update is a 409 Conflict worded as the API server words it', () => {
  const s = conflict('deployments', 'apps', 'web').toStatus();
  assert.equal(s.code, 409);
  assert.equal(s.reason, 'Conflict');
  assert.match(s.message, /^Operation cannot be fulfilled on deployments.apps "web": the object has been modified/);
});

test('a missing pod is a 404 NotFound Status', () => {
  const s = notFound('pods', '', 'nope').toStatus();
  assert.deepEqual([s.kind, s.code, s.reason, s.message], ['Status', 404, 'NotFound', 'pods "nope" not found']);
});
