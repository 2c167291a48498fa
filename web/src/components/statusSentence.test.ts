import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatusBody } from '../api/apiError.ts';
import { translator } from '../i18n/translate.ts';
import { statusSentence } from './statusSentence.ts';

const t = translator('en');
const status = (code: number, reason: string, message: string, details?: StatusBody['details']): StatusBody => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  code,
  details,
});

test('a deleted pod reads as "not found" with advice to refresh', () => {
  const s = statusSentence(status(404, 'NotFound', 'pods "api-1" not found', { name: 'api-1', kind: 'pods' }), t);
  assert.equal(s.what, 'pods “api-1” was not found.');
  assert.match(s.todo, /Refresh the list/);
});

test('a forbidden list names the missing permission and who can grant it', () => {
  const s = statusSentence(
    status(403, 'Forbidden', 'pods is forbidden: User "dev" cannot list resource "pods" in API group "" in the namespace "kube-system"'),
    t,
  );
  assert.equal(s.what, 'You (dev) may not list pods in namespace kube-system.');
  assert.match(s.todo, /cluster administrator/);
  assert.match(s.serverMessage ?? '', /^pods is forbidden: User "dev" cannot list/, 'the API server’s words stay below the sentence');
});

test('a write that lost a race says someone else changed it and that the input is kept', () => {
  const s = statusSentence(status(409, 'Conflict', 'Operation cannot be fulfilled on deployments.apps "api"', { name: 'api', kind: 'deployments', group: 'apps' }), t);
  assert.equal(s.what, 'deployments “api” was changed by someone else since you loaded it.');
  assert.match(s.todo, /input is kept/);
});

test('an invalid object lists each field and what is wrong with it', () => {
  const s = statusSentence(
    status(422, 'Invalid', 'Deployment.apps "api" is invalid: spec.replicas: Invalid value: -1', {
      name: 'api',
      kind: 'Deployment',
      causes: [
        { reason: 'FieldValueInvalid', field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
        { reason: 'FieldValueRequired', field: 'spec.template.spec.containers[0].image', message: 'Required value' },
      ],
    }),
    t,
  );
  assert.equal(s.what, 'Deployment “api” is invalid.');
  assert.deepEqual(s.causes, [
    'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    'spec.template.spec.containers[0].image: Required value',
  ]);
});

test('an unreachable cluster is named, from a BFF 502 or a 503', () => {
  assert.equal(statusSentence(status(502, 'ServiceUnavailable', 'connect ECONNREFUSED 10.0.0.1:6443'), t, 'lab').what, 'Cannot reach cluster lab.');
  assert.equal(statusSentence(status(502, 'BadGateway', 'upstream failed'), t, 'lab').what, 'Cannot reach cluster lab.');
  assert.equal(statusSentence(status(503, 'InternalError', 'x'), t, 'prod').what, 'Cannot reach cluster prod.');
});

test('expired credentials, expired resource versions, timeouts and the network each get their own advice', () => {
  assert.match(statusSentence(status(401, 'Unauthorized', 'Unauthorized'), t, 'minikube').todo, /Log in again/);
  assert.match(statusSentence(status(410, 'Expired', 'too old resource version: 1 (200)'), t).todo, /Reload/);
  assert.match(statusSentence(status(504, 'Timeout', 'the server was unable to return a response in the time allotted'), t).what, /too long/);
  assert.match(statusSentence(status(0, 'NetworkError', 'Failed to fetch'), t).what, /console server cannot be reached/);
  assert.match(statusSentence(status(429, 'TooManyRequests', 'slow down', { retryAfterSeconds: 5 }), t).todo, /Wait 5 seconds/);
});

test('an eviction a PodDisruptionBudget refuses (429) names the budget instead of advising to wait a second', () => {
  const s = statusSentence(
    status(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
      causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget postgres needs 2 healthy pods and has 2 currently' }],
    }),
    t,
  );
  assert.match(s.what, /would break its PodDisruptionBudget/);
  assert.match(s.todo, /Deleting the pod instead bypasses the budget/);
  assert.deepEqual(s.causes, ['The disruption budget postgres needs 2 healthy pods and has 2 currently']);
  assert.doesNotMatch(s.todo, /Wait \d+ seconds/);
});

test('an unknown server failure still shows the server message and where to look', () => {
  const s = statusSentence(status(500, 'InternalError', 'boom'), t);
  assert.equal(s.what, 'Something failed on the server: boom');
  assert.match(s.todo, /request id/);
});

test('the sentence is translated', () => {
  const s = statusSentence(status(502, 'ServiceUnavailable', 'x'), translator('zh'), 'lab');
  assert.equal(s.what, '无法连接集群 lab。');
});

test('a refused large scale-up says how many pods it would start, in each language', () => {
  const refused = status(400, 'BadRequest', 'scaling web from 2 to 5000 adds 4998 replicas at once', { name: 'web', kind: 'Deployment', causes: [{ reason: 'LargeScaleUp', field: 'spec.replicas', message: '2→5000' }] });
  assert.equal(statusSentence(refused, t).what, 'Scaling from 2 to 5000 would start 4998 new pods at once.');
  assert.equal(statusSentence(refused, translator('zh')).what, '从 2 扩容到 5000 会一次性启动 4998 个新 Pod。');
});
