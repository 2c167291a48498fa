import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { Clock } from '../context.ts';
import { eventually } from '../../testing/eventually.ts';
import { WorkQueue } from './workqueue.ts';

const tick = () => new Promise((r) => setImmediate(r));

test('a key queued many times before processing is synced once, on a later turn', async () => {
  const seen: string[] = [];
  const q = new WorkQueue(new Clock(100), (k) => seen.push(k));
  q.add('a');
  q.add('a');
  q.add('b');
  assert.deepEqual(seen, []);
  await q.idle();
  assert.deepEqual(seen, ['a', 'b']);
  q.stop();
});

test('a key queued during its own sync runs again afterwards, never re-entrantly', async () => {
  let depth = 0;
  let deepest = 0;
  let runs = 0;
  const q: WorkQueue = new WorkQueue(new Clock(100), () => {
    depth++;
    // Recorded, not asserted here: the queue catches what a sync throws.
    deepest = Math.max(deepest, depth);
    runs++;
    if (runs === 1) q.add('k');
    depth--;
  });
  q.add('k');
  await q.idle();
  assert.equal(runs, 2);
  assert.equal(deepest, 1);
  assert.deepEqual(q.failures, []);
  q.stop();
});

test('a sync that throws is logged, kept for the test to see, and retried after a back-off', async () => {
  const logged = mock.method(console, 'error', () => {});
  const clock = new Clock(100);
  let runs = 0;
  const q = new WorkQueue(clock, (key) => {
    runs++;
    if (runs === 1) throw new Error(`cannot sync ${key}`);
  });
  try {
    q.add('shop/db');
    await eventually(() => runs === 2, 'the retry');
    assert.deepEqual(q.failures.map((f) => [f.key, (f.error as Error).message]), [['shop/db', 'cannot sync shop/db']]);
    assert.equal(logged.mock.callCount(), 1, 'production keeps logging it');
  } finally {
    logged.mock.restore();
    q.stop();
    clock.stopAll();
  }
});

test('idle waits for keys queued by a sync, not for delayed ones', async () => {
  const seen: string[] = [];
  const q: WorkQueue = new WorkQueue(new Clock(1), (k) => {
    seen.push(k);
    if (k === 'first') q.add('second');
    if (k === 'second') q.addAfter('much-later', 60_000);
  });
  q.add('first');
  await q.idle();
  assert.deepEqual(seen, ['first', 'second']);
  q.stop();
});

test('addAfter waits the simulated delay and stop cancels pending work', async () => {
  const clock = new Clock(100);
  const seen: string[] = [];
  const q = new WorkQueue(clock, (k) => seen.push(k));
  const queuedAt = Date.now();
  q.addAfter('later', 2000); // 20 ms real
  q.addAfter('never', 100_000); // 1 s real, cancelled before
  await eventually(() => seen.includes('later'), 'the delayed key');
  assert.ok(Date.now() - queuedAt >= 15, 'not before its delay');
  assert.deepEqual(seen, ['later']);
  q.stop();
  q.add('after-stop');
  await tick();
  assert.deepEqual(seen, ['later']);
  clock.stopAll();
});
