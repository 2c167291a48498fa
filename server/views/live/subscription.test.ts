import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../log.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { InformerEvent } from '../cache/informer.ts';
import { keyOf, ObjectCache } from '../cache/objectCache.ts';
import { podsView, type PodRow } from '../pods/podRow.ts';
import type { DeltaMessage, FirstScreen, RestMessage, ServerMessage, SnapshotMessage } from './protocol.ts';
import { Subscription, type InformerSource } from './subscription.ts';

/** An informer fed by hand: the cache plus the events a real one would emit. */
function fakeInformer() {
  const listeners = new Set<(e: InformerEvent) => void>();
  const source: InformerSource & { emit(e: InformerEvent): void; put(o: KubeObject): void; drop(o: KubeObject): void } = {
    resource: podsView.resources[0],
    cache: new ObjectCache(),
    synced: false,
    lastError: undefined,
    on(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    emit(e) {
      for (const fn of listeners) fn(e);
    },
    put(o) {
      if (source.cache.upsert(o)) source.emit({ type: 'change', key: keyOf(o), object: o, deleted: false });
    },
    drop(o) {
      if (source.cache.remove(o)) source.emit({ type: 'change', key: keyOf(o), object: o, deleted: true });
    },
  };
  return source;
}

let rv = 1;
const pod = (namespace: string, name: string, phase = 'Running'): KubeObject => ({
  metadata: { namespace, name, resourceVersion: String(rv++) },
  spec: { containers: [{ name: 'c' }] },
  status: { phase },
});

/** The socket as a subscription sees it: what it was sent, and waits for what it will be. */
function recordingSink(congested: () => boolean) {
  const sent: ServerMessage[] = [];
  let congestionChecks = 0;
  const checks = new Set<() => void>();
  const changed = () => {
    for (const check of [...checks]) check();
  };
  return {
    sent,
    sink: {
      send(m: ServerMessage) {
        sent.push(m);
        changed();
      },
      congested() {
        congestionChecks++;
        changed();
        return congested();
      },
    },
    /** How often a flush has asked whether the socket is congested. */
    get congestionChecks() {
      return congestionChecks;
    },
    /** Resolves once `done` holds, checked whenever the subscription talks to the socket. */
    until(done: () => boolean, what: string, ms = 2000): Promise<void> {
      return new Promise((resolve, reject) => {
        const finish = () => {
          clearTimeout(timer);
          checks.delete(check);
        };
        const check = () => {
          if (!done()) return;
          finish();
          resolve();
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`timed out waiting for ${what}; sent ${JSON.stringify(sent.map((m) => m.type))}`));
        }, ms);
        checks.add(check);
        check();
      });
    },
  };
}

const deltasIn = (sent: ServerMessage[]) => sent.filter((m): m is DeltaMessage<PodRow> => m.type === 'delta');

function subscribe(informer: ReturnType<typeof fakeInformer>, namespaces: string[], opts: { congested?: () => boolean; firstScreen?: FirstScreen } = {}) {
  const socket = recordingSink(opts.congested ?? (() => false));
  const sub = new Subscription({ id: 's1', view: podsView, namespaces, params: {}, informers: [informer], firstScreen: opts.firstScreen }, socket.sink, 100, silentLogger);
  sub.start();
  return { sub, sent: socket.sent, socket };
}

test('a subscription gets a snapshot of its namespaces once the informer has listed', () => {
  const informer = fakeInformer();
  informer.cache.replace([pod('shop', 'a'), pod('shop', 'b'), pod('batch', 'c')]);
  const { sub, sent } = subscribe(informer, ['shop']);
  assert.equal(sent.length, 0, 'nothing before the list is complete');
  informer.synced = true;
  informer.emit({ type: 'synced' });
  assert.equal(sent.length, 1);
  const snap = sent[0] as SnapshotMessage<PodRow>;
  assert.equal(snap.type, 'snapshot');
  assert.deepEqual(snap.rows.map((r) => r.key).sort(), ['shop/a', 'shop/b']);
  sub.dispose();
});

