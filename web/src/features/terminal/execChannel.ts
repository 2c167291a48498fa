/**
 * The browser side of Kubernetes exec/attach: the remotecommand websocket channel protocol
 * (`v5.channel.k8s.io`, then `v4.channel.k8s.io`), binary frames `[channel][payload]`.
 * DOM-free: it takes anything shaped like a WebSocket, so the browser's and the `ws` package's
 * both work (the tests drive it with `ws` against the demo cluster).
 *
 * Keep-alive: every `keepAliveMs` an EMPTY binary message (no channel byte) goes upstream. The
 * API server's and kubelet's wsstream reader skips zero-length messages (`if len(data) == 0
 * { continue }`) after resetting its idle deadline, so the process never sees it; nginx re-arms
 * `proxy_read_timeout` on traffic in either direction of an upgraded connection. Browsers
 * cannot send ping frames, and the console's proxy relays bytes without parsing frames, so
 * this message is the one keep-alive a browser can give. (A stdin frame would reach the
 * process; a same-size resize would be dropped only for tty sessions.)
 */
import { exitOf, type SessionEnd } from './sessionEnd.ts';

export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4, close: 255 } as const;

/** What we offer, best first. Base64 variants are for clients without binary frames; we have them. */
export const OFFERED_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

/** Browsers and proxies cut quiet connections after 30–60 s (nginx: 60 s); stay well below. */
export const DEFAULT_KEEP_ALIVE_MS = 20_000;

/** The part of the WebSocket interface we use; the DOM's and the `ws` package's both satisfy it. */
export interface SocketLike {
  binaryType: string;
  readonly protocol: string;
  readonly readyState: number;
  send(data: ArrayBufferView | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string; wasClean?: boolean }) => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

const OPEN = 1;

export interface ExecChannelOptions {
  url: string;
  /** Defaults to the global WebSocket (the browser's; Node ≥ 22 has one too). */
  createSocket?: (url: string, protocols: string[]) => SocketLike;
  /** Protocols to offer (tests force `['v4.channel.k8s.io']`). */
  protocols?: readonly string[];
  /** Sent as the first resize once the socket opens (tty sessions). */
  size?: { cols: number; rows: number };
  keepAliveMs?: number;
  onOpen?(protocol: string): void;
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
  /** Once, when the socket has closed: why the session ended. */
  onEnd?(end: SessionEnd): void;
}

export interface ExecChannel {
  /** The subprotocol the server chose ('' until open). */
  readonly protocol: string;
  readonly state: 'connecting' | 'open' | 'ended';
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** End of input: `[255, 0]` on v5; v4 has no way to say it (nothing is sent). */
  closeStdin(): void;
  /** Stdin close, then a normal close frame (1000): the process gets EOF/SIGHUP and ends. */
  close(): void;
}

const encoder = new TextEncoder();

export function frame(channel: number, payload: Uint8Array | string = new Uint8Array(0)): Uint8Array {
  const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
  const out = new Uint8Array(bytes.length + 1);
  out[0] = channel;
  out.set(bytes, 1);
  return out;
}

export function resizeFrame(cols: number, rows: number): Uint8Array {
  return frame(CHANNEL.resize, JSON.stringify({ Width: cols, Height: rows }));
}

function bytesOf(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

function defaultSocket(url: string, protocols: string[]): SocketLike {
  const Ctor = (globalThis as { WebSocket?: new (url: string, protocols: string[]) => SocketLike }).WebSocket;
  if (!Ctor) throw new Error('no WebSocket implementation: pass createSocket');
  return new Ctor(url, protocols);
}

export function openExecChannel(opts: ExecChannelOptions): ExecChannel {
  const socket = (opts.createSocket ?? defaultSocket)(opts.url, [...(opts.protocols ?? OFFERED_PROTOCOLS)]);
  socket.binaryType = 'arraybuffer';
  const decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
  let state: ExecChannel['state'] = 'connecting';
  let size = opts.size;
  let status = '';
  let closedByUs = false;
  let opened = false;
  let stdinClosed = false;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const pending: Uint8Array[] = [];

  const send = (bytes: Uint8Array) => {
    if (state === 'ended') return;
    if (socket.readyState !== OPEN) pending.push(bytes);
    else socket.send(bytes);
  };

  socket.addEventListener('open', () => {
    state = 'open';
    opened = true;
    if (size) socket.send(resizeFrame(size.cols, size.rows));
    for (const bytes of pending.splice(0)) socket.send(bytes);
    const every = opts.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    if (every > 0) keepAlive = setInterval(() => socket.readyState === OPEN && socket.send(new Uint8Array(0)), every);
    opts.onOpen?.(socket.protocol);
  });

  socket.addEventListener('message', (event) => {
    const bytes = bytesOf(event.data);
    if (!bytes || bytes.length === 0) return;
    const payload = bytes.subarray(1);
    switch (bytes[0]) {
      case CHANNEL.stdout:
      case CHANNEL.stderr: {
        const stream = bytes[0] === CHANNEL.stdout ? 'stdout' : 'stderr';
        // stream: true keeps a UTF-8 sequence split across frames for the next one.
        const text = decoders[stream].decode(payload, { stream: true });
        if (text) opts.onOutput?.(text, stream);
        break;
      }
      case CHANNEL.status:
        // After we closed, the shell's exit is our own doing (EOF on stdin): the session ends as "closed".
        if (!closedByUs) status += new TextDecoder().decode(payload);
        break;
    }
  });

  let ended = false;
  const end = (code: number, reason: string) => {
    if (ended) return;
    ended = true;
    state = 'ended';
    clearInterval(keepAlive);
    pending.length = 0;
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = decoders[stream].decode();
      if (rest) opts.onOutput?.(rest, stream);
    }
    opts.onEnd?.(exitOf({ status, closedByUs, code, reason, opened }));
  };
  socket.addEventListener('close', (event) => end(event.code, event.reason));
  // An error is always followed by a close event; the close carries the code.
  socket.addEventListener('error', () => {});

  return {
    get protocol() {
      return socket.protocol;
    },
    get state() {
      return state;
    },
    write(data: string) {
      if (data && !stdinClosed) send(frame(CHANNEL.stdin, data));
    },
    resize(cols: number, rows: number) {
      if (!(cols > 0 && rows > 0) || (size && size.cols === cols && size.rows === rows && state === 'open')) return;
      size = { cols, rows };
      if (state === 'open') socket.send(resizeFrame(cols, rows));
    },
    closeStdin() {
      if (stdinClosed) return;
      stdinClosed = true;
      if (state === 'open' && socket.protocol === 'v5.channel.k8s.io') socket.send(frame(CHANNEL.close, new Uint8Array([CHANNEL.stdin])));
    },
    close() {
      if (state === 'ended' || closedByUs) return;
      closedByUs = true;
      this.closeStdin();
      clearInterval(keepAlive);
      socket.close(1000);
    },
  };
}
