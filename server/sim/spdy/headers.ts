/**
 * SPDY/3 header blocks: a count and length-prefixed name/value pairs (32-bit big-endian),
 * compressed with one zlib stream per direction for the life of the connection, primed with
 * the SPDY/3 dictionary.
 */
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { SPDY3_DICTIONARY } from './dictionary.ts';

const SYNC_MARKER = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);

/** A client whose header blocks add up to more than this is cut off. */
const MAX_COMPRESSED_HEADERS = 1 << 20;

/**
 * Inflates each header block in the context of all before it. Node has no synchronous
 * streaming inflate, so every block re-inflates the connection's whole compressed history and
 * keeps the new tail: exec opens five streams and port-forward two per connection, so the
 * history stays a few kilobytes, and frames are handled in order without an async queue.
 */
export class HeaderInflater {
  private history: Buffer = Buffer.alloc(0);
  private inflated = 0;

  inflate(block: Buffer): Buffer {
    this.history = Buffer.concat([this.history, block]);
    if (this.history.length > MAX_COMPRESSED_HEADERS) throw new Error('SPDY header history too large');
    const all = inflateSync(this.history, { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    const fresh = all.subarray(this.inflated);
    this.inflated = all.length;
    return fresh;
  }
}

/**
 * Writes header blocks as stored (uncompressed) deflate blocks, each closed as Z_SYNC_FLUSH
 * closes one: valid zlib that any SPDY peer inflates, needing no streaming deflater. The first block carries the zlib header naming the
 * dictionary, as a real compressor's first sync-flushed output would.
 */
export class HeaderDeflater {
  private started = false;

  deflate(headers: Map<string, string>): Buffer {
    const raw = encodePairs(headers);
    const parts: Buffer[] = [];
    if (!this.started) {
      this.started = true;
      // CMF, FLG (FDICT) and the dictionary's Adler-32: the first six bytes zlib writes.
      parts.push(deflateSync(Buffer.alloc(0), { dictionary: SPDY3_DICTIONARY }).subarray(0, 6));
    }
    for (let i = 0; i === 0 || i < raw.length; i += 0xffff) {
      const piece = raw.subarray(i, i + 0xffff);
      const head = Buffer.alloc(5);
      head[0] = 0; // BFINAL=0, BTYPE=00 (stored), padded to the byte
      head.writeUInt16LE(piece.length, 1);
      head.writeUInt16LE(~piece.length & 0xffff, 3);
      parts.push(head, piece);
    }
    // The empty stored block a sync flush ends with: Go's flate reader hands out what it has
    // decoded only when it reaches one, and would otherwise read past the frame for the next block.
    parts.push(SYNC_MARKER);
    return Buffer.concat(parts);
  }
}

function encodePairs(headers: Map<string, string>): Buffer {
  const parts: Buffer[] = [u32(headers.size)];
  for (const [name, value] of headers) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(value, 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

/** Parses an inflated header block; a repeated name keeps its first value (NUL joins several). */
export function decodeHeaderBlock(block: Buffer): Map<string, string> {
  const headers = new Map<string, string>();
  let at = 0;
  const count = block.readUInt32BE(at);
  at += 4;
  for (let i = 0; i < count; i++) {
    const nameLength = block.readUInt32BE(at);
    const name = block.toString('utf8', at + 4, at + 4 + nameLength).toLowerCase();
    at += 4 + nameLength;
    const valueLength = block.readUInt32BE(at);
    const value = block.toString('utf8', at + 4, at + 4 + valueLength);
    at += 4 + valueLength;
    if (!headers.has(name)) headers.set(name, value.split('\0')[0]);
  }
  return headers;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
}
