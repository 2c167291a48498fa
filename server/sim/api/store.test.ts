import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceRegistry, servedResources } from './resources.ts';
import { Store } from './store.ts';

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: {} });

test('a listener that throws is logged and kept; the write stands and the other listeners still hear of it', () => {
  const logged = mock.method(console, 'error', () => {});
  try {
    const store = new Store(new ResourceRegistry(servedResources(32)));
    const heard: string[] = [];
    store.subscribe(() => {
      throw new Error('controller bug');
    }, 'configmaps');
    store.subscribe((e) => heard.push(`${e.type} ${e.object.metadata.name}`), 'configmaps');
    store.create('configmaps', configMap('settings'));
    assert.ok(store.get('configmaps', 'default', 'settings'), 'the write is committed');
    assert.deepEqual(heard, ['ADDED settings']);
    assert.deepEqual(
      store.listenerFailures.map((f) => [f.event.type, f.event.object.metadata.name, (f.error as Error).message]),
      [['ADDED', 'settings', 'controller bug']],
    );
    assert.equal(logged.mock.callCount(), 1, 'production keeps logging it');
  } finally {
    logged.mock.restore();
  }
});

test('the store keeps only the latest 100 listener failures', () => {
  const logged = mock.method(console, 'error', () => {});
  try {
    const store = new Store(new ResourceRegistry(servedResources(32)));
    store.subscribe((e) => {
      throw new Error(`failed on ${e.object.metadata.name}`);
    }, 'configmaps');
    for (let i = 0; i < 150; i++) store.create('configmaps', configMap(`cm-${i}`));
    assert.equal(store.listenerFailures.length, 100);
    assert.equal((store.listenerFailures[0].error as Error).message, 'failed on cm-50');
  } finally {
    logged.mock.restore();
  }
});
