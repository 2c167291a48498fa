/**
 * The server end of a SPDY/3.1 connection, as the kubelet's (moby/spdystream) speaks it: the
 * client opens streams with SYN_STREAM, we answer SYN_REPLY and exchange DATA; PING is echoed,
 * GOAWAY ends the connection. Used by exec/attach and port-forward, over a raw upgraded socket
 * or a websocket carrying the same bytes.
 *
 * Why our own framer: the one SPDY library on npm, spdy-transport, has had no release since
 * 2018 and brings readable-stream 3, obuf, wbuf and hpack.js for what is here ~200 lines.
 *
 * Flow control: spdystream neither sends WINDOW_UPDATE nor honours it, so, like the kubelet,
 * we ignore the windows both ways (backpressure is the socket's).
 */
import type { Duplex } from 'node:stream';
import { decodeHeaderBlock, HeaderDeflater, HeaderInflater } from './headers.ts';

const VERSION = 3;
const TYPE = { synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9 } as const;
const FLAG_FIN = 0x01;
/** RST_STREAM status codes (section 2.6.3). */
export const RST = { protocolError: 1, refusedStream: 3, cancel: 5 } as const;
/** DATA frames carry at most this much; spdystream accepts up to 2^24 but real peers chunk. */
const MAX_DATA = 32 * 1024;
/** A client that never stops sending headers cannot make us hold more than this. */
const MAX_FRAME = 1 << 24;

export class SpdyStream {
  /** Headers of the SYN_STREAM, names lowercased (SPDY/3 requires it). */
  readonly headers: Map<string, string>;
  private localDone = false;
  private remoteDone = false;
  private dataHandler?: (data: Buffer) => void;
  private endHandler?: () => void;
  private readonly early: Buffer[] = [];
  private earlyEnd = false;

  constructor(
    readonly id: number,
    headers: Map<string, string>,
    private readonly conn: SpdyConnection,
  ) {
    this.headers = headers;
  }

  /** Data from the client; what came before a handler was set is delivered first. */
  onData(handler: (data: Buffer) => void, onEnd?: () => void): void {
    this.dataHandler = handler;
    this.endHandler = onEnd;
    for (const b of this.early.splice(0)) handler(b);
    if (this.earlyEnd) onEnd?.();
  }

  write(data: Buffer | string): void {
    if (this.localDone) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let i = 0; i < bytes.length; i += MAX_DATA) this.conn.sendData(this.id, bytes.subarray(i, i + MAX_DATA), false);
  }

  /** Half-closes our side (an empty DATA frame with FIN). */
  end(): void {
    if (this.localDone) return;
    this.localDone = true;
    this.conn.sendData(this.id, Buffer.alloc(0), true);
    if (this.remoteDone) this.conn.forget(this.id);
  }

  /** @internal */
  received(data: Buffer, fin: boolean): void {
    if (this.remoteDone) return;
    if (data.length) {
      if (this.dataHandler) this.dataHandler(data);
      else this.early.push(data);
    }
    if (fin) this.remoteEnded();
  }

  /** @internal the client finished or reset the stream */
  remoteEnded(reset = false): void {
    if (reset) this.localDone = true;
    if (this.remoteDone) return;
    this.remoteDone = true;
    if (this.localDone) this.conn.forget(this.id);
    if (this.endHandler) this.endHandler();
    else this.earlyEnd = true;
  }
}

