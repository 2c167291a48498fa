/**
 * One exec or attach session, whatever carries it (websocket channels or SPDY streams): exec
 * starts a new process in the container (the shell interpreter); attach joins the main process
 * (its interactive shell when the container has stdin, else its new output). The transport
 * feeds in stdin and resize events and sends out what the process writes and its exit status.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { ContainerInstance, ContainerRuntime } from './containerRuntime.ts';
import { CHANNEL, ResizeParser } from './execProtocol.ts';
import type { PodRuntime } from './podLifecycle.ts';
import { StdinQueue, type Chunk, type TtyState, type Writer } from './shell/io.ts';
import { runContainerProcess } from './containerProcess.ts';
import { queryFlag } from '../../kube/queryBool.ts';

/** Above this many queued bytes a producer (seq) waits for the transport to drain. */
const HIGH_WATER = 1 << 20;

/**
 * How long the container runtime takes to start an exec'd process or attach to the main one
 * (containerd takes tens of milliseconds). Output never comes sooner than this after the
 * upgrade, and clients count on it: client-go creates its streams after the handshake while its
 * read loop already runs, and drops frames for streams it does not have yet, so kubectl lost
 * the output and the exit status of a command that answered within microseconds.
 */
export const RUNTIME_START_MS = 30;

/**
 * How long a tty exec waits for the client's first terminal size before its process starts.
 * kubectl sends the size as the first message of the resize stream, so a process that asks at
 * once (`stty size`, a shell laying out its prompt) sees it; with a busy client or proxy in
 * between it could come after the runtime's start, and the process saw 24x80. Clients that
 * never send a size (the Python client by default) start after this bound.
 */
export const FIRST_SIZE_WAIT_MS = 1000;

export type ExitOutcome = { code: number } | { internalError: string };

/** What a session needs from its transport. */
export interface SessionTransport {
  /** Still connected. */
  readonly open: boolean;
  /** Bytes written but not yet sent. */
  readonly buffered: number;
  /** Output on stdout (1) or stderr (2). */
  write(channel: number, data: Buffer | string): void;
  /** The process ended: its status goes out and the transport closes. */
  finish(exit: ExitOutcome, argv: string[]): void;
}

export class ExecRun {
  private readonly stdin = new StdinQueue();
  private readonly resizes = new ResizeParser();
  private readonly abort = new AbortController();
  readonly tty: TtyState = { rows: 24, cols: 80 };
  readonly wantStdin: boolean;
  readonly wantTty: boolean;
  private onResize?: (size: TtyState) => void;
  private sized?: () => void;
  private readonly firstSize = new Promise<void>((resolve) => (this.sized = resolve));
  private onStdin?: (data: Buffer) => void;

  constructor(
    private readonly out: SessionTransport,
    private readonly query: URLSearchParams,
    private readonly kind: 'exec' | 'attach',
  ) {
    this.wantStdin = queryFlag(query, 'stdin');
    this.wantTty = queryFlag(query, 'tty');
    if (!this.wantStdin) this.stdin.end();
  }

  /** Bytes as they came (`kubectl cp` sends a tar archive): whoever reads decides whether they are text. */
  stdinData(data: Buffer): void {
    if (!this.wantStdin) return;
    if (this.onStdin) this.onStdin(data);
    else this.stdin.push(data);
  }

  stdinEnd(): void {
    this.stdin.end();
  }

  /** Bytes of the resize stream: JSON objects `{"Width":80,"Height":24}`. */
  resize(data: Buffer): void {
    for (const size of this.resizes.push(data)) {
      this.tty.cols = size.cols;
      this.tty.rows = size.rows;
      this.sized?.();
      this.onResize?.(this.tty);
    }
  }

  /** The client went away: the process is killed. */
  closed(): void {
    this.abort.abort();
    this.stdin.end();
  }

  private writer(channel: number): Writer {
    return {
      write: (data: Chunk) => {
        if (!this.out.open || data.length === 0) return;
        this.out.write(channel, this.wantTty ? onlcr(data) : typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
        if (this.out.buffered > HIGH_WATER) return this.drained();
      },
    };
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.out.open || this.out.buffered < HIGH_WATER / 4) resolve();
        else setTimeout(check, 2);
      };
      check();
    });
  }

  private finish(exit: ExitOutcome, argv: string[]): void {
    if (this.out.open) this.out.finish(exit, argv);
  }

  async run(pod: PodRuntime, container: ContainerRuntime, instance: ContainerInstance): Promise<void> {
    const wantStdout = queryFlag(this.query, 'stdout');
    const wantStderr = queryFlag(this.query, 'stderr');
    await delay(RUNTIME_START_MS, undefined, { signal: this.abort.signal }).catch(() => {});
    if (this.wantTty && this.kind === 'exec') {
      const bound = new AbortController();
      await Promise.race([this.firstSize, delay(FIRST_SIZE_WAIT_MS, undefined, { signal: AbortSignal.any([bound.signal, this.abort.signal]) }).catch(() => {})]);
      bound.abort();
    }
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
    const proc = host.spawn(argv.join(' '));
    try {
      const result = await runContainerProcess(argv, host, { stdin: this.stdin, stdout, stderr, signal, tty: this.wantTty ? this.tty : undefined, terminal: this.wantStdin });
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
