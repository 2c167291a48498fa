import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Clock } from '../context.ts';
import { WorkQueue } from './workqueue.ts';

const tick = () => new Promise((r) => setImmediate(r));

test('a key queued many times before processing is synced once, on a later turn', async () => {
  const seen: string[] = [];
  const q = new WorkQueue(new Clock(100), (k) => seen.push(k));
  q.add('a');
  q.add('a');
  q.add('b');
  assert.deepEqual(seen, []);
  await tick();
  await tick();
  assert.deepEqual(seen, ['a', 'b']);
  q.stop();
});

test('a key queued during its own sync runs again afterwards, never re-entrantly', async () => {
  let depth = 0;
  let runs = 0;
  const q: WorkQueue = new WorkQueue(new Clock(100), () => {
    depth++;
    assert.equal(depth, 1);
    runs++;
    if (runs === 1) q.add('k');
    depth--;
  });
  q.add('k');
  for (let i = 0; i < 5; i++) await tick();
  assert.equal(runs, 2);
  q.stop();
});

test('addAfter waits the simulated delay and stop cancels pending work', async () => {
  const clock = new Clock(100);
  const seen: string[] = [];
  const q = new WorkQueue(clock, (k) => seen.push(k));
  q.addAfter('later', 2000); // 20 ms real
  q.addAfter('never', 100_000);
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(seen, ['later']);
  q.stop();
  q.add('after-stop');
  await tick();
  assert.deepEqual(seen, ['later']);
  clock.stopAll();
});
