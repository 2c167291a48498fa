import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeUtf8Length, StdinQueue, StringWriter, textWriter } from './io.ts';
import { Vfs } from './vfs.ts';

test('stdin read as text holds back a character split across chunks until its last byte', async () => {
  const q = new StdinQueue();
  const euro = Buffer.from('€'); // e2 82 ac
  q.push(Buffer.concat([Buffer.from('a'), euro.subarray(0, 1)]));
  q.push(euro.subarray(1, 2));
  q.push(Buffer.concat([euro.subarray(2), Buffer.from('b')]));
  q.end();
  let text = '';
  for (let c = await q.read(); c !== null; c = await q.read()) text += c;
  assert.equal(text, 'a€b');
});

test('stdin read as bytes gives back every byte value as sent', async () => {
  const all = Buffer.from([...Array(256).keys()]);
  const q = new StdinQueue();
  q.push(all.subarray(0, 128));
  q.push(all.subarray(128));
  q.end();
  assert.deepEqual(await q.readAllBytes(), all);
});

test('a truncated character at end of input decodes to U+FFFD instead of vanishing', async () => {
  const q = new StdinQueue(Buffer.from([0x61, 0xe2, 0x82]), true);
  assert.equal(await q.readAll(), 'a\ufffd');
  const q2 = new StdinQueue(Buffer.from([0x61, 0xe2, 0x82]), true);
  let text = '';
  for (let c = await q2.read(); c !== null; c = await q2.read()) text += c;
  assert.equal(text, 'a\ufffd');
});

test('completeUtf8Length cuts before an unfinished character only', () => {
  assert.equal(completeUtf8Length(Buffer.from('ab')), 2);
  assert.equal(completeUtf8Length(Buffer.from([0x61, 0xc3])), 1);
  assert.equal(completeUtf8Length(Buffer.from([0x61, 0xf0, 0x9f, 0x98])), 1);
  assert.equal(completeUtf8Length(Buffer.from('😀')), 4);
  assert.equal(completeUtf8Length(Buffer.from([0xff])), 1);
});

test('writers: StringWriter keeps bytes, textWriter decodes a split character whole', () => {
  const w = new StringWriter();
  w.write(Buffer.from([0, 255]));
  w.write('x');
  assert.deepEqual(w.bytes, Buffer.from([0, 255, 0x78]));
  const seen: string[] = [];
  const t = textWriter((s) => void seen.push(s));
  const euro = Buffer.from('€');
  void t.write(euro.subarray(0, 2));
  void t.write(euro.subarray(2));
  assert.equal(seen.join(''), '€');
});

test('vfs files hold bytes; appends grow them in place and keep earlier readers unchanged', () => {
  const vfs = new Vfs();
  vfs.writeFile('/bin.dat', Buffer.from([0, 1, 2, 255]));
  const before = vfs.readBytes('/bin.dat');
  for (let i = 0; i < 1000; i++) vfs.writeFile('/bin.dat', Buffer.from([i & 0xff]), { append: true });
  assert.deepEqual(before, Buffer.from([0, 1, 2, 255]));
  const after = vfs.readBytes('/bin.dat');
  assert.equal(after.length, 1004);
  assert.equal(after[1003], 999 & 0xff);
  vfs.writeFile('/bin.dat', 'text');
  assert.equal(vfs.readFile('/bin.dat'), 'text');
  assert.equal(after.length, 1004);
});
