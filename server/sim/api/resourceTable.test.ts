import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { compareKeys, ResourceTable } from './resourceTable.ts';

const pod = (namespace: string, name: string, node?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name }, spec: { nodeName: node } });
const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;
const names = (os: readonly KubeObject[]) => os.map(key);

test('lists stay in namespace/name order through thousands of creates, updates and deletes', () => {
  const table = new ResourceTable();
  const live = new Map<string, KubeObject>();
  table.list(); // build the sorted views first, so every write has to keep them sorted
  table.list('ns-1');
  let seed = 7;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let i = 0; i < 3000; i++) {
    const o = pod(`ns-${rand(3)}`, `p-${rand(400)}`, `node-${rand(5)}`);
    if (rand(4) === 0) {
      table.delete(key(o));
      live.delete(key(o));
    } else {
      table.set(key(o), o);
      live.set(key(o), o);
    }
  }
  const expected = [...live.values()].sort(compareKeys);
  assert.deepEqual(names(table.list()), names(expected));
  assert.deepEqual(names(table.list('ns-1')), names(expected.filter((o) => o.metadata.namespace === 'ns-1')));
  assert.ok(table.list().every((o, i) => o === expected[i]), 'the views hold the latest version of each object');
  assert.equal(table.size, live.size);
});

test('an index follows an object when its indexed field changes, and forgets it on delete', () => {
  const table = new ResourceTable();
  table.set('a/one', pod('a', 'one', 'node-1'));
  table.addIndex('node', (o) => o.spec?.nodeName);
  table.set('a/two', pod('a', 'two', 'node-1'));
  assert.deepEqual(names(table.lookup('node', 'node-1')), ['a/one', 'a/two']);

  table.set('a/one', pod('a', 'one', 'node-2'));
  assert.deepEqual(names(table.lookup('node', 'node-1')), ['a/two']);
  assert.deepEqual(names(table.lookup('node', 'node-2')), ['a/one']);

  table.delete('a/two');
  assert.deepEqual(table.lookup('node', 'node-1'), []);
  table.set('b/three', pod('b', 'three', undefined));
  assert.deepEqual(names(table.lookup('node', 'node-2')), ['a/one']);
});

test('a list is a snapshot: writing while iterating it does not change it', () => {
  const table = new ResourceTable();
  table.set('a/x', pod('a', 'x'));
  const listed = table.list();
  table.set('a/y', pod('a', 'y'));
  table.delete('a/x');
  assert.deepEqual(names(listed), ['a/x']);
  assert.deepEqual(names(table.list('a')), ['a/y']);
});
