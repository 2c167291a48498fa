import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiUrl, k8sUrl, liveSocketUrl, normaliseBase, routerBasename } from './urls.ts';

test('a console mounted under /console/ builds every URL under that path', () => {
  assert.equal(apiUrl('/contexts', '/console/'), '/console/api/contexts');
  assert.equal(k8sUrl('demo', '/api/v1/pods', '/console/'), '/console/k8s/demo/api/v1/pods');
  assert.equal(routerBasename('/console/'), '/console');
});

test('a console at the root uses plain paths', () => {
  assert.equal(apiUrl('contexts', '/'), '/api/contexts');
  assert.equal(routerBasename('/'), '/');
});

test('kubeconfig context names with slashes, colons and @ are encoded as one path segment', () => {
  const url = k8sUrl('arn:aws:eks:eu-west-1:1234:cluster/prod', 'api/v1/namespaces', '/');
  assert.equal(url, '/k8s/arn%3Aaws%3Aeks%3Aeu-west-1%3A1234%3Acluster%2Fprod/api/v1/namespaces');
  assert.equal(k8sUrl('admin@minikube', 'version', '/'), '/k8s/admin%40minikube/version');
});

test('the base meta is normalised whatever slashes the server writes', () => {
  assert.equal(normaliseBase('console'), '/console/');
  assert.equal(normaliseBase('/console'), '/console/');
  assert.equal(normaliseBase('//a/b//'), '/a/b/');
  assert.equal(normaliseBase(''), '/');
  assert.equal(normaliseBase(undefined), '/');
});

test('the live socket follows the page scheme: wss behind TLS', () => {
  assert.equal(liveSocketUrl({ protocol: 'https:', host: 'ops.example.com' }, '/console/'), 'wss://ops.example.com/console/api/live');
  assert.equal(liveSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, '/'), 'ws://127.0.0.1:8080/api/live');
});
