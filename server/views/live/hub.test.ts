import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { demoContext } from '../../clusters/demo.ts';
import { createRegistry, type ClusterRegistry } from '../../clusters/types.ts';
import { createLogger, silentLogger, type Logger } from '../../log.ts';
import type { KubeObject } from '../../kube/object.ts';
import { eventually } from '../../testing/eventually.ts';
import { startDemoCluster, type DemoCluster } from '../../sim/index.ts';
import { cuttableRelay } from '../../testing/cuttableRelay.ts';
import { contextAt, startSilentUpstream } from '../../testing/testUpstream.ts';
import type { NamespaceRow } from '../namespaces/namespaceRow.ts';
import type { PodRow } from '../pods/podRow.ts';
import { createLiveHub, type LiveHub } from './hub.ts';
import type { ClientMessage, DeltaMessage, ErrorMessage, ServerMessage, SnapshotMessage } from './protocol.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A browser tab's end of /api/live: messages queue up until the test takes the one it expects. */
class LiveClient {
  private readonly queue: ServerMessage[] = [];
  private wake: (() => void) | undefined;
  closeCode: number | undefined;
  private readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.queue.push(JSON.parse(data.toString()) as ServerMessage);
      this.wake?.();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve((this.closeCode = code))));
  }

  static async connect(url: string, opts: { autoPong?: boolean } = {}): Promise<LiveClient> {
    const ws = new WebSocket(url, opts);
    const client = new LiveClient(ws);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return client;
  }

  /** Everything queued so far, emptying the queue. */
  drain(): ServerMessage[] {
    return this.queue.splice(0);
  }

  send(msg: ClientMessage): void {
    this.ws.send(JSON.stringify(msg));
  }

  /** The first queued (or next arriving) message that matches, removed from the queue. */
  async take<M extends ServerMessage>(match: (m: ServerMessage) => boolean, what: string, timeoutMs = 8000): Promise<M> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.queue.findIndex(match);
      if (i >= 0) return this.queue.splice(i, 1)[0] as M;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; queued: ${JSON.stringify(this.queue.map((m) => m.type))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  snapshot<R extends PodRow | NamespaceRow>(id: string): Promise<SnapshotMessage<R>> {
    return this.take((m) => m.type === 'snapshot' && m.id === id, `snapshot ${id}`);
  }

  delta(id: string, match: (d: DeltaMessage<PodRow>) => boolean, what: string): Promise<DeltaMessage<PodRow>> {
    return this.take((m) => m.type === 'delta' && m.id === id && match(m as DeltaMessage<PodRow>), what);
  }

  close(): Promise<number> {
    this.ws.close();
    return this.closed;
  }

  whenClosed(): Promise<number> {
    return this.closed;
  }
}

/** A BFF stand-in: an HTTP server that routes every upgrade to the hub, as H5a's app does for /api/live. */
async function startHub(
  clusters: ClusterRegistry,
  log: Logger = silentLogger,
  opts: { pingMs?: number; watchTimeoutSeconds?: number } = {},
): Promise<{ hub: LiveHub; url: string; stop(): Promise<void> }> {
  const timing = { backoffMs: () => 100, ...(opts.watchTimeoutSeconds ? { watchTimeoutSeconds: () => opts.watchTimeoutSeconds ?? 0 } : {}) };
  const hub = createLiveHub(clusters, log, { graceMs: 1000, pingMs: opts.pingMs, timing });
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/live`;
  return {
    hub,
    url,
    async stop() {
      await hub.close(1001);
      await new Promise((r) => server.close(r));
    },
  };
}

let cluster: DemoCluster;
let relay: Awaited<ReturnType<typeof cuttableRelay>>;
let clusters: ClusterRegistry;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20 });
  relay = await cuttableRelay(cluster.url);
  clusters = createRegistry([demoContext(relay.url)], 'demo');
  // Namespaces of our own, so these tests do not depend on what the seed or its controllers do.
  for (const name of ['live-a', 'live-b']) {
    const res = await fetch(`${cluster.url}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
    });
    assert.equal(res.status, 201, await res.text());
  }
  await createPod('live-a', 'resident');
  await createPod('live-b', 'neighbour');
});

after(async () => {
  await relay.close();
  await cluster.close();
});

