/**
 * Exec and attach sessions over websocket. Exec starts a new process in the container
 * (the shell interpreter); attach joins the main process (its interactive shell when the
 * container has stdin, else its new output). Each session ends with the status on channel
 * 3 and a close 1000; a client that goes away kills its process.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ContainerInstance, ContainerRuntime } from './containerRuntime.ts';
import { CHANNEL, decodeFrame, encodeFrame, exitStatusPayload, offeredProtocols, ResizeParser, selectProtocol, type ChannelProtocol } from './execProtocol.ts';
import type { PodRuntime } from './podLifecycle.ts';
import { StdinQueue, type Chunk, type TtyState, type Writer } from './shell/io.ts';
import { CONTAINER_COMMANDS } from './shell/commands.ts';
import { runProcess } from './shell/program.ts';
import { Terminal } from './shell/terminal.ts';
import { queryFlag } from '../../kube/queryBool.ts';

/** Above this many queued bytes a producer (seq) waits for the socket to drain. */
const HIGH_WATER = 1 << 20;

/**
 * How long the container runtime takes to start an exec'd process or attach to the main one
 * (containerd takes tens of milliseconds). Output never comes sooner than this after the
 * upgrade, and clients count on it: client-go creates its streams after the handshake while its
 * read loop already runs, and drops frames for streams it does not have yet, so kubectl lost
 * the output and the exit status of a command that answered within microseconds.
 */
export const RUNTIME_START_MS = 30;

export class StreamSessions {
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (protocols) => selectProtocol([...protocols])?.name || false,
  });
  private readonly sessions = new Set<WebSocket>();

  get count(): number {
    return this.sessions.size;
  }

  serve(kind: 'exec' | 'attach', req: IncomingMessage, socket: Duplex, head: Buffer, pod: PodRuntime | undefined, query: URLSearchParams): void {
    const protocol = selectProtocol(offeredProtocols(req.headers['sec-websocket-protocol']));
    if (!protocol) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const name = query.get('container') ?? pod?.containers[0]?.name ?? '';
    const container = pod?.container(name);
    const instance = container?.current;
    if (!pod || !container || !instance || !container.running) {
      const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `container not found ("${name}")`, reason: 'BadRequest', code: 400 });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sessions.add(ws);
      ws.on('close', () => this.sessions.delete(ws));
      const session = new Session(ws, protocol, query, kind === 'exec' ? 'exec' : 'attach');
      void session.run(pod, container, instance).catch(() => ws.terminate());
    });
  }

  close(): void {
    for (const ws of this.sessions) ws.terminate();
    this.sessions.clear();
    this.wss.close();
  }
}

class Session {
  private readonly stdin = new StdinQueue();
  private readonly resize = new ResizeParser();
  private readonly abort = new AbortController();
  readonly tty: TtyState = { rows: 24, cols: 80 };
  private readonly wantStdin: boolean;
  private readonly wantTty: boolean;
  onResize?: (size: TtyState) => void;
  onStdin?: (data: Buffer) => void;

  constructor(
    private readonly ws: WebSocket,
    private readonly protocol: ChannelProtocol,
    private readonly query: URLSearchParams,
    private readonly kind: 'exec' | 'attach',
  ) {
    this.wantStdin = queryFlag(query, 'stdin');
    this.wantTty = queryFlag(query, 'tty');
    if (!this.wantStdin) this.stdin.end();
    ws.on('message', (data: RawData, isBinary: boolean) => this.receive(toBuffer(data), isBinary));
    ws.on('close', () => {
      this.abort.abort();
      this.stdin.end();
    });
    ws.on('error', () => ws.terminate());
  }

  private receive(data: Buffer, isBinary: boolean): void {
    const frame = decodeFrame(this.protocol, data, isBinary);
    if (!frame) return;
    if (frame.channel === CHANNEL.stdin && this.wantStdin) {
      // Bytes as they came (`kubectl cp` sends a tar archive): whoever reads decides whether they are text.
      if (this.onStdin) this.onStdin(frame.payload);
      else this.stdin.push(frame.payload);
    } else if (frame.channel === CHANNEL.resize) {
      for (const size of this.resize.push(frame.payload)) {
        this.tty.cols = size.cols;
        this.tty.rows = size.rows;
        this.onResize?.(this.tty);
      }
    } else if (frame.channel === CHANNEL.close && this.protocol.version >= 5 && frame.payload[0] === CHANNEL.stdin) {
      this.stdin.end();
    }
  }

