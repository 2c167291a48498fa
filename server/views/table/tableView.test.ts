import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { demoContext } from '../../clusters/demo.ts';
import { createRegistry } from '../../clusters/types.ts';
import { silentLogger } from '../../log.ts';
import { startDemoCluster, type DemoCluster } from '../../sim/index.ts';
import { createLiveHub, type LiveHub } from '../live/hub.ts';
import type { DeltaMessage, ErrorMessage, ServerMessage, SnapshotMessage } from '../live/protocol.ts';
import type { TableRow } from './tableView.ts';

// The `table` view over the live channel: any resource discovery lists, as its Table.

let cluster: DemoCluster;
let hub: LiveHub;
let server: Server;
let url: string;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20, seed: false, controllers: false });
  for (const ns of ['tv-a', 'tv-b']) await post('/api/v1/namespaces', { metadata: { name: ns } });
  await post('/api/v1/namespaces/tv-a/configmaps', { metadata: { name: 'settings' }, data: { a: '1' } });
  await post('/api/v1/namespaces/tv-b/configmaps', { metadata: { name: 'other' }, data: {} });
  hub = createLiveHub(createRegistry([demoContext(cluster.url)], 'demo'), silentLogger, { graceMs: 100, flushMs: 20 });
  server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/live`;
});

after(async () => {
  await hub.close();
  await new Promise((r) => server.close(r));
  await cluster.close();
});

async function post(path: string, body: unknown): Promise<void> {
  const res = await fetch(cluster.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.text());
}

/** A tab: sends one subscribe and collects messages until `until` finds the one it waits for. */
async function tab(): Promise<{ send(m: object): void; next<M extends ServerMessage>(match: (m: ServerMessage) => boolean): Promise<M>; close(): void }> {
  const ws = new WebSocket(url);
  const queue: ServerMessage[] = [];
  let wake = () => {};
  ws.on('message', (d) => {
    queue.push(JSON.parse(d.toString()) as ServerMessage);
    wake();
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    send: (m) => ws.send(JSON.stringify(m)),
    async next<M extends ServerMessage>(match: (m: ServerMessage) => boolean): Promise<M> {
      for (;;) {
        const i = queue.findIndex(match);
        if (i >= 0) return queue.splice(i, 1)[0] as M;
        await new Promise<void>((r) => (wake = r));
      }
    },
    close: () => ws.close(),
  };
}

test('a table subscription gets the rows of its namespaces, the columns once, then live cells', async () => {
  const t = await tab();
  try {
    t.send({ type: 'subscribe', id: 'cm', view: 'table', context: 'demo', namespaces: ['tv-a'], params: { group: '', version: 'v1', plural: 'configmaps' } });
    const snap = await t.next<SnapshotMessage<TableRow>>((m) => m.type === 'snapshot');
    assert.deepEqual(snap.columns?.map((c) => c.name), ['Name', 'Data', 'Age']);
    assert.deepEqual(snap.rows.map((r) => [r.key, r.namespace, r.name, r.cells[1]]), [['tv-a/settings', 'tv-a', 'settings', 1]]);
    assert.ok(snap.rows[0].creationTimestamp);
    await post('/api/v1/namespaces/tv-a/configmaps', { metadata: { name: 'added' }, data: { a: '1', b: '2' } });
    const delta = await t.next<DeltaMessage<TableRow>>((m) => m.type === 'delta' && (m as DeltaMessage<TableRow>).upserts.some((r) => r.key === 'tv-a/added'));
    assert.equal(delta.upserts.find((r) => r.key === 'tv-a/added')?.cells[1], 2);
    assert.equal((delta as unknown as { columns?: unknown }).columns, undefined);
  } finally {
    t.close();
  }
});

test('a resource the cluster does not serve, a wrong version or missing params end the subscription with a Status', async () => {
  const t = await tab();
  try {
    const cases: [string, Record<string, string>, number][] = [
      ['nope', { group: 'example.com', version: 'v1', plural: 'widgets' }, 404],
      ['version', { group: 'apps', version: 'v1beta2', plural: 'deployments' }, 404],
      ['params', { group: '' }, 400],
      // Served, but without list and watch: an informer cannot follow it.
      ['verbs', { group: 'authorization.k8s.io', version: 'v1', plural: 'selfsubjectaccessreviews' }, 405],
    ];
    for (const [id, params] of cases) t.send({ type: 'subscribe', id, view: 'table', context: 'demo', params });
    for (const [id, , code] of cases) {
      const err = await t.next<ErrorMessage>((m) => m.type === 'error' && m.id === id);
      assert.equal(err.status.code, code, `${id}: ${err.status.message}`);
    }
  } finally {
    t.close();
  }
});