function postPod(namespace: string, name: string, query = ''): Promise<Response> {
  return fetch(`${cluster.url}/api/v1/namespaces/${namespace}/pods${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { test: 'live' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } }),
  });
}

async function createPod(namespace: string, name: string): Promise<void> {
  const res = await postPod(namespace, name);
  assert.equal(res.status, 201, await res.text());
}

/** The pod as the API server would store it (defaulted and validated), without storing it. */
async function admittedPod(namespace: string, name: string): Promise<KubeObject> {
  const res = await postPod(namespace, name, '?dryRun=All');
  assert.equal(res.status, 201);
  return (await res.json()) as KubeObject;
}

async function labelPod(namespace: string, name: string, labels: Record<string, string>): Promise<void> {
  const res = await fetch(`${cluster.url}/api/v1/namespaces/${namespace}/pods/${name}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ metadata: { labels } }),
  });
  assert.equal(res.status, 200, await res.text());
}

async function deletePod(namespace: string, name: string): Promise<void> {
  const res = await fetch(`${cluster.url}/api/v1/namespaces/${namespace}/pods/${name}?gracePeriodSeconds=0`, { method: 'DELETE' });
  assert.equal(res.status, 200, await res.text());
}

test('a new tab is greeted, answers pings, and sees the seeded namespaces', async () => {
  const { url, stop } = await startHub(clusters);
  const tab = await LiveClient.connect(url);
  const hello = await tab.take((m) => m.type === 'hello', 'hello');
  assert.ok((hello as { server: string }).server);
  tab.send({ type: 'ping', t: 42 });
  assert.deepEqual(await tab.take((m) => m.type === 'pong', 'pong'), { type: 'pong', t: 42 });

  tab.send({ type: 'subscribe', id: 'ns', view: 'namespaces', context: 'demo' });
  const snap = await tab.snapshot<NamespaceRow>('ns');
  const names = snap.rows.map((r) => r.name);
  for (const seeded of ['shop', 'batch', 'storage-demo', 'default', 'kube-system']) assert.ok(names.includes(seeded), `${seeded} in ${names}`);
  const shop = snap.rows.find((r) => r.name === 'shop');
  assert.equal(shop?.phase, 'Active');
  assert.equal(shop?.key, 'shop');
  await tab.close();
  await stop();
});

test('a pod created in a watched namespace arrives as an upsert, changes as one, and leaves as a remove; other namespaces stay out', async () => {
  const { url, stop } = await startHub(clusters);
  const tab = await LiveClient.connect(url);
  tab.send({ type: 'subscribe', id: 'pods', view: 'pods', context: 'demo', namespaces: ['live-a'] });
  const snap = await tab.snapshot<PodRow>('pods');
  assert.deepEqual(snap.rows.map((r) => r.key), ['live-a/resident']);

  await createPod('live-b', 'not-watched');
  await createPod('live-a', 'live-probe');
  // Created, then bound by the scheduler and run by the kubelet: whichever deltas carry it
  // (a fast kubelet lands inside one batching window), the pod ends up Running on a node.
  const running = await tab.delta('pods', (d) => d.upserts.some((r) => r.key === 'live-a/live-probe' && r.status === 'Running' && !!r.node), 'live-probe running on a node');
  const row = running.upserts.find((r) => r.key === 'live-a/live-probe');
  assert.equal(row?.name, 'live-probe');
  assert.equal(row?.ready, '1/1');
  assert.deepEqual(row?.labels, { test: 'live' });

  await labelPod('live-a', 'live-probe', { test: 'live', tier: 'web' });
  await tab.delta('pods', (d) => d.upserts.some((r) => r.key === 'live-a/live-probe' && r.labels.tier === 'web'), 'relabelled live-probe');

  await deletePod('live-a', 'live-probe');
  await tab.delta('pods', (d) => d.removes.includes('live-a/live-probe'), 'remove of live-a/live-probe');
  await deletePod('live-b', 'not-watched');
  const leaked = await tab
    .take((m) => m.type === 'delta' && JSON.stringify(m).includes('not-watched'), 'nothing from live-b', 400)
    .then(
      () => true,
      () => false,
    );
  assert.equal(leaked, false, 'a pod of an unwatched namespace never reaches the tab');
  await tab.close();
  await stop();
});

