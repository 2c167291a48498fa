import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../kube/object.ts';
import type { InformerEvent } from './informer.ts';
import { MergedInformer } from './mergedInformer.ts';
import { keyOf, ObjectCache } from './objectCache.ts';

function part() {
  const listeners = new Set<(e: InformerEvent) => void>();
  const p = {
    cache: new ObjectCache(),
    synced: false,
    lastError: undefined,
    on(fn: (e: InformerEvent) => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    emit(e: InformerEvent) {
      for (const fn of listeners) fn(e);
    },
    list(objs: KubeObject[]) {
      p.cache.replace(objs);
      p.synced = true;
      p.emit({ type: 'synced' });
    },
  };
  return p;
}

const pod = (ns: string, name: string, rv = '1'): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace: ns, name, resourceVersion: rv } });

test('namespace informers read as one: synced when all are, changes of each pass through, a relist refills the union', () => {
  const a = part();
  const b = part();
  const merged = new MergedInformer({ group: '', version: 'v1', plural: 'pods', namespaced: true }, [a, b] as never);
  const heard: string[] = [];
  merged.on((e) => heard.push(e.type === 'change' ? `${e.deleted ? 'del' : 'put'} ${e.key}` : e.type));
  a.list([pod('team-a', 'web')]);
  assert.equal(merged.synced, false);
  assert.deepEqual(heard, [], 'synced is heard only when every namespace is listed');
  b.list([pod('team-b', 'db')]);
  assert.deepEqual(heard, ['synced']);
  assert.deepEqual([...merged.cache.values()].map(keyOf).sort(), ['team-a/web', 'team-b/db']);
  const changed = pod('team-b', 'db', '2');
  b.cache.upsert(changed);
  b.emit({ type: 'change', key: 'team-b/db', object: changed, deleted: false });
  assert.equal(merged.cache.get('team-b/db')?.metadata.resourceVersion, '2');
  b.cache.remove(changed);
  b.emit({ type: 'change', key: 'team-b/db', object: changed, deleted: true });
  assert.deepEqual([...merged.cache.inNamespaces(['team-b'])], []);
  a.list([pod('team-a', 'api')]);
  assert.deepEqual([...merged.cache.values()].map(keyOf), ['team-a/api']);
  assert.deepEqual(heard.slice(-3), ['put team-b/db', 'del team-b/db', 'synced']);
  merged.dispose();
  a.list([]);
  assert.equal(heard.length, 4, 'nothing is heard after dispose');
});
