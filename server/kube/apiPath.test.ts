import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapesItsPath, InvalidPathSegment, pathSegment, resourcePath } from './apiPath.ts';

const DEPLOYMENTS = { group: 'apps', version: 'v1', plural: 'deployments' };
const PODS = { group: '', version: 'v1', plural: 'pods' };

test('every shape of API path comes from one function', () => {
  assert.equal(resourcePath(PODS), '/api/v1/pods');
  assert.equal(resourcePath(PODS, { namespace: 'shop' }), '/api/v1/namespaces/shop/pods');
  assert.equal(resourcePath(DEPLOYMENTS, { namespace: 'shop', name: 'web', subresource: 'scale' }), '/apis/apps/v1/namespaces/shop/deployments/web/scale');
  assert.equal(resourcePath({ group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses' }, { name: 'fast' }), '/apis/storage.k8s.io/v1/storageclasses/fast');
});

test('a pod named ".." is refused instead of becoming the namespace\'s URL', () => {
  for (const bad of ['..', '.', '', 'a/b', '%2e%2e', '50%']) {
    assert.throws(() => resourcePath(PODS, { namespace: 'victim', name: bad }), InvalidPathSegment, JSON.stringify(bad));
    assert.throws(() => resourcePath(PODS, { namespace: bad }), InvalidPathSegment, JSON.stringify(bad));
  }
});

test('other characters are percent-encoded, so they stay inside their segment', () => {
  assert.equal(pathSegment('a b?c#d'), 'a%20b%3Fc%23d');
});

test('the last check finds dot segments and hidden separators however they are encoded', () => {
  for (const path of ['/api/v1/namespaces/victim/pods/..', '/api/v1/namespaces/victim/pods/%2E%2e', '/api/v1/namespaces/victim/pods/%252e%252e', '/api/v1/./pods', '/api/v1/namespaces/a%2Fb/pods', '/api/v1/namespaces/a%5Cb', '/api/v1/namespaces/a%00', '/api/v1/%zz']) {
    assert.equal(escapesItsPath(path), true, path);
  }
  assert.equal(escapesItsPath('/api/v1/namespaces/shop/pods/web-0'), false);
  assert.equal(escapesItsPath('/api/v1/namespaces/shop/pods/a%20b'), false);
});
