import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectApiPath } from './objectPath.ts';

test('a deployment is edited at its apps/v1 path and a pod at its core v1 path', () => {
  assert.equal(objectApiPath('deployments', 'shop', 'frontend'), '/apis/apps/v1/namespaces/shop/deployments/frontend');
  assert.equal(objectApiPath('statefulsets', 'shop', 'postgres'), '/apis/apps/v1/namespaces/shop/statefulsets/postgres');
  assert.equal(objectApiPath('pods', 'shop', 'web-1'), '/api/v1/namespaces/shop/pods/web-1');
  assert.equal(objectApiPath('persistentvolumeclaims', 'shop', 'data'), '/api/v1/namespaces/shop/persistentvolumeclaims/data');
});

test('any discovered resource, namespaced or not, has its path; a name of ".." never becomes one', () => {
  assert.equal(objectApiPath({ group: 'networking.k8s.io', version: 'v1', plural: 'ingresses' }, 'shop', 'web'), '/apis/networking.k8s.io/v1/namespaces/shop/ingresses/web');
  assert.equal(objectApiPath({ group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses' }, undefined, 'standard'), '/apis/storage.k8s.io/v1/storageclasses/standard');
  assert.throws(() => objectApiPath('pods', 'shop', '..'), /cannot be used as a name/);
  assert.throws(() => objectApiPath('widgets', 'shop', 'x'), /no kind "widgets"/);
});