test('100 rapid pod changes arrive as one delta message, not 100', (t) => {
  // The flush interval is the state under test, so the test moves time itself.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const informer = fakeInformer();
  informer.synced = true;
  const { sub, sent } = subscribe(informer, ['shop']);
  sent.length = 0;
  for (let i = 0; i < 100; i++) informer.put(pod('shop', `p${i % 40}`, i % 2 ? 'Running' : 'Pending'));
  informer.put(pod('batch', 'elsewhere'));
  t.mock.timers.tick(30);
  for (let i = 0; i < 10; i++) informer.put(pod('shop', `late${i}`));
  t.mock.timers.tick(69);
  assert.deepEqual(deltasIn(sent), [], 'nothing before the 100 ms flush interval');
  t.mock.timers.tick(1);
  const deltas = deltasIn(sent);
  assert.equal(deltas.length, 1);
  const keys = new Set(deltas[0].upserts.map((r) => r.key));
  assert.equal(keys.size, 50, 'each pod once per flush, other namespaces left out');
  assert.ok(!keys.has('batch/elsewhere'));
  sub.dispose();
});

test('a pod deleted after it was shown is removed; one created and deleted between flushes never shows', async () => {
  const informer = fakeInformer();
  const shown = pod('shop', 'shown');
  informer.cache.replace([shown]);
  informer.synced = true;
  const { sub, sent, socket } = subscribe(informer, []);
  const flash = pod('shop', 'flash');
  informer.put(flash);
  informer.drop(flash);
  informer.drop(shown);
  await socket.until(() => deltasIn(sent).length > 0, 'the flush');
  const deltas = deltasIn(sent);
  assert.equal(deltas.length, 1);
  assert.deepEqual(deltas[0].upserts, []);
  assert.deepEqual(deltas[0].removes, ['shop/shown']);
  sub.dispose();
});

test('a congested socket gets one coalesced delta when it drains, not a queue', async () => {
  const informer = fakeInformer();
  informer.synced = true;
  let congested = true;
  const { sub, sent, socket } = subscribe(informer, [], { congested: () => congested });
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 20; i++) informer.put(pod('shop', `p${i}`));
    await socket.until(() => socket.congestionChecks > round, `flush ${round + 1} to find the socket congested`);
  }
  assert.equal(deltasIn(sent).length, 0);
  congested = false;
  await socket.until(() => deltasIn(sent).length > 0, 'the flush once the socket drained');
  const deltas = deltasIn(sent);
  assert.equal(deltas.length, 1);
  assert.equal(deltas[0].upserts.length, 20);
  sub.dispose();
});

test('a relist re-sends the snapshot; an informer error is passed on with the subscription id', () => {
  const informer = fakeInformer();
  informer.synced = true;
  informer.cache.replace([pod('shop', 'a')]);
  const { sub, sent } = subscribe(informer, []);
  informer.emit({ type: 'error', status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'down', reason: 'ServiceUnavailable', code: 503 } });
  informer.cache.replace([pod('shop', 'b')]);
  informer.emit({ type: 'synced' });
  assert.deepEqual(sent.map((m) => m.type), ['snapshot', 'error', 'snapshot']);
  assert.equal((sent[1] as { id?: string }).id, 's1');
  assert.deepEqual((sent[2] as SnapshotMessage).rows.map((r) => r.key), ['shop/b']);
  sub.dispose();
});

/** The rows a client holds after applying the messages in order, as the SPA does. */
function applyInOrder(sent: ServerMessage[]): Map<string, PodRow> {
  const rows = new Map<string, PodRow>();
  for (const m of sent) {
    if (m.type === 'snapshot') {
      rows.clear();
      for (const r of m.rows as PodRow[]) rows.set(r.key, r);
    } else if (m.type === 'rest') {
      for (const r of m.rows as PodRow[]) {
        assert.ok(!rows.has(r.key), `${r.key} came twice`);
        rows.set(r.key, r);
      }
    } else if (m.type === 'delta') {
      for (const key of m.removes) rows.delete(key);
      for (const r of m.upserts as PodRow[]) rows.set(r.key, r);
    }
  }
  return rows;
}

