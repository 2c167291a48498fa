import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusFromResponse, unreachableStatus } from './kubeStatus.ts';

test('a 403 from the API server is relayed with its own message and reason', () => {
  const body = JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'pods is forbidden: User "dev" cannot list resource "pods" in API group "" at the cluster scope',
    reason: 'Forbidden',
    details: { kind: 'pods' },
    code: 403,
  });
  const s = statusFromResponse(403, body);
  assert.equal(s.code, 403);
  assert.equal(s.reason, 'Forbidden');
  assert.match(s.message, /cannot list resource "pods"/);
  assert.deepEqual(s.details, { kind: 'pods' });
});

test('a non-Status error page still becomes a Status with the HTTP code', () => {
  const s = statusFromResponse(502, '<html>Bad Gateway</html>');
  assert.equal(s.kind, 'Status');
  assert.equal(s.code, 502);
  assert.match(s.message, /Bad Gateway/);
});

test('an unreachable cluster is a 503 naming the context and the cause', () => {
  const s = unreachableStatus('minikube', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8443'), { code: 'ECONNREFUSED' }));
  assert.equal(s.code, 503);
  assert.equal(s.reason, 'ServiceUnavailable');
  assert.equal(s.message, 'cluster "minikube" is unreachable: connect ECONNREFUSED 127.0.0.1:8443');
});
