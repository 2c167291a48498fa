/**
 * What word expansion, redirections and compound commands need of the shell that runs them.
 * The interpreter's Shell implements it; those modules import this, not the interpreter that
 * imports them, so the shell's files form no import circle.
 */
import type { List } from './ast.ts';
import type { ShellHost, StdinQueue, TtyState, Writer } from './io.ts';

export interface RunIO {
  stdin: StdinQueue;
  stdout: Writer;
  stderr: Writer;
  signal: AbortSignal;
  tty?: TtyState;
  /** Present in an interactive tty session: lets `bash` typed at a prompt nest a new interactive shell. */
  terminal?: TerminalLike;
}

/** An interactive terminal that can run a (nested) shell's read-eval loop. */
export interface TerminalLike {
  interactive(shell: ShellState): Promise<number>;
}

export interface ShellState {
  readonly vars: Map<string, string>;
  readonly options: Set<string>;
  readonly host: ShellHost;
  /** `sh` or `bash`, as `$0` of a script names it. */
  readonly name: string;
  cwd: string;
  status: number;
  /** $0 and positional parameters. */
  positional: string[];
  /** `$!`: the pid of the last background job, if any. */
  lastJob?: number;
  /** A copy of the shell, as a subshell or command substitution runs in. */
  fork(): ShellState;
  resolvePath(path: string): string;
  runList(list: List, io: RunIO): Promise<number>;
  /** Runs a condition (`if`/`while` test): `set -e` ignores its failure. */
  asCondition(run: () => Promise<number>): Promise<number>;
  /** Runs a script; `exit N` returns N instead of unwinding (command substitution runs this way). */
  runToExit(source: string, io: RunIO): Promise<{ code: number; exited: boolean }>;
  /** Runs one command by name: a function, a built-in or a simulated program (what `exec` hands over). */
  runArgv(argv: string[], io: RunIO): Promise<number>;
}
