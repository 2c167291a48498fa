import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoCluster, type DemoCluster } from '../index.ts';

// Watches asked for as a Table, as `kubectl get -w` and the console's generic list ask for them.

let cluster: DemoCluster;
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20, seed: false, controllers: false });
  await post('/api/v1/namespaces', { metadata: { name: 'shop' } });
  await post('/api/v1/namespaces/shop/configmaps', { metadata: { name: 'first', labels: { app: 'web' } }, data: { a: '1' } });
});
after(() => cluster.close());

async function post(path: string, body: unknown): Promise<void> {
  const res = await fetch(cluster.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.text());
}

interface TableEvent {
  type: string;
  object: { kind: string; apiVersion: string; metadata?: { resourceVersion?: string }; columnDefinitions: { name: string }[] | null; rows: { cells: unknown[]; object?: Record<string, any> }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- row objects vary with includeObject
}

/** Reads Table watch events until `until` holds, doing `act` once the stream is open. */
async function watchTable(query: string, until: (events: TableEvent[]) => boolean, act?: () => Promise<void>): Promise<TableEvent[]> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 10_000);
  const res = await fetch(`${cluster.url}/api/v1/namespaces/shop/configmaps?watch=1&${query}`, { headers: { Accept: TABLE }, signal: ctrl.signal });
  assert.equal(res.status, 200);
  const events: TableEvent[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    if (act) await act();
    while (!until(events)) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        events.push(JSON.parse(buf.slice(0, nl)) as TableEvent);
        buf = buf.slice(nl + 1);
      }
    }
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
  return events;
}

test('each watch event is a one-row Table; only the first carries the column definitions, as kube-apiserver sends them', async () => {
  const events = await watchTable('resourceVersion=0', (e) => e.length >= 2, () => post('/api/v1/namespaces/shop/configmaps', { metadata: { name: 'second' }, data: { b: '2', c: '3' } }));
  assert.deepEqual(events.map((e) => e.type), ['ADDED', 'ADDED']);
  const [first, second] = events.map((e) => e.object);
  assert.equal(first.kind, 'Table');
  assert.equal(first.apiVersion, 'meta.k8s.io/v1');
  assert.deepEqual(first.columnDefinitions!.map((c) => c.name), ['Name', 'Data', 'Age']);
  assert.equal(second.columnDefinitions, null);
  assert.equal(second.rows.length, 1);
  assert.equal(second.rows[0].cells[0], 'second');
  assert.equal(second.rows[0].cells[1], 2);
  // includeObject defaults to Metadata for Tables.
  assert.equal(second.rows[0].object?.kind, 'PartialObjectMetadata');
  assert.equal(second.rows[0].object?.metadata.name, 'second');
  assert.equal(second.rows[0].object?.data, undefined);
  assert.equal(second.metadata?.resourceVersion, second.rows[0].object?.metadata.resourceVersion);
});

test('includeObject=Object puts the whole object in each watched row, None nothing', async () => {
  const [whole] = await watchTable('resourceVersion=0&includeObject=Object', (e) => e.length >= 1);
  assert.equal(whole.object.rows[0].object?.kind, 'ConfigMap');
  assert.deepEqual(whole.object.rows[0].object?.data, { a: '1' });
  const [bare] = await watchTable('resourceVersion=0&includeObject=None', (e) => e.length >= 1);
  assert.equal(bare.object.rows[0].object, undefined);
  assert.equal(bare.object.rows[0].cells[0], 'first');
});

test('a Table watch from a compacted resourceVersion still ends with a 410 Status, not a Table', async () => {
  const events = await watchTable('resourceVersion=1', () => false);
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'ERROR');
  assert.equal(events[0].object.kind, 'Status');
  assert.equal((events[0].object as unknown as { code: number }).code, 410);
});