test('10,000 pods: the first message carries the first screen by name, the second the rest; changes racing in between are neither lost nor doubled', async () => {
  const informer = fakeInformer();
  // Unpadded names, created out of order: the table's order puts p-2 before p-10.
  informer.cache.replace(Array.from({ length: 10_000 }, (_, i) => pod('load', `p-${(i * 7919) % 10_000}`)));
  const { sub, sent, socket } = subscribe(informer, ['load'], { firstScreen: { rows: 100, order: { field: 'name' } } });
  informer.synced = true;
  informer.emit({ type: 'synced' });

  assert.deepEqual(sent.map((m) => m.type), ['snapshot'], 'only the first screen, the rest on the next turn');
  const first = sent[0] as SnapshotMessage<PodRow>;
  assert.equal(first.more, true);
  assert.deepEqual(first.rows.map((r) => r.name), Array.from({ length: 100 }, (_, i) => `p-${i}`));

  // Before the rest is sent: a pod of the rest and one of the first screen change, one of the
  // rest is deleted, and a new pod (which sorts into the first screen) is created.
  informer.put(pod('load', 'p-5000', 'Failed'));
  informer.put(pod('load', 'p-3', 'Succeeded'));
  informer.drop(pod('load', 'p-9999'));
  informer.put(pod('load', 'p-00', 'Pending'));

  await socket.until(() => sent.some((m) => m.type === 'delta'), 'the delta after the rest');
  assert.deepEqual(sent.map((m) => m.type), ['snapshot', 'rest', 'delta']);
  const rest = sent[1] as RestMessage<PodRow>;
  assert.equal(rest.rows.length, 9_900);
  assert.ok(!rest.rows.some((r) => first.rows.some((f) => f.key === r.key)), 'no row in both parts');
  assert.equal(rest.rows.find((r) => r.name === 'p-5000')?.phase, 'Running', 'the rest is the list as it was at the first message');

  const held = applyInOrder(sent);
  const expected = new Map([...informer.cache.inNamespaces(['load'])].map((o) => [keyOf(o), podsView.project(o, { get: () => informer.cache }, {})]));
  assert.equal(held.size, 10_000);
  assert.deepEqual(held, expected);
  assert.equal(held.get('load/p-5000')?.phase, 'Failed');
  assert.equal(held.get('load/p-3')?.phase, 'Succeeded');
  assert.ok(!held.has('load/p-9999'));
  assert.equal(held.get('load/p-00')?.phase, 'Pending');
  sub.dispose();
});

test('a list that fits the first screen, and a relist of a split one, come as one whole snapshot', async () => {
  const informer = fakeInformer();
  informer.synced = true;
  informer.cache.replace([pod('shop', 'a'), pod('shop', 'b')]);
  const small = subscribe(informer, [], { firstScreen: { rows: 100, order: { field: 'name' } } });
  assert.deepEqual(small.sent.map((m) => m.type), ['snapshot']);
  assert.equal((small.sent[0] as SnapshotMessage).more, undefined);
  small.sub.dispose();

  const split = subscribe(informer, [], { firstScreen: { rows: 1, order: { field: 'name' } } });
  // A relist before the rest went out: its snapshot replaces both parts, and no rest follows.
  informer.cache.replace([pod('shop', 'a'), pod('shop', 'b'), pod('shop', 'c')]);
  informer.emit({ type: 'synced' });
  informer.put(pod('shop', 'd'));
  await split.socket.until(() => split.sent.some((m) => m.type === 'delta'), 'the delta after the relist');
  assert.deepEqual(split.sent.map((m) => m.type), ['snapshot', 'snapshot', 'delta']);
  assert.equal((split.sent[1] as SnapshotMessage).more, undefined);
  assert.equal((split.sent[1] as SnapshotMessage).rows.length, 3);
  split.sub.dispose();
});
