import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lengthPrefixed, newlineDelimited, spdyFrames, websocketFrames, type MessageBoundary } from './messageBoundary.ts';

function wsFrame(opcode: number, payload: Buffer, masked = false): Buffer {
  const len = payload.length;
  const ext = len < 126 ? Buffer.alloc(0) : len < 65536 ? Buffer.from([len >> 8, len & 0xff]) : Buffer.alloc(8);
  if (len >= 65536) ext.writeBigUInt64BE(BigInt(len));
  const len7 = len < 126 ? len : len < 65536 ? 126 : 127;
  const mask = masked ? Buffer.from([1, 2, 3, 4]) : Buffer.alloc(0);
  return Buffer.concat([Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | len7]), ext, mask, payload]);
}

/** Where a stop requested after `cut` bytes lands, however the stream is chunked after that. */
function stopAfter(boundary: MessageBoundary, stream: Buffer, cut: number, chunk: number): number {
  boundary.consume(stream.subarray(0, cut), false);
  let at = cut;
  while (!boundary.atBoundary() && at < stream.length) {
    at += boundary.consume(stream.subarray(at, Math.min(at + chunk, stream.length)), true);
  }
  return at;
}

test('a stop between websocket frames lands on the next frame boundary, whatever the chunking and length encoding', () => {
  const frames = [wsFrame(2, Buffer.alloc(5, 1)), wsFrame(1, Buffer.alloc(0)), wsFrame(2, Buffer.alloc(300, 2), true), wsFrame(2, Buffer.alloc(70_000, 3)), wsFrame(9, Buffer.from('ping'))];
  const stream = Buffer.concat(frames);
  const ends: number[] = [];
  frames.reduce((end, f) => (ends.push(end + f.length), end + f.length), 0);
  for (const chunk of [1, 3, 7, 1000, 100_000]) {
    for (const cut of [0, 1, 2, 5, 7, 8, 9, 12, 200, 400, 700, 50_000, stream.length - 3, stream.length]) {
      const expected = cut === 0 ? 0 : ends.find((e) => e >= cut)!;
      assert.equal(stopAfter(websocketFrames(), stream, cut, chunk), expected, `cut ${cut}, chunks of ${chunk}`);
    }
  }
});

test('a close frame from upstream is noticed, so no second one is sent', () => {
  let closes = 0;
  const frames = websocketFrames(() => closes++);
  frames.consume(Buffer.concat([wsFrame(2, Buffer.from('bye')), wsFrame(8, Buffer.from([0x03, 0xe8]))]), false);
  assert.equal(closes, 1);
  assert.ok(frames.atBoundary());
});

test('protobuf watch events (4-byte length prefix) and JSON lines stop between events', () => {
  const event = (n: number) => {
    const h = Buffer.alloc(4);
    h.writeUInt32BE(n);
    return Buffer.concat([h, Buffer.alloc(n, 7)]);
  };
  const proto = Buffer.concat([event(10), event(0), event(300)]);
  assert.equal(stopAfter(lengthPrefixed(), proto, 2, 5), 14);
  assert.equal(stopAfter(lengthPrefixed(), proto, 15, 5), 18);
  assert.equal(stopAfter(lengthPrefixed(), proto, 19, 64), proto.length);

  const json = Buffer.from('{"type":"ADDED"}\n{"type":"MODIFIED"}\n');
  assert.equal(stopAfter(newlineDelimited(), json, 17, 4), 17, 'already between events');
  assert.equal(stopAfter(newlineDelimited(), json, 20, 4), json.length);
  assert.equal(stopAfter(newlineDelimited(), json, 3, 100), 17);
});

/** A SPDY/3.1 frame: a SYN_STREAM-like control frame (high bit set) or a data frame, 24-bit length in bytes 5–7. */
function spdyFrame(control: boolean, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(control ? 0x80030001 : 5, 0);
  header.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([header, payload]);
}

test('a stop between SPDY frames lands on the next frame boundary, control and data frames alike', () => {
  const frames = [spdyFrame(true, Buffer.alloc(10, 1)), spdyFrame(false, Buffer.alloc(0)), spdyFrame(false, Buffer.alloc(70_000, 2)), spdyFrame(true, Buffer.alloc(8, 3))];
  const stream = Buffer.concat(frames);
  const ends: number[] = [];
  frames.reduce((end, f) => (ends.push(end + f.length), end + f.length), 0);
  for (const chunk of [1, 3, 9, 100_000]) {
    for (const cut of [0, 1, 7, 8, 17, 18, 19, 30, 50_000, stream.length - 1, stream.length]) {
      const at = stopAfter(spdyFrames(), stream, cut, chunk);
      assert.equal(at, cut === 0 ? 0 : ends.find((e) => e >= cut), `cut ${cut}, chunk ${chunk}`);
    }
  }
});
