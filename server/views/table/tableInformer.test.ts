import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../../clusters/demo.ts';
import { createLogger, silentLogger } from '../../log.ts';
import { eventually } from '../../testing/eventually.ts';
import { startDemoCluster, type DemoCluster } from '../../sim/index.ts';
import { cuttableRelay } from '../../testing/cuttableRelay.ts';
import type { ApiResource } from '../cache/apiResource.ts';
import { defaultTiming, Informer, type InformerEvent } from '../cache/informer.ts';
import { isTableRow, type TableRowObject } from '../cache/informerFormat.ts';

// The generic list's informer: lists (paged) and watches a resource as the API server's Table.

let cluster: DemoCluster;
let relay: Awaited<ReturnType<typeof cuttableRelay>>;
const CONFIGMAPS: ApiResource = { group: '', version: 'v1', plural: 'configmaps', namespaced: true, as: 'Table' };
const timing = { ...defaultTiming, pageSize: 2, backoffMs: () => 50 };

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20, seed: false, controllers: false });
  relay = await cuttableRelay(cluster.url);
  for (const ns of ['table-a', 'table-b']) await send('POST', '/api/v1/namespaces', { metadata: { name: ns } });
  // Five objects at two per page: the list takes three pages.
  for (const [ns, name] of [['table-a', 'one'], ['table-a', 'two'], ['table-a', 'three'], ['table-b', 'four'], ['table-b', 'five']]) {
    await send('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name }, data: { k: 'v' } });
  }
});

after(async () => {
  await relay.close();
  await cluster.close();
});

async function send(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<void> {
  const res = await fetch(cluster.url + path, { method, headers: { 'Content-Type': contentType }, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.text()}`);
}

function row(informer: Informer, key: string): TableRowObject | undefined {
  const o = informer.cache.get(key);
  return o && isTableRow(o) ? o : undefined;
}

async function started(resource: ApiResource, log = silentLogger, cfg = timing): Promise<{ informer: Informer; events: InformerEvent[] }> {
  const informer = new Informer(demoContext(relay.url), resource, log, cfg);
  const events: InformerEvent[] = [];
  informer.on((e) => events.push(e));
  informer.start();
  try {
    await eventually(() => informer.synced, 'the first list');
  } catch (err) {
    informer.stop();
    throw err;
  }
  return { informer, events };
}

test('a paged Table list fills the cache with kubectl cells keyed by namespace/name, and the columns are kept', async () => {
  const { informer } = await started(CONFIGMAPS);
  try {
    assert.deepEqual([...informer.cache.values()].map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort(), ['table-a/one', 'table-a/three', 'table-a/two', 'table-b/five', 'table-b/four']);
    assert.deepEqual(row(informer, 'table-a/one')?.cells.slice(0, 2), ['one', 1]);
    assert.ok(row(informer, 'table-a/one')?.metadata.uid, 'the row keeps its object metadata');
    assert.deepEqual(informer.format.columns?.map((c) => [c.name, c.priority]), [['Name', 0], ['Data', 0], ['Age', 0]]);
  } finally {
    informer.stop();
  }
});

test('watched changes arrive as rows: a new object, a changed cell, a deletion', async () => {
  const { informer, events } = await started(CONFIGMAPS);
  try {
    await send('POST', '/api/v1/namespaces/table-b/configmaps', { metadata: { name: 'six' }, data: { a: '1', b: '2', c: '3' } });
    await eventually(() => row(informer, 'table-b/six')?.cells[1] === 3, 'the new row with 3 data keys');
    await send('PATCH', '/api/v1/namespaces/table-a/configmaps/one', { data: { k: 'v', extra: 'x' } }, 'application/merge-patch+json');
    await eventually(() => row(informer, 'table-a/one')?.cells[1] === 2, 'the Data cell going to 2');
    await send('DELETE', '/api/v1/namespaces/table-b/configmaps/six');
    await eventually(() => !informer.cache.get('table-b/six'), 'the deleted row gone');
    assert.ok(events.some((e) => e.type === 'change' && e.deleted && e.key === 'table-b/six'));
    // Later watch events carry no columns; the list's stay.
    assert.equal(informer.format.columns?.length, 3);
  } finally {
    informer.stop();
  }
});

test('after the history it would resume from is compacted, the Table informer relists and misses nothing', async () => {
  const logged: string[] = [];
  const { informer } = await started(CONFIGMAPS, createLogger({ level: 'debug', write: (line) => logged.push(line) }));
  try {
    await send('PATCH', '/api/v1/namespaces/table-a/configmaps/two', { data: { k: 'v', seen: 'live' } }, 'application/merge-patch+json');
    await eventually(() => row(informer, 'table-a/two')?.cells[1] === 2, 'a change seen live: the watch is open');
    // Cut the watch, change things while it is down and forget the history, in one tick.
    relay.cut();
    cluster.store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'while-away', namespace: 'table-a', uid: 'uid-while-away', creationTimestamp: new Date().toISOString() }, data: {} });
    cluster.store.compact();
    await eventually(() => row(informer, 'table-a/while-away'), 'the row created while the watch was down');
    assert.ok(logged.some((l) => l.includes('watch expired, relisting')), logged.join('\n'));
  } finally {
    informer.stop();
  }
});

test('a cluster-scoped resource of a named group is keyed by name alone', async () => {
  await send('POST', '/apis/storage.k8s.io/v1/storageclasses', { metadata: { name: 'table-fast' }, provisioner: 'example.com/fast' });
  const { informer } = await started({ group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses', namespaced: false, as: 'Table' });
  try {
    assert.equal(row(informer, 'table-fast')?.cells[0], 'table-fast');
    assert.equal(informer.format.columns?.[0].name, 'Name');
  } finally {
    informer.stop();
  }
});

test('the first list asks for resourceVersion=0 and gets everything at once from the watch cache; a relist after 410 Gone asks for the latest state, in pages', async () => {
  relay.requests.length = 0;
  const { informer } = await started(CONFIGMAPS);
  try {
    const lists = () => relay.requests.filter((r) => r.startsWith('GET /api/v1/configmaps?') && !r.includes('watch=true'));
    const first = lists();
    assert.equal(first.length, 1, first.join('\n'));
    assert.match(first[0], /[?&]resourceVersion=0(&|$)/);
    assert.ok(informer.cache.size >= 5);

    // Cut the watch, change things while it is down and forget the history, in one tick: the
    // rewatch gets 410 Gone.
    relay.requests.length = 0;
    relay.cut();
    cluster.store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'while-relisting', namespace: 'table-b', uid: 'uid-while-relisting', creationTimestamp: new Date().toISOString() }, data: {} });
    cluster.store.compact();
    await eventually(() => row(informer, 'table-b/while-relisting'), 'the relisted row');
    await eventually(() => lists().length >= 3, 'a relist in pages of two');
    assert.ok(lists().every((r) => !/resourceVersion=/.test(r)), lists().join('\n'));
    assert.ok(lists().slice(1).every((r) => r.includes('continue=')));
  } finally {
    informer.stop();
  }
});
