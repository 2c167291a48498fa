/**
 * The command registry: shell built-ins and the simulated programs on the image's PATH,
 * registered here and handed to every Shell (which imports none of them).
 * Shells are programs too, and only the image's own shells exist (busybox has no bash).
 * Images without any shell (pause, fluent-bit: distroless) have no programs at all.
 */
import { hasGnuUserland, type ImageDef } from '../images.ts';
import { AWK_COMMANDS } from './awk/index.ts';
import { BUILTINS } from './builtins.ts';
import { COPY_COMMANDS } from './copyMove.ts';
import { DISK_COMMANDS } from './diskCommands.ts';
import { FILE_COMMANDS } from './fileCommands.ts';
import { FIND_COMMANDS } from './find.ts';
import { FILTER_COMMANDS } from './filters/index.ts';
import { JOB_BUILTINS } from './jobControl.ts';
import { NET_COMMANDS } from './netCommands.ts';
import { isShellName, SHELLS, type Command, type CommandLookup, type FoundCommand, type ShellKind } from './interpreter.ts';
import { shellProgram } from './program.ts';
import { SYSTEM_COMMANDS } from './systemCommands.ts';
import { ARCHIVE_COMMANDS } from './tar.ts';
import { TEXT_COMMANDS } from './textCommands.ts';
import { TOP_COMMANDS } from './top.ts';
import { XARGS_COMMANDS } from './xargs.ts';

/** Built-ins that exist only inside a shell: there is no /bin/cd; the others (echo, test, ...) are on PATH too. */
const SHELL_ONLY_BUILTINS = new Set(['trap', 'wait', 'cd', 'export', 'exit', 'exec', 'unset', 'command', 'type', 'set', 'read', 'break', 'continue', 'return', 'shift', 'local', 'eval', '.', 'source']);

export class CommandRegistry implements CommandLookup {
  private readonly builtins = new Map<string, Command>();
  private readonly programs = new Map<string, Command>();
  private readonly shells = new Map<ShellKind, Command>();

  builtin(name: string, run: Command): this {
    this.builtins.set(name, run);
    return this;
  }

  program(name: string, run: Command): this {
    this.programs.set(name, run);
    return this;
  }

  shell(kind: ShellKind, run: Command): this {
    this.shells.set(kind, run);
    return this;
  }

  find(nameOrPath: string, image: ImageDef, kind: ShellKind | undefined): FoundCommand | undefined {
    const name = nameOrPath.includes('/') ? nameOrPath.slice(nameOrPath.lastIndexOf('/') + 1) : nameOrPath;
    const builtin = this.builtins.get(name);
    if (builtin && kind && !nameOrPath.includes('/')) return { run: builtin, location: name, builtin: true };
    if (image.shells.length === 0) return undefined;
    if (isShellName(name)) {
      const shell = this.shells.get(name);
      if (!shell || !image.shells.includes(name)) return undefined;
      return { run: shell, location: name === 'bash' ? '/usr/bin/bash' : `/bin/${name}`, builtin: false };
    }
    const program = this.programs.get(name) ?? (builtin && !SHELL_ONLY_BUILTINS.has(name) ? builtin : undefined);
    if (!program) return undefined;
    return { run: program, location: `${binDir(image)}/${name}`, builtin: false };
  }
}

/** Busybox images keep everything in /bin; Debian-based ones in /usr/bin. */
function binDir(image: ImageDef): string {
  return hasGnuUserland(image) ? '/usr/bin' : '/bin';
}

/** Every command the demo cluster's containers know (the image decides which of them it has). */
export const CONTAINER_COMMANDS: CommandLookup = (() => {
  const registry = new CommandRegistry();
  for (const [name, run] of Object.entries({ ...BUILTINS, ...JOB_BUILTINS })) registry.builtin(name, run);
  for (const table of [FILE_COMMANDS, COPY_COMMANDS, TEXT_COMMANDS, FILTER_COMMANDS, AWK_COMMANDS, SYSTEM_COMMANDS, ARCHIVE_COMMANDS, DISK_COMMANDS, NET_COMMANDS, TOP_COMMANDS, FIND_COMMANDS, XARGS_COMMANDS]) for (const [name, run] of Object.entries(table)) registry.program(name, run);
  for (const kind of SHELLS) registry.shell(kind, shellProgram(kind));
  return registry;
})();