test('after the API server compacts its history and the watch drops, the cache relists and the list stays right', async () => {
  const logged: string[] = [];
  const { url, stop } = await startHub(clusters, createLogger({ level: 'debug', write: (line) => logged.push(line) }));
  const tab = await LiveClient.connect(url);
  tab.send({ type: 'subscribe', id: 'pods', view: 'pods', context: 'demo', namespaces: ['live-a'] });
  await tab.snapshot<PodRow>('pods');
  // A change seen live proves the watch is open before it is cut.
  await labelPod('live-a', 'resident', { test: 'live', seen: 'before-cut' });
  await tab.delta('pods', (d) => d.upserts.some((r) => r.labels.seen === 'before-cut'), 'relabel before the cut');

  // Drop the watch, change things while it is down, and forget the history it would resume from,
  // all in one tick: the informer cannot resume before the compaction. The pods are admitted
  // first with a dry run, so they are stored exactly as a create would store them.
  const made = await admittedPod('live-a', 'made-while-away');
  const elsewhere = await admittedPod('live-b', 'elsewhere-while-away');
  relay.cut();
  cluster.store.create('pods', made);
  cluster.store.create('pods', elsewhere);
  cluster.store.compact();

  const resent = await tab.snapshot<PodRow>('pods');
  assert.deepEqual(resent.rows.map((r) => r.key).sort(), ['live-a/made-while-away', 'live-a/resident'], 'the relist brought the pod created during the outage, and only this namespace');
  assert.ok(logged.some((l) => l.includes('watch expired, relisting') && l.includes('too old resource version')), 'the resume got 410 Gone');

  // And the new watch is live again.
  await deletePod('live-a', 'made-while-away');
  await tab.delta('pods', (d) => d.removes.includes('live-a/made-while-away'), 'remove after relist');
  await deletePod('live-b', 'elsewhere-while-away');
  await tab.close();
  await stop();
});

test('watches that time out resume from the last resourceVersion without a relist', async () => {
  const logged: string[] = [];
  const { url, stop } = await startHub(clusters, createLogger({ level: 'debug', write: (line) => logged.push(line) }), { watchTimeoutSeconds: 1 });
  const tab = await LiveClient.connect(url);
  tab.send({ type: 'subscribe', id: 'p', view: 'pods', context: 'demo', namespaces: ['live-a'] });
  await tab.snapshot('p');
  const resumed = () => logged.filter((l) => l.includes('watch ended, resuming')).length;
  await eventually(() => resumed() >= 2, 'two server-side watch timeouts', 15_000);
  await labelPod('live-a', 'resident', { test: 'live', seen: 'after-timeouts' });
  await tab.delta('p', (d) => d.upserts.some((r) => r.labels.seen === 'after-timeouts'), 'change after the watch timed out twice');
  assert.equal(tab.drain().filter((m) => m.type === 'snapshot').length, 0, 'no second snapshot: nothing was relisted');
  assert.ok(!logged.some((l) => l.includes('relisting') || l.includes('failed')), logged.join('\n'));
  await tab.close();
  await stop();
});

test('a burst of 1,000 pod changes reaches the tab in a handful of messages', async () => {
  const { url, stop } = await startHub(clusters);
  const names = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
  for (const name of names) await createPod('live-b', name);
  const tab = await LiveClient.connect(url);
  tab.send({ type: 'subscribe', id: 'b', view: 'pods', context: 'demo', namespaces: ['live-b'] });
  await tab.snapshot('b');
  await sleep(1000); // let the scheduler and kubelet settle the new pods
  tab.drain();

  for (let round = 1; round <= 50; round++) {
    for (const name of names) cluster.store.mutate('pods', 'live-b', name, (p) => void (p.metadata.labels = { ...p.metadata.labels, round: String(round) }));
  }
  // Wait for the last change to arrive (the watch may trickle in on a busy machine), then count messages.
  const deltas: DeltaMessage<PodRow>[] = [];
  const latest = new Map<string, string>();
  for (let waited = 0; [...latest.values()].filter((v) => v === '50').length < names.length && waited < 20_000; waited += 100) {
    await sleep(100);
    for (const d of tab.drain()) {
      if (d.type !== 'delta') continue;
      deltas.push(d as DeltaMessage<PodRow>);
      for (const r of (d as DeltaMessage<PodRow>).upserts) latest.set(r.key, r.labels.round);
    }
  }
  assert.deepEqual([...latest.values()], names.map(() => '50'), 'every pod ends at its last change');
  // Batched every 100 ms: a quiet machine needs 1–2 messages, a slow one more; never one per change.
  assert.ok(deltas.length >= 1 && deltas.length < 100, `${deltas.length} delta messages for 1,000 changes`);

  for (const name of names) await deletePod('live-b', name);
  await tab.close();
  await stop();
});