export class SpdyConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly inflater = new HeaderInflater();
  private readonly deflater = new HeaderDeflater();
  private readonly streams = new Map<number, SpdyStream>();
  private lastStreamId = 0;
  private closed = false;
  private readonly closeHandlers: (() => void)[] = [];

  /**
   * `accept` sees each new stream; returning an error message resets it (as the kubelet's
   * newStreamHandler does), anything else answers SYN_REPLY.
   */
  constructor(
    private readonly socket: Duplex,
    private readonly accept: (stream: SpdyStream) => string | undefined,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.shutdown());
    socket.on('end', () => this.shutdown());
    socket.on('error', () => this.shutdown());
  }

  onClose(handler: () => void): void {
    if (this.closed) handler();
    else this.closeHandlers.push(handler);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** GOAWAY, then the socket ends once what was written has gone out. */
  close(): void {
    if (this.closed) return;
    const body = Buffer.alloc(8);
    body.writeUInt32BE(this.lastStreamId & 0x7fffffff, 0);
    this.sendControl(TYPE.goAway, 0, body);
    this.socket.end();
    this.shutdown();
  }

  reset(streamId: number, status: number): void {
    const body = Buffer.alloc(8);
    body.writeUInt32BE(streamId & 0x7fffffff, 0);
    body.writeUInt32BE(status, 4);
    this.sendControl(TYPE.rstStream, 0, body);
    this.streams.get(streamId)?.remoteEnded(true);
    this.streams.delete(streamId);
  }

  /** @internal a stream both sides have finished */
  forget(streamId: number): void {
    this.streams.delete(streamId);
  }

  /** Streams not yet finished by both sides. */
  get openStreams(): number {
    return this.streams.size;
  }

  /** @internal */
  sendData(streamId: number, data: Buffer, fin: boolean): void {
    if (this.closed || !this.socket.writable) return;
    const head = Buffer.alloc(8);
    head.writeUInt32BE(streamId & 0x7fffffff, 0);
    head.writeUInt32BE(((fin ? FLAG_FIN : 0) << 24) | data.length, 4);
    this.socket.write(Buffer.concat([head, data]));
  }

  private sendControl(type: number, flags: number, body: Buffer): void {
    if (this.closed || !this.socket.writable) return;
    const head = Buffer.alloc(8);
    head.writeUInt16BE(0x8000 | VERSION, 0);
    head.writeUInt16BE(type, 2);
    head.writeUInt32BE((flags << 24) | body.length, 4);
    this.socket.write(Buffer.concat([head, body]));
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) s.remoteEnded(true);
    this.streams.clear();
    for (const h of this.closeHandlers.splice(0)) h();
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    while (!this.closed && this.buffer.length >= 8) {
      const length = this.buffer.readUInt32BE(4) & 0xffffff;
      if (length > MAX_FRAME) return this.protocolError();
      if (this.buffer.length < 8 + length) return;
      const frame = this.buffer.subarray(0, 8 + length);
      this.buffer = this.buffer.subarray(8 + length);
      try {
        this.handle(frame);
      } catch (err) {
        // A header block that does not inflate (zlib's Error) or parse (RangeError): the connection cannot go on.
        if (!(err instanceof Error)) throw err;
        return this.protocolError();
      }
    }
  }

  private handle(frame: Buffer): void {
    const flags = frame[4];
    const body = frame.subarray(8);
    if ((frame[0] & 0x80) === 0) {
      const stream = this.streams.get(frame.readUInt32BE(0) & 0x7fffffff);
      stream?.received(body, (flags & FLAG_FIN) !== 0);
      return;
    }
    switch (frame.readUInt16BE(2)) {
      case TYPE.synStream:
        return this.synStream(body, flags);
      case TYPE.rstStream: {
        const id = body.readUInt32BE(0) & 0x7fffffff;
        this.streams.get(id)?.remoteEnded(true);
        this.streams.delete(id);
        return;
      }
      case TYPE.headers:
        // Trailing headers mean nothing to exec or port-forward, but they share the zlib stream.
        this.inflater.inflate(body.subarray(4));
        if (flags & FLAG_FIN) this.streams.get(body.readUInt32BE(0) & 0x7fffffff)?.remoteEnded();
        return;
      case TYPE.ping:
        // Our own pings would be even; a client's (odd) ping is echoed.
        if (body.readUInt32BE(0) % 2 === 1) this.sendControl(TYPE.ping, 0, body);
        return;
      case TYPE.goAway:
        this.socket.end();
        return this.shutdown();
      default:
        // SETTINGS, WINDOW_UPDATE, SYN_REPLY (we open no streams): nothing to do.
        return;
    }
  }

  private synStream(body: Buffer, flags: number): void {
    const id = body.readUInt32BE(0) & 0x7fffffff;
    const headers = decodeHeaderBlock(this.inflater.inflate(body.subarray(10)));
    if (id % 2 === 0 || id <= this.lastStreamId) {
      this.reset(id, RST.protocolError);
      return;
    }
    this.lastStreamId = id;
    const stream = new SpdyStream(id, headers, this);
    this.streams.set(id, stream);
    const refusal = this.accept(stream);
    if (refusal !== undefined) {
      this.reset(id, RST.refusedStream);
      return;
    }
    const reply = Buffer.concat([Buffer.alloc(4), this.deflater.deflate(new Map())]);
    reply.writeUInt32BE(id, 0);
    this.sendControl(TYPE.synReply, 0, reply);
    if (flags & FLAG_FIN) stream.received(Buffer.alloc(0), true);
  }

  private protocolError(): void {
    const body = Buffer.alloc(8);
    body.writeUInt32BE(this.lastStreamId, 0);
    body.writeUInt32BE(1, 4);
    this.sendControl(TYPE.goAway, 0, body);
    this.socket.destroy();
    this.shutdown();
  }
}
