import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { ObjectCache } from './objectCache.ts';

const obj = (namespace: string | undefined, name: string, rv: string): KubeObject => ({ metadata: { namespace, name, resourceVersion: rv } });

test('the cache reports a change only when the resourceVersion moved', () => {
  const cache = new ObjectCache();
  assert.equal(cache.upsert(obj('shop', 'a', '1')), true);
  assert.equal(cache.upsert(obj('shop', 'a', '1')), false);
  assert.equal(cache.upsert(obj('shop', 'a', '2')), true);
  assert.equal(cache.get('shop/a')?.metadata.resourceVersion, '2');
  assert.equal(cache.size, 1);
});

test('a namespace-filtered read visits only those namespaces, and deletes leave no trace', () => {
  const cache = new ObjectCache();
  cache.replace([obj('shop', 'a', '1'), obj('shop', 'b', '2'), obj('batch', 'c', '3'), obj('default', 'd', '4')]);
  const names = (nss: string[]) => [...cache.inNamespaces(nss)].map((o) => o.metadata.name).sort();
  assert.deepEqual(names(['shop', 'batch']), ['a', 'b', 'c']);
  assert.deepEqual(names([]), ['a', 'b', 'c', 'd']);
  assert.equal(cache.remove(obj('shop', 'a', '5')), true);
  assert.equal(cache.remove(obj('shop', 'a', '5')), false);
  assert.deepEqual(names(['shop']), ['b']);
  cache.upsert(obj('shop', 'a', '6'));
  assert.deepEqual(names(['shop']), ['a', 'b']);
});

test('cluster-scoped objects are keyed by name alone', () => {
  const cache = new ObjectCache();
  cache.upsert(obj(undefined, 'kube-system', '1'));
  assert.ok(cache.get('kube-system'));
  assert.deepEqual([...cache.inNamespaces([])].length, 1);
});

test('a relist replaces everything that was there', () => {
  const cache = new ObjectCache();
  cache.replace([obj('shop', 'a', '1'), obj('shop', 'b', '2')]);
  cache.replace([obj('shop', 'c', '3')]);
  assert.deepEqual([...cache.inNamespaces(['shop'])].map((o) => o.metadata.name), ['c']);
  assert.equal(cache.get('shop/a'), undefined);
});
