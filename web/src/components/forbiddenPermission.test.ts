import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatusBody } from '../api/apiError.ts';
import { translator } from '../i18n/translate.ts';
import { missingPermission, resourceName } from './forbiddenPermission.ts';
import { statusSentence } from './statusSentence.ts';

const forbidden = (message: string): StatusBody => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', code: 403 });
const NAMESPACED = 'pods "web-0" is forbidden: User "alice" cannot delete resource "pods" in API group "" in the namespace "team-a"';
const CLUSTER = 'namespaces is forbidden: User "system:serviceaccount:team-a:viewer" cannot list resource "namespaces" in API group "" at the cluster scope';

test('a delete refused in a namespace says who may not do what, where, in plain words', () => {
  const s = statusSentence(forbidden(NAMESPACED), translator('en'));
  assert.equal(s.what, 'You (alice) may not delete pods in namespace team-a.');
  assert.match(s.todo, /cluster administrator/);
  assert.equal(s.serverMessage, NAMESPACED, 'the API server’s own words stay available');
});

test('the same refusal reads in Chinese, the verb translated', () => {
  const s = statusSentence(forbidden(NAMESPACED), translator('zh'));
  assert.equal(s.what, '您（alice）无权在命名空间 team-a 中删除 pods。');
});

test('a cluster-scope refusal (listing namespaces) names the service account and the cluster', () => {
  assert.equal(statusSentence(forbidden(CLUSTER), translator('en')).what, 'You (system:serviceaccount:team-a:viewer) may not list namespaces across the cluster.');
  assert.equal(statusSentence(forbidden(CLUSTER), translator('zh')).what, '您（system:serviceaccount:team-a:viewer）无权在整个集群范围内列出 namespaces。');
});

test('a resource of a group and a subresource are named as kubectl names them', () => {
  const p = missingPermission('User "bob" cannot create resource "pods/exec" in API group "" in the namespace "shop"');
  assert.deepEqual(p, { user: 'bob', verb: 'create', resource: 'pods/exec', group: '', namespace: 'shop' });
  const d = statusSentence(forbidden('deployments.apps "api" is forbidden: User "bob" cannot patch resource "deployments/scale" in API group "apps" in the namespace "shop"'), translator('en'));
  assert.equal(d.what, 'You (bob) may not patch deployments.apps/scale in namespace shop.');
  assert.equal(resourceName('cronjobs', 'batch'), 'cronjobs.batch');
});

test('an RBAC explanation after the message does not stop the parse; a verb without words stays as sent', () => {
  const s = statusSentence(forbidden(`${NAMESPACED}: RBAC: role.rbac.authorization.k8s.io "x" not found`), translator('en'));
  assert.equal(s.what, 'You (alice) may not delete pods in namespace team-a.');
  const e = statusSentence(forbidden('User "alice" cannot escalate resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "a"'), translator('zh'));
  assert.equal(e.what, '您（alice）无权在命名空间 a 中escalate roles.rbac.authorization.k8s.io。');
});

test('a non-resource path refusal names the path', () => {
  assert.equal(statusSentence(forbidden('forbidden: User "alice" cannot get path "/metrics"'), translator('en')).what, 'You (alice) may not get /metrics.');
});

test('a 403 in other words (an admission webhook, a proxy) falls back to the raw message', () => {
  const s = statusSentence(forbidden('admission webhook "policy" denied the request: no latest tags'), translator('en'));
  assert.equal(s.what, 'Permission denied: admission webhook "policy" denied the request: no latest tags');
  assert.equal(missingPermission(undefined), undefined);
});

test('a 401 from the console’s sign-in gate says the session ended, not that the kubeconfig is wrong', () => {
  const gate: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'your session has ended; sign in again',
    reason: 'Unauthorized',
    code: 401,
    details: { causes: [{ reason: 'SessionExpired', message: 'your session has ended; sign in again' }] },
  };
  const s = statusSentence(gate, translator('en'), 'demo');
  assert.equal(s.what, 'Your session has ended: nothing was sent to the cluster.');
  assert.match(s.todo, /what you typed is kept/);
  const cluster = statusSentence({ ...gate, details: undefined, message: 'Unauthorized' }, translator('en'), 'demo');
  assert.match(cluster.what, /did not accept the credentials of context demo/);
});
