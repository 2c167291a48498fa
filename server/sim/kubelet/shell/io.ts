/**
 * The plumbing between simulated processes: writers that may apply backpressure (a
 * websocket that is not keeping up makes `seq` wait), a stdin queue, and the host a shell
 * runs in (the container: its filesystem, image, processes and simulated clock).
 */
import type { ImageDef } from '../images.ts';
import type { Vfs } from './vfs.ts';

export interface Writer {
  /** Resolves when the consumer can take more; callers producing a lot must await it. */
  write(data: string): void | Promise<void>;
}

export class StringWriter implements Writer {
  text = '';
  write(data: string): void {
    this.text += data;
  }
}

export const NULL_WRITER: Writer = { write: () => {} };

/** Stdin as a queue of chunks; `null` marks end of input. */
export class StdinQueue {
  private chunks: string[] = [];
  private ended = false;
  private waiter?: () => void;

  constructor(initial?: string, ended = false) {
    if (initial) this.chunks.push(initial);
    this.ended = ended;
  }

  push(data: string): void {
    if (this.ended) return;
    this.chunks.push(data);
    this.wake();
  }

  /** Takes every chunk queued so far, to hand it to another reader. */
  drain(): string[] {
    return this.chunks.splice(0);
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  get isEnded(): boolean {
    return this.ended && this.chunks.length === 0;
  }

  /** The next chunk, or null at end of input. Rejects nothing: an abort just resolves null. */
  async read(signal?: AbortSignal): Promise<string | null> {
    for (;;) {
      const c = this.chunks.shift();
      if (c !== undefined) return c;
      if (this.ended || signal?.aborted) return null;
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        this.waiter = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  async readAll(signal?: AbortSignal): Promise<string> {
    let out = '';
    for (;;) {
      const c = await this.read(signal);
      if (c === null) return out;
      out += c;
    }
  }

  /** Put back data that was read but not consumed (the rest of a line). */
  unshift(data: string): void {
    if (data) this.chunks.unshift(data);
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
}

/** Terminal state of a tty session: the size the client last sent. */
export interface TtyState {
  rows: number;
  cols: number;
}
