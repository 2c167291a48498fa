import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, createDeflate, inflateSync } from 'node:zlib';
import { SPDY3_DICTIONARY } from './dictionary.ts';
import { decodeHeaderBlock, HeaderDeflater, HeaderInflater } from './headers.ts';

/** What Go's spdy framer sends: one zlib stream, sync-flushed after each header block. */
async function goLikeBlocks(blocks: Buffer[]): Promise<Buffer[]> {
  const z = createDeflate({ dictionary: SPDY3_DICTIONARY });
  const out: Buffer[] = [];
  for (const b of blocks) {
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => chunks.push(c);
    z.on('data', onData);
    z.write(b);
    await new Promise<void>((resolve) => z.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    // 'data' may follow the flush callback by a tick.
    await new Promise((r) => setImmediate(r));
    z.off('data', onData);
    out.push(Buffer.concat(chunks));
  }
  z.close();
  return out;
}

function pairs(entries: [string, string][]): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  parts.push(u32(entries.length));
  for (const [k, v] of entries) parts.push(u32(k.length), Buffer.from(k), u32(v.length), Buffer.from(v));
  return Buffer.concat(parts);
}

test('header blocks from a client compressor inflate one after another in the shared zlib context', async () => {
  const [a, b, c] = await goLikeBlocks([pairs([['streamtype', 'error']]), pairs([['streamtype', 'stdout']]), pairs([['streamtype', 'data'], ['port', '80'], ['requestid', '0']])]);
  const inflater = new HeaderInflater();
  assert.deepEqual([...decodeHeaderBlock(inflater.inflate(a))], [['streamtype', 'error']]);
  assert.deepEqual([...decodeHeaderBlock(inflater.inflate(b))], [['streamtype', 'stdout']]);
  assert.deepEqual([...decodeHeaderBlock(inflater.inflate(c))], [['streamtype', 'data'], ['port', '80'], ['requestid', '0']]);
});

test('our header blocks are one valid zlib stream with the SPDY dictionary, each ending in a sync-flush marker', () => {
  const deflater = new HeaderDeflater();
  const first = deflater.deflate(new Map());
  const second = deflater.deflate(new Map([['status', '200']]));
  for (const block of [first, second]) assert.deepEqual([...block.subarray(-5)], [0, 0, 0, 0xff, 0xff]);
  const all = inflateSync(Buffer.concat([first, second]), { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
  assert.deepEqual([...decodeHeaderBlock(all.subarray(0, 4))], []);
  assert.deepEqual([...decodeHeaderBlock(all.subarray(4))], [['status', '200']]);
});
