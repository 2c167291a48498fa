/** Protocol buffers wire format: just enough to walk the fields of a message. */

/** Bytes that are not a protobuf message (a fixed-width value past the end is DataView's RangeError). */
export class WireFormatError extends Error {}
export interface WireField {
  number: number;
  wireType: number;
  /** Varint / fixed values as bigint; length-delimited as bytes. */
  value: bigint | Uint8Array;
}

export function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new WireFormatError('truncated varint');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return [result, pos];
    shift += 7n;
  }
}

export function* wireFields(buf: Uint8Array): Generator<WireField> {
  let pos = 0;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  while (pos < buf.length) {
    const [tag, p] = readVarint(buf, pos);
    pos = p;
    const number = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    switch (wireType) {
      case 0: {
        const [v, q] = readVarint(buf, pos);
        pos = q;
        yield { number, wireType, value: v };
        break;
      }
      case 1:
        yield { number, wireType, value: view.getBigUint64(pos, true) };
        pos += 8;
        break;
      case 2: {
        const [len, q] = readVarint(buf, pos);
        const end = q + Number(len);
        if (end > buf.length) throw new WireFormatError('truncated field');
        yield { number, wireType, value: buf.subarray(q, end) };
        pos = end;
        break;
      }
      case 5:
        yield { number, wireType, value: BigInt(view.getUint32(pos, true)) };
        pos += 4;
        break;
      default:
        throw new WireFormatError(`unsupported wire type ${wireType}`);
    }
  }
}
