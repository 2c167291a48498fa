import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../log.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { InformerEvent } from '../cache/informer.ts';
import { keyOf, ObjectCache } from '../cache/objectCache.ts';
import { podsView, type PodRow } from '../pods/podRow.ts';
import type { DeltaMessage, ServerMessage, SnapshotMessage } from './protocol.ts';
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

function subscribe(informer: ReturnType<typeof fakeInformer>, namespaces: string[], opts: { congested?: () => boolean } = {}) {
  const socket = recordingSink(opts.congested ?? (() => false));
  const sub = new Subscription({ id: 's1', view: podsView, namespaces, params: {}, informers: [informer] }, socket.sink, 100, silentLogger);
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
