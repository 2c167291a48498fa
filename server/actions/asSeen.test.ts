import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube/object.ts';
import { changedSince } from './asSeen.ts';

const current = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', uid: 'u-1', generation: 4, resourceVersion: '900' } } as KubeObject;

test('a status change since the page loaded does not make it stale', () => {
  assert.equal(changedSince(current, { uid: 'u-1', generation: 4, resourceVersion: '850' }), undefined);
});

test('a new spec does, and the message has both generations', () => {
  assert.equal(changedSince(current, { uid: 'u-1', generation: 3 }), 'the spec of web changed since you loaded it (generation 3 → 4)');
});

test('an object deleted and created again under the same name is not the one seen', () => {
  assert.match(changedSince(current, { uid: 'u-0', generation: 4 }) ?? '', /^web was deleted and created again since you loaded it/);
});

test('a pod (no generation) is checked by uid only', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', uid: 'p-1', resourceVersion: '77' } } as KubeObject;
  assert.equal(changedSince(pod, { uid: 'p-1', resourceVersion: '12' }), undefined);
});

test('a caller that sends only a resourceVersion gets the strict check it asked for', () => {
  assert.match(changedSince(current, { resourceVersion: '850' }) ?? '', /changed since you loaded it \(resourceVersion 850 → 900\)/);
  assert.equal(changedSince(current, { resourceVersion: '900' }), undefined);
  assert.equal(changedSince(current, {}), undefined);
});
