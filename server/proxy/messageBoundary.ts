/**
 * Where the messages of a relayed byte stream end, so that shutdown can stop relaying between
 * two messages instead of in the middle of one: websocket frames (exec, attach, port-forward),
 * SPDY/3.1 frames (the same from older kubectl and client-go), newline-delimited JSON watch events and log lines, and length-prefixed protobuf watch events.
 */

export interface MessageBoundary {
  /**
   * Accounts for bytes about to be relayed. With `stopAtBoundary` it reads only up to the next
   * message boundary and returns how many bytes that is (0 when already at one); otherwise it
   * reads the whole chunk.
   */
  consume(chunk: Buffer, stopAtBoundary: boolean): number;
  /** True between two messages (and before the first). */
  atBoundary(): boolean;
}

interface FrameFormat {
  /** Header bytes needed, judging from the ones read so far (which may be fewer). */
  headerLength(partial: Buffer): number;
  payloadLength(header: Buffer): number;
  onHeader?(header: Buffer): void;
}

const EMPTY = Buffer.alloc(0);

/** A header that announces its payload's length, then the payload. */
class HeaderFramed implements MessageBoundary {
  private header = EMPTY;
  private remaining = 0;

  constructor(private readonly format: FrameFormat) {}

  atBoundary(): boolean {
    return this.remaining === 0 && this.header.length === 0;
  }

  consume(chunk: Buffer, stopAtBoundary: boolean): number {
    let i = 0;
    while (i < chunk.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - i);
        this.remaining -= n;
        i += n;
        continue;
      }
      if (stopAtBoundary && this.header.length === 0) return i;
      const take = Math.min(this.format.headerLength(this.header) - this.header.length, chunk.length - i);
      this.header = Buffer.concat([this.header, chunk.subarray(i, i + take)]);
      i += take;
      if (this.header.length < this.format.headerLength(this.header)) continue;
      this.remaining = this.format.payloadLength(this.header);
      this.format.onHeader?.(this.header);
      this.header = EMPTY;
    }
    return i;
  }
}

const OPCODE_CLOSE = 0x8;

/**
 * RFC 6455 frames: 2 bytes, then a 16- or 64-bit extended length when the 7-bit one is 126 or
 * 127, then a 4-byte mask key when the mask bit is set. A boundary between frames is a safe
 * place for a control frame, even inside a fragmented message (RFC 6455 §5.4).
 */
export function websocketFrames(onClose?: () => void): MessageBoundary {
  return new HeaderFramed({
    headerLength(h) {
      if (h.length < 2) return 2;
      const len7 = h[1] & 0x7f;
      return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (h[1] & 0x80 ? 4 : 0);
    },
    payloadLength(h) {
      const len7 = h[1] & 0x7f;
      if (len7 === 126) return h.readUInt16BE(2);
      if (len7 === 127) return Number(h.readBigUInt64BE(2));
      return len7;
    },
    onHeader(h) {
      if ((h[0] & 0x0f) === OPCODE_CLOSE) onClose?.();
    },
  });
}

/**
 * SPDY/3.1 frames (draft-mbelshe-httpbis-spdy-00 §2.2): control and data frames alike have an
 * 8-byte header whose last 3 bytes are the payload's length.
 */
export function spdyFrames(): MessageBoundary {
  return new HeaderFramed({ headerLength: () => 8, payloadLength: (h) => h.readUIntBE(5, 3) });
}

/** `application/vnd.kubernetes.protobuf;stream=watch`: each event is a 4-byte big-endian length, then that many bytes. */
export function lengthPrefixed(): MessageBoundary {
  return new HeaderFramed({ headerLength: () => 4, payloadLength: (h) => h.readUInt32BE(0) });
}

/** JSON watch events and log lines: each ends with `\n`. */
export function newlineDelimited(): MessageBoundary {
  let midLine = false;
  return {
    atBoundary: () => !midLine,
    consume(chunk, stopAtBoundary) {
      if (chunk.length === 0 || (stopAtBoundary && !midLine)) return 0;
      if (!stopAtBoundary) {
        midLine = chunk[chunk.length - 1] !== 0x0a;
        return chunk.length;
      }
      const nl = chunk.indexOf(0x0a);
      if (nl === -1) return chunk.length;
      midLine = false;
      return nl + 1;
    },
  };
}

/** The framing of a streamed response, from its Content-Type. */
export function boundaryFor(contentType: string | undefined): MessageBoundary {
  const type = (contentType ?? '').toLowerCase();
  return type.startsWith('application/vnd.kubernetes.protobuf') ? lengthPrefixed() : newlineDelimited();
}
