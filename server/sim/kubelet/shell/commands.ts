/**
 * The command table: shell built-ins and the simulated programs on the image's PATH.
 * Shells are programs too, and only the image's own shells exist (busybox has no bash).
 * Images without any shell (pause, fluent-bit: distroless) have no programs at all.
 */
import type { ImageDef } from '../images.ts';
import { BUILTINS } from './builtins.ts';
import { FILE_COMMANDS } from './fileCommands.ts';
import type { StdinQueue, TerminalLike, TtyState, Writer } from './io.ts';
import type { Shell, ShellKind } from './interpreter.ts';
import { shellProgram } from './program.ts';
import { SYSTEM_COMMANDS } from './systemCommands.ts';
import { TEXT_COMMANDS } from './textCommands.ts';

export interface CommandContext {
  argv: string[];
  shell: Shell;
  stdin: StdinQueue;
  stdout: Writer;
  stderr: Writer;
  signal: AbortSignal;
  tty?: TtyState;
  terminal?: TerminalLike;
}

export type Command = (ctx: CommandContext) => number | Promise<number>;

export const SHELLS: readonly ShellKind[] = ['sh', 'ash', 'bash'];

// Built lazily: the command modules import this one, so their tables are not ready at load time.
let programs: Record<string, Command> | undefined;
function programTable(): Record<string, Command> {
  return (programs ??= { ...FILE_COMMANDS, ...TEXT_COMMANDS, ...SYSTEM_COMMANDS });
}

export interface FoundCommand {
  run: Command;
  /** What `command -v` prints: the name for a built-in, else its path. */
  location: string;
  builtin: boolean;
}

/** Busybox images keep everything in /bin; Debian-based ones in /usr/bin. */
function binDir(image: ImageDef): string {
  return image.shells.includes('bash') ? '/usr/bin' : '/bin';
}

export function isShellName(name: string): name is ShellKind {
  return (SHELLS as readonly string[]).includes(name);
}

/** Look a command up as the shell `kind` would in `image`. */
export function findCommand(nameOrPath: string, image: ImageDef, kind: ShellKind | undefined): FoundCommand | undefined {
  const name = nameOrPath.includes('/') ? nameOrPath.slice(nameOrPath.lastIndexOf('/') + 1) : nameOrPath;
  const builtin: Command | undefined = BUILTINS[name];
  if (builtin && kind && !nameOrPath.includes('/')) return { run: builtin, location: name, builtin: true };
  if (image.shells.length === 0) return undefined;
  if (isShellName(name)) {
    if (!image.shells.includes(name)) return undefined;
    return { run: shellProgram(name), location: name === 'bash' ? '/usr/bin/bash' : `/bin/${name}`, builtin: false };
  }
  const fromTable: Command | undefined = programTable()[name];
  const program = fromTable ?? (builtin !== undefined && !['cd', 'export', 'exit', 'exec', 'unset', 'command', 'type', 'set', 'read'].includes(name) ? builtin : undefined);
  if (!program) return undefined;
  return { run: program, location: `${binDir(image)}/${name}`, builtin: false };
}
