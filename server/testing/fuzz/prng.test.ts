import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SEED, Prng, seedFrom } from './prng.ts';

const draw = (p: Prng) => Array.from({ length: 20 }, () => p.uint32());

test('a seed replays the same stream, another seed gives another, and forks are independent of each other', () => {
  assert.deepEqual(draw(new Prng(42)), draw(new Prng(42)));
  assert.notDeepEqual(draw(new Prng(42)), draw(new Prng(43)));
  const root = new Prng(42);
  assert.deepEqual(draw(root.fork('a')), draw(new Prng(42).fork('a')));
  assert.notDeepEqual(draw(root.fork('a')), draw(root.fork('b')));
});

test('FUZZ_SEED is read as a number, hashed when it is text, and defaults to the fixed CI seed', () => {
  assert.equal(seedFrom(undefined), DEFAULT_SEED);
  assert.equal(seedFrom(' '), DEFAULT_SEED);
  assert.equal(seedFrom('1234'), 1234);
  assert.equal(seedFrom('nightly'), seedFrom('nightly'));
  assert.notEqual(seedFrom('nightly'), seedFrom('weekly'));
});

test('ints stay in range and weighted picks follow their weights', () => {
  const p = new Prng(7);
  const ints = Array.from({ length: 2000 }, () => p.int(-2, 3));
  assert.ok(ints.every((i) => i >= -2 && i <= 3));
  assert.deepEqual([...new Set(ints)].sort(), [-1, -2, 0, 1, 2, 3]);
  const picks = Array.from({ length: 2000 }, () => p.weighted([[9, 'a'], [1, 'b']] as const));
  const share = picks.filter((x) => x === 'a').length / picks.length;
  assert.ok(share > 0.85 && share < 0.95, String(share));
});
