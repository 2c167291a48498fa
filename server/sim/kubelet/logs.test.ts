import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogBuffer, type PeriodicSource } from './logs.ts';

const every100: PeriodicSource = { everyRealMs: 100, line: (i) => `tick ${i}` };

test('an ended log nobody follows generates nothing until it is read, then exactly its lines up to the end and the partial line last', () => {
  const log = new LogBuffer();
  log.setPeriodic(every100, 0);
  log.write('started\npartial', 50);
  log.end(1_000_000);
  assert.equal(log.lineCount, 1, 'ending generated none of the 10,000 lines due by then');
  const lines = log.snapshot();
  assert.equal(lines.length, 10_002, 'the newest 10,000 generated lines, between the first write and the partial line');
  assert.equal(lines[0].text, 'started');
  assert.deepEqual([lines[1].text, lines[1].ms], ['tick 0', 100]);
  assert.equal(lines.at(-2)?.text, 'tick 9999');
  assert.equal(lines.at(-2)?.ms, 1_000_000);
  assert.deepEqual([lines.at(-1)?.text, lines.at(-1)?.ms], ['partial', 1_000_000]);
  assert.equal(log.snapshot().length, 10_002, 'read again: nothing more, the instance ended');
});

test('a follower gets every line up to the end before it is told the log ended', () => {
  const log = new LogBuffer();
  log.setPeriodic(every100, 0);
  const seen: string[] = [];
  log.follow(
    (l) => seen.push(l.text),
    () => seen.push('<end>'),
  );
  log.write('last words', 250);
  log.end(350);
  assert.deepEqual(seen, ['tick 0', 'tick 1', 'tick 2', 'last words', '<end>']);
});
