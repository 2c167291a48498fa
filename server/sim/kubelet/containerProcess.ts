/**
 * Runs one process in a container: a main process, an exec session or an exec probe.
 *
 * The shell (its parser, interpreter and the busybox and GNU applets, `tar` among them) is
 * about a sixth of the simulator's modules. It is loaded when the first process runs, not
 * when the demo cluster starts: the API answers before any container has started, as on a
 * real node where the runtime starts containers after the API server is up.
 */
import type { ShellHost, StdinQueue, TtyState, Writer } from './shell/io.ts';
import type { ProcessResult } from './shell/program.ts';

export interface ProcessIO {
  stdin: StdinQueue;
  stdout: Writer;
  stderr: Writer;
  signal: AbortSignal;
  tty?: TtyState;
  /** An interactive terminal on stdin and stdout (needs `tty`): a shell reads lines with a prompt and history. */
  terminal?: boolean;
}

type Shell = Pick<typeof import('./shell/program.ts'), 'runProcess'> &
  Pick<typeof import('./shell/commands.ts'), 'CONTAINER_COMMANDS'> &
  Pick<typeof import('./shell/terminal.ts'), 'Terminal'>;

let loading: Promise<Shell> | undefined;

function loadShell(): Promise<Shell> {
  loading ??= Promise.all([import('./shell/program.ts'), import('./shell/commands.ts'), import('./shell/terminal.ts')]).then(
    ([program, commands, terminal]) => ({ runProcess: program.runProcess, CONTAINER_COMMANDS: commands.CONTAINER_COMMANDS, Terminal: terminal.Terminal }),
  );
  return loading;
}

/** Runs `argv` as the container's runtime would exec it: `{ notFound }` when no such executable exists. */
export async function runContainerProcess(argv: string[], host: ShellHost, io: ProcessIO): Promise<ProcessResult> {
  const shell = await loadShell();
  const terminal = io.terminal && io.tty ? new shell.Terminal(io.stdin, io.stdout, io.tty, io.signal, host) : undefined;
  return shell.runProcess(shell.CONTAINER_COMMANDS, argv, host, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, signal: io.signal, tty: io.tty, terminal });
}
