import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectApiPath } from './objectPath.ts';

test('a deployment is edited at its apps/v1 path and a pod at its core v1 path', () => {
  assert.equal(objectApiPath('deployments', 'shop', 'frontend'), '/apis/apps/v1/namespaces/shop/deployments/frontend');
  assert.equal(objectApiPath('statefulsets', 'shop', 'postgres'), '/apis/apps/v1/namespaces/shop/statefulsets/postgres');
  assert.equal(objectApiPath('pods', 'shop', 'web-1'), '/api/v1/namespaces/shop/pods/web-1');
});