  private writer(channel: number): Writer {
    return {
      write: (data: Chunk) => {
        if (this.ws.readyState !== WebSocket.OPEN || data.length === 0) return;
        this.ws.send(encodeFrame(this.protocol, channel, this.wantTty ? onlcr(data) : typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)));
        if (this.ws.bufferedAmount > HIGH_WATER) return this.drained();
      },
    };
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.ws.readyState !== WebSocket.OPEN || this.ws.bufferedAmount < HIGH_WATER / 4) resolve();
        else setTimeout(check, 2);
      };
      check();
    });
  }

  private finish(exit: { code: number } | { internalError: string }, argv: string[]): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const payload = exitStatusPayload(this.protocol, exit, argv);
    if (payload !== undefined) this.ws.send(encodeFrame(this.protocol, CHANNEL.error, payload));
    this.ws.close(1000);
  }

  async run(pod: PodRuntime, container: ContainerRuntime, instance: ContainerInstance): Promise<void> {
    const wantStdout = queryFlag(this.query, 'stdout');
    const wantStderr = queryFlag(this.query, 'stderr');
    // The client learns the connection is up from an empty message on the lowest writable channel.
    const first = wantStdout ? CHANNEL.stdout : wantStderr && !this.wantTty ? CHANNEL.stderr : CHANNEL.error;
    this.ws.send(encodeFrame(this.protocol, first, Buffer.alloc(0)));
    await delay(RUNTIME_START_MS, undefined, { signal: this.abort.signal }).catch(() => {});
    if (this.abort.signal.aborted) return;
    const onKilled = () => this.abort.abort();
    instance.stop.signal.addEventListener('abort', onKilled, { once: true });
    if (instance.stop.signal.aborted) onKilled();
    try {
      if (this.kind === 'attach') await this.attach(instance);
      else await this.exec(pod, container, instance, wantStdout, wantStderr);
    } finally {
      instance.stop.signal.removeEventListener('abort', onKilled);
    }
  }

  private async exec(pod: PodRuntime, container: ContainerRuntime, instance: ContainerInstance, wantStdout: boolean, wantStderr: boolean): Promise<void> {
    const argv = this.query.getAll('command');
    const host = pod.hostFor(container, instance);
    const stdout = wantStdout ? this.writer(CHANNEL.stdout) : { write: () => {} };
    const stderr = this.wantTty ? stdout : wantStderr ? this.writer(CHANNEL.stderr) : { write: () => {} };
    const signal = this.abort.signal;
    const terminal = this.wantTty && this.wantStdin ? new Terminal(this.stdin, stdout, this.tty, signal, host) : undefined;
    const proc = host.spawn(argv.join(' '));
    try {
      const result = await runProcess(CONTAINER_COMMANDS, argv, host, { stdin: this.stdin, stdout, stderr, signal, tty: this.wantTty ? this.tty : undefined, terminal });
      if (signal.aborted && instance.exit) return this.finish({ code: 137 }, argv);
      if ('notFound' in result) {
        const execId = randomBytes(32).toString('hex');
        return this.finish({ internalError: `error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${result.notFound}": executable file not found in $PATH: unknown` }, argv);
      }
      this.finish({ code: result.code }, argv);
    } finally {
      proc.exit();
    }
  }

  private async attach(instance: ContainerInstance): Promise<void> {
    const main = instance.main;
    const stdout = this.writer(CHANNEL.stdout);
    const done = new Promise<void>((resolve) => {
      const stopFollow = instance.log.follow(() => {}, resolve);
      this.abort.signal.addEventListener('abort', () => {
        stopFollow();
        resolve();
      }, { once: true });
    });
    if (main?.interactive && main.stdin) {
      const stdin = main.stdin;
      // What the client typed while the runtime attached goes first.
      for (const typed of this.stdin.drain()) stdin.push(typed);
      this.onStdin = (data) => stdin.push(data);
      this.onResize = (size) => {
        if (main.tty) {
          main.tty.rows = size.rows;
          main.tty.cols = size.cols;
        }
      };
      const listener = (data: string) => void stdout.write(data);
      main.listeners.add(listener);
      try {
        await done;
      } finally {
        main.listeners.delete(listener);
      }
    } else {
      const stop = instance.log.follow((l) => void stdout.write(l.text + '\n'), () => {});
      try {
        await done;
      } finally {
        stop();
      }
    }
    this.finish({ code: instance.exit?.code ?? 0 }, []);
  }
}

/** A terminal's output processing (the tty's onlcr flag): each newline goes out as CR LF. */
function onlcr(data: Chunk): string | Buffer {
  if (typeof data === 'string') return data.replace(/\r?\n/g, '\r\n');
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!bytes.includes(0x0a)) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a && bytes[i - 1] !== 0x0d) out.push(0x0d);
    out.push(bytes[i]);
  }
  return Buffer.from(out);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
