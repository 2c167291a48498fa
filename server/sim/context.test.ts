import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Clock, Timers } from './context.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a timer group forgets timers that fired, so a pod running for days keeps nothing for them', async () => {
  const timers = new Timers(new Clock(100));
  const fired: number[] = [];
  for (let i = 0; i < 50; i++) timers.after(100, () => fired.push(i));
  assert.equal(timers.size, 50);
  await tick(30);
  assert.equal(fired.length, 50);
  assert.equal(timers.size, 0);
});

test('stopping a timer group cancels what is pending and ignores later timers', async () => {
  const timers = new Timers(new Clock(100));
  const fired: string[] = [];
  timers.after(500, () => fired.push('pending'));
  timers.stop();
  timers.after(100, () => fired.push('after stop'));
  assert.equal(timers.size, 0);
  await tick(30);
  assert.deepEqual(fired, []);
});

test('a delay beyond setTimeout\'s 24.8 days waits, so sleep infinity does not end at once', async () => {
  const clock = new Clock(1);
  const fired: string[] = [];
  const cancel = clock.after(1e12, () => fired.push('infinity'));
  clock.after(5, () => fired.push('short'));
  await tick(40);
  assert.deepEqual(fired, ['short']);
  cancel();
});
