/**
 * The SPA's exec channel client driven from Node with the `ws` package's WebSocket (same
 * interface as the browser's), recording output, for protocol tests and the benchmark.
 */
import { WebSocket } from 'ws';
import { openExecChannel, type ExecChannel, type SocketLike } from '../src/features/terminal/execChannel.ts';
import type { SessionEnd } from '../src/features/terminal/sessionEnd.ts';

export interface RecordedSession {
  channel: ExecChannel;
  opened: Promise<string>;
  ended: Promise<SessionEnd>;
  output(): string;
  /** Resolves once the output so far matches; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Called with each output chunk (the benchmark times echoes with it). */
  onChunk?: (text: string) => void;
}

// ws's WebSocket has the same members the client uses; its listener typings are wider overloads.
const wsSocket = (url: string, protocols: string[]) => new WebSocket(url, protocols) as unknown as SocketLike;

export function recordSession(url: string, opts: { protocols?: string[]; size?: { cols: number; rows: number }; keepAliveMs?: number } = {}): RecordedSession {
  let out = '';
  const waiters = new Set<() => void>();
  let opened!: (p: string) => void;
  let ended!: (e: SessionEnd) => void;
  const session: RecordedSession = {
    channel: undefined as unknown as ExecChannel,
    opened: new Promise((r) => (opened = r)),
    ended: new Promise((r) => (ended = r)),
    output: () => out,
    waitFor(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (!m) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(m);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output so far: ${JSON.stringify(out.slice(-400))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
  };
  session.channel = openExecChannel({
    url,
    createSocket: wsSocket,
    protocols: opts.protocols,
    size: opts.size,
    keepAliveMs: opts.keepAliveMs,
    onOpen: (p) => opened(p),
    onOutput: (text) => {
      out += text;
      session.onChunk?.(text);
      for (const w of [...waiters]) w();
    },
    onEnd: (e) => {
      ended(e);
      for (const w of [...waiters]) w();
    },
  });
  return session;
}