test('two tabs watching pods share one informer, released a grace period after both leave', async () => {
  const { hub, url, stop } = await startHub(clusters);
  const a = await LiveClient.connect(url);
  const b = await LiveClient.connect(url);
  a.send({ type: 'subscribe', id: '1', view: 'pods', context: 'demo', namespaces: ['live-a'] });
  b.send({ type: 'subscribe', id: '1', view: 'pods', context: 'demo' });
  await a.snapshot('1');
  const all = await b.snapshot<PodRow>('1');
  const keys = all.rows.map((r) => r.key);
  assert.ok(keys.includes('live-a/resident') && keys.includes('live-b/neighbour'), 'no namespace filter: every namespace');
  assert.deepEqual(hub.stats(), { sockets: 2, informers: 1, subscriptions: 2, warming: 0 });

  await a.close();
  await b.close();
  await eventually(() => hub.stats().sockets === 0, 'both sockets closed');
  assert.equal(hub.stats().informers, 1, 'kept warm during the grace period');
  await eventually(() => hub.stats().informers === 0, 'informer stopped after the grace period');
  await stop();
});

test('an unknown view or context and an unreachable cluster are answered with Kubernetes Status errors', async () => {
  const closedPort = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
  const registry = createRegistry([demoContext(relay.url), demoContext(`http://127.0.0.1:${closedPort}`, 'gone')], 'demo');
  const { url, stop } = await startHub(registry);
  const tab = await LiveClient.connect(url);
  const errorOf = (id: string) => tab.take<ErrorMessage>((m) => m.type === 'error' && m.id === id, `error ${id}`);

  tab.send({ type: 'subscribe', id: 'v', view: 'secrets-of-everyone', context: 'demo' });
  const noView = await errorOf('v');
  assert.equal(noView.status.code, 404);
  assert.match(noView.status.message, /view "secrets-of-everyone" not found/);

  tab.send({ type: 'subscribe', id: 'c', view: 'pods', context: 'nowhere' });
  assert.equal((await errorOf('c')).status.code, 404);

  tab.send({ type: 'subscribe', id: 'g', view: 'pods', context: 'gone' });
  const down = await errorOf('g');
  assert.equal(down.status.code, 503);
  assert.match(down.status.message, /cluster "gone" is unreachable: .*ECONNREFUSED/);

  tab.ws.send('{"type":"subscribe"');
  const bad = await tab.take<ErrorMessage>((m) => m.type === 'error' && m.id === undefined, 'socket-level error');
  assert.equal(bad.status.code, 400);
  await tab.close();
  await stop();
});

test('a cluster that accepts the connection and never answers reports a 504 to the tab instead of leaving the list loading forever', async () => {
  const silent = await startSilentUpstream();
  const { url, stop } = await startHub(createRegistry([contextAt(silent.url, 'hung', { connectMs: 1_000, firstByteMs: 300 })], 'hung'));
  const tab = await LiveClient.connect(url);
  try {
    tab.send({ type: 'subscribe', id: 'p', view: 'pods', context: 'hung' });
    const err = await tab.take<ErrorMessage>((m) => m.type === 'error' && m.id === 'p', 'a timeout error');
    assert.equal(err.status.code, 504);
    assert.equal(err.status.reason, 'Timeout');
    assert.match(err.status.message, /^cluster "hung" sent no answer to GET \/api\/v1\/pods within 0\.3 s$/);
  } finally {
    await tab.close();
    await stop();
    await silent.close();
  }
});

test('the server pings every tab and drops one that stopped answering, keeping the live ones', async () => {
  const { hub, url, stop } = await startHub(clusters, silentLogger, { pingMs: 400 });
  const healthy = await LiveClient.connect(url);
  const frozen = await LiveClient.connect(url, { autoPong: false });
  frozen.send({ type: 'subscribe', id: 'ns', view: 'namespaces', context: 'demo' });
  // The subscription registers within a ping interval (a snapshot may take longer on a busy machine).
  for (let waited = 0; hub.stats().subscriptions !== 1; waited += 10) {
    assert.ok(waited < 2000 && frozen.closeCode === undefined, 'the frozen tab subscribed before it was dropped');
    await sleep(10);
  }
  assert.equal(await frozen.whenClosed(), 1006, 'terminated without a close handshake');
  await sleep(1000);
  assert.equal(healthy.closeCode, undefined, 'a tab that pongs stays');
  assert.equal(hub.stats().sockets, 1);
  assert.equal(hub.stats().subscriptions, 0, 'the dropped tab left no subscription behind');
  await healthy.close();
  await stop();
});

test('shutting the hub down closes every tab with 1001 and stops its informers', async () => {
  const { hub, url, stop } = await startHub(clusters);
  const a = await LiveClient.connect(url);
  const b = await LiveClient.connect(url);
  a.send({ type: 'subscribe', id: 'ns', view: 'namespaces', context: 'demo' });
  await a.snapshot('ns');
  await stop();
  assert.equal(await a.whenClosed(), 1001);
  assert.equal(await b.whenClosed(), 1001);
  assert.deepEqual(hub.stats(), { sockets: 0, informers: 0, subscriptions: 0, warming: 0 });
});
