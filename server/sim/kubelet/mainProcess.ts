/**
 * A container's main process: the pod spec's command/args run by the shell interpreter,
 * or the image's default behaviour (a server that logs, a program that exits, an idle
 * shell waiting on a tty, a memory hog). It reports its exit through `onExit`.
 */
import type { Clock } from '../context.ts';
import type { ContainerSpec } from './containerFs.ts';
import type { ImageDef } from './images.ts';
import { ServerLogSource, startupLines } from './logLines.ts';
import type { LogBuffer } from './logs.ts';
import { StdinQueue, textWriter, type ShellHost, type TtyState, type Writer } from './shell/io.ts';
import { runContainerProcess } from './containerProcess.ts';

export interface Exit {
  code: number;
  reason: 'Completed' | 'Error' | 'OOMKilled' | 'StartError' | 'ContainerCannotRun';
  message?: string;
}

/** What attach connects to while the main process runs. */
export interface MainIO {
  /** The main process reads this when the container has `stdin: true`. */
  stdin?: StdinQueue;
  tty?: TtyState;
  /** Output of the main process, for attached sessions. */
  listeners: Set<(data: string) => void>;
  /** True when the main process is a shell on stdin (attach gives that shell). */
  interactive: boolean;
}

export interface MainProcessOptions {
  spec: ContainerSpec;
  image: ImageDef;
  host: ShellHost;
  log: LogBuffer;
  clock: Clock;
  podName: string;
  seed: number;
  memoryLimitBytes?: number;
  signal: AbortSignal;
  onExit(exit: Exit): void;
}

function exitOf(code: number): Exit {
  return { code, reason: code === 0 ? 'Completed' : 'Error' };
}

export function startMainProcess(o: MainProcessOptions): MainIO {
  const { spec, image, log, clock, signal } = o;
  const io: MainIO = { listeners: new Set(), interactive: false };
  // The log and attached clients take text: bytes a command writes are decoded as a stream.
  const out: Writer = textWriter((data) => {
    log.write(data);
    for (const l of io.listeners) l(data);
  });
  let finished = false;
  const finish = (exit: Exit) => {
    if (finished || signal.aborted) return;
    finished = true;
    o.onExit(exit);
  };

  const command: string[] | undefined = spec.command;
  const args: string[] | undefined = spec.args;
  const runsShell = image.main.kind === 'shell';
  if (command?.length || (args?.length && runsShell)) {
    const argv = [...(command ?? []), ...(args ?? [])];
    io.stdin = spec.stdin ? new StdinQueue() : new StdinQueue(undefined, true);
    io.tty = spec.tty ? { rows: 24, cols: 80 } : undefined;
    io.interactive = spec.stdin === true;
    void runContainerProcess(argv, o.host, { stdin: io.stdin, stdout: out, stderr: out, signal, tty: io.tty, terminal: true }).then(
      (r) => {
        if ('code' in r) finish(exitOf(r.code));
        else {
          const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${r.notFound}": executable file not found in $PATH: unknown`;
          finish({ code: 128, reason: 'StartError', message });
        }
      },
      (err: unknown) => finish({ code: 1, reason: 'Error', message: String(err) }),
    );
    return io;
  }

  const main = image.main;
  const startedAt = new Date();
  switch (main.kind) {
    case 'server': {
      for (const line of startupLines(main.logStyle, o.podName, startedAt)) log.writeLine(line, startedAt.getTime());
      if (main.everyMs > 0) {
        log.setPeriodic(new ServerLogSource(Math.max(1, clock.real(main.everyMs)), main.logStyle, o.seed), startedAt.getTime());
      }
      return io;
    }
    case 'exits': {
      const step = main.afterMs / Math.max(1, main.lines.length);
      main.lines.forEach((line, i) => clock.after(step * i, () => !signal.aborted && log.writeLine(line)));
      clock.after(main.afterMs, () => finish(main.reason ? { code: main.exitCode, reason: main.reason } : exitOf(main.exitCode)));
      return io;
    }
    case 'memhog': {
      const limit = o.memoryLimitBytes;
      const MiB = 1024 * 1024;
      log.writeLine(`memhog: allocating up to ${main.needBytes / MiB} MiB in 64 MiB steps`);
      const steps = Math.min(8, Math.ceil(main.needBytes / (64 * MiB)));
      for (let i = 1; i <= steps; i++) {
        clock.after((main.afterMs / steps) * i, () => {
          if (signal.aborted || finished) return;
          const allocated = Math.min(main.needBytes, i * 64 * MiB);
          if (limit !== undefined && allocated > limit) finish({ code: 137, reason: 'OOMKilled' });
          else log.writeLine(`memhog: allocated ${allocated / MiB} MiB`);
        });
      }
      return io;
    }
    case 'shell': {
      // PID 1 is a shell: with stdin it waits for input (attach gives it), without it reads EOF and exits 0.
      io.stdin = spec.stdin ? new StdinQueue() : new StdinQueue(undefined, true);
      io.tty = spec.tty ? { rows: 24, cols: 80 } : undefined;
      io.interactive = spec.stdin === true;
      void runContainerProcess(image.cmdline, o.host, { stdin: io.stdin, stdout: out, stderr: out, signal, tty: io.tty, terminal: true }).then(
        (r) => finish(exitOf('code' in r ? r.code : 127)),
        () => finish(exitOf(1)),
      );
      return io;
    }
  }
}
