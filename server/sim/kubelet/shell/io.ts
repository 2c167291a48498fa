/**
 * The plumbing between simulated processes: writers that may apply backpressure (a
 * websocket that is not keeping up makes `seq` wait), a stdin queue, and the host a shell
 * runs in (the container: its filesystem, image, processes and simulated clock).
 */
import type { ImageDef } from '../images.ts';
import { StringDecoder } from 'node:string_decoder';
import type { Vfs } from './vfs.ts';

/** What flows between processes: text, or bytes (tar archives, binary files, kubectl's stdin). */
export type Chunk = string | Uint8Array;

export interface Writer {
  /** Resolves when the consumer can take more; callers producing a lot must await it. */
  write(data: Chunk): void | Promise<void>;
}

/** Collects everything written; `text` decodes it as UTF-8, `bytes` keeps it as written. */
export class StringWriter implements Writer {
  private readonly chunks: Buffer[] = [];
  write(data: Chunk): void {
    this.chunks.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  get bytes(): Buffer {
    if (this.chunks.length > 1) this.chunks.splice(0, this.chunks.length, Buffer.concat(this.chunks));
    return this.chunks[0] ?? Buffer.alloc(0);
  }
  get text(): string {
    return this.bytes.toString('utf8');
  }
}

/**
 * A writer for a consumer of text (a container log, a terminal): bytes are decoded as a
 * stream, so a character split across two writes arrives whole.
 */
export function textWriter(write: (text: string) => void | Promise<void>): Writer {
  const decoder = new StringDecoder('utf8');
  return {
    write: (data) => {
      const text = typeof data === 'string' ? data : decoder.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      if (text) return write(text);
    },
  };
}

export const NULL_WRITER: Writer = { write: () => {} };

function toBuffer(data: Chunk): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * How many leading bytes of `buf` are whole UTF-8 characters: a multi-byte character cut
 * by the end of the chunk waits for the next chunk. Invalid bytes count as whole (they
 * decode to U+FFFD).
 */
export function completeUtf8Length(buf: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf8 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

/**
 * Stdin as a queue of chunks, kept as the bytes that arrived. `readBytes` hands them on
 * untouched (cat, tar); `read` decodes UTF-8 as a stream, holding back a character split
 * across chunks until its last byte comes. Strings put back with `unshift` are text already.
 */
export class StdinQueue {
  private chunks: Chunk[] = [];
  private ended = false;
  private waiter?: () => void;

  constructor(initial?: Chunk, ended = false) {
    if (initial !== undefined && initial.length > 0) this.chunks.push(initial);
    this.ended = ended;
  }

  push(data: Chunk): void {
    if (this.ended || data.length === 0) return;
    this.chunks.push(typeof data === 'string' ? data : Buffer.from(data));
    this.wake();
  }

  /** Takes every chunk queued so far, to hand it to another reader. */
  drain(): Chunk[] {
    return this.chunks.splice(0);
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  get isEnded(): boolean {
    return this.ended && this.chunks.length === 0;
  }

  /** The next chunk as text, or null at end of input. Rejects nothing: an abort just resolves null. */
  async read(signal?: AbortSignal): Promise<string | null> {
    for (;;) {
      const c = this.chunks[0];
      if (typeof c === 'string') return this.chunks.shift() as string;
      if (c !== undefined) {
        const whole = completeUtf8Length(c);
        if (whole === c.length) {
          this.chunks.shift();
          return Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('utf8');
        }
        if (whole > 0) {
          this.chunks[0] = c.subarray(whole);
          return Buffer.from(c.buffer, c.byteOffset, whole).toString('utf8');
        }
        // Only the start of a character: join it to the next chunk, or wait for one.
        const next = this.chunks[1];
        if (next !== undefined && typeof next !== 'string') {
          this.chunks.splice(0, 2, Buffer.concat([c, next]));
          continue;
        }
        if (next !== undefined || this.ended || signal?.aborted) {
          this.chunks.shift();
          return Buffer.from(c).toString('utf8');
        }
      } else if (this.ended || signal?.aborted) return null;
      await this.next(signal);
      if (signal?.aborted && this.chunks.length === 0) return null;
    }
  }

  /** The next chunk as bytes, exactly as they arrived, or null at end of input. */
  async readBytes(signal?: AbortSignal): Promise<Buffer | null> {
    for (;;) {
      const c = this.chunks.shift();
      if (c !== undefined) return toBuffer(c);
      if (this.ended || signal?.aborted) return null;
      await this.next(signal);
    }
  }

  async readAll(signal?: AbortSignal): Promise<string> {
    return (await this.readAllBytes(signal)).toString('utf8');
  }

  async readAllBytes(signal?: AbortSignal): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const c = await this.readBytes(signal);
      if (c === null) return Buffer.concat(parts);
      parts.push(c);
    }
  }

  /** Put back data that was read but not consumed (the rest of a line). */
  unshift(data: Chunk): void {
    if (data.length > 0) this.chunks.unshift(data);
  }

  private next(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const onAbort = () => resolve();
      this.waiter = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
}

export interface ProcessInfo {
  pid: number;
  user: string;
  command: string;
}

/** The container a shell runs in. */
export interface ShellHost {
  vfs: Vfs;
  image: ImageDef;
  hostname: string;
  /** The container's environment (image defaults + pod spec). */
  env: Record<string, string>;
  /** Sleep for simulated milliseconds; resolves false when aborted. */
  sleep(simMs: number, signal: AbortSignal): Promise<boolean>;
  processes(): ProcessInfo[];
  /** Register a running process (an exec'd shell) for `ps`; returns its pid and an unregister function. */
  spawn(command: string): { pid: number; exit: () => void };
  /** The pod network, when the container has one (a bare host in unit tests has none). */
  readonly network?: ClusterNetwork;
}

/** What a container reaches over the pod network: cluster DNS and the ports behind addresses. */
export interface ClusterNetwork {
  /** The DNS server of the pod's resolv.conf. */
  readonly nameserver: string;
  /** The search list of the pod's resolv.conf (`<ns>.svc.cluster.local svc.cluster.local cluster.local`). */
  readonly search: readonly string[];
  /** The A records of a fully qualified name; undefined when it does not exist (NXDOMAIN). */
  lookup(fqdn: string): string[] | undefined;
  /** What answers a connection to ip:port: an HTTP server with its page, a TCP server, or nothing (refused). */
  connect(ip: string, port: number): { kind: 'http'; body: string } | { kind: 'tcp' } | undefined;
}

/** Terminal state of a tty session: the size the client last sent. */
export interface TtyState {
  rows: number;
  cols: number;
}
