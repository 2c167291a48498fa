/**
 * Starting a process in a container: what the runtime does with an exec's argv (or a
 * container's command). Shells run scripts (`-c`), an interactive read-eval loop on a
 * tty, or commands read line by line from stdin; other argv run the simulated program.
 * `exec` inside a shell replaces it with the named program, as the real builtin does.
 */
import type { ShellHost } from './io.ts';
import { ExecRequest, isShellName, Shell, type Command, type CommandLookup, type RunIO, type ShellKind } from './interpreter.ts';
import { isIncomplete } from './parser.ts';
import { VfsError } from './vfs.ts';

export type ProcessResult = { code: number } | { notFound: string };

/** The name a program is invoked by, without its directory. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Run argv as the container runtime would exec it. `{ notFound }` is the runtime's
 * "executable file not found in $PATH" (the process never started).
 */
export async function runProcess(commands: CommandLookup, argv: string[], host: ShellHost, io: RunIO, env?: Shell): Promise<ProcessResult> {
  if (argv.length === 0) return { notFound: '' };
  const found = commands.find(argv[0], host.image, undefined);
  if (!found) return { notFound: argv[0] };
  const name = baseName(argv[0]);
  if (isShellName(name)) return { code: await runShell(commands, name, argv.slice(1), host, io, env) };
  const shell = inherit(commands, host, 'sh', env);
  try {
    return { code: await shell.runArgv(argv, io) };
  } catch (e) {
    if (e instanceof ExecRequest) return runProcess(commands, e.argv, host, io, shell);
    throw e;
  }
}

/** A new shell that inherits the exported environment and directory of `parent`. */
function inherit(commands: CommandLookup, host: ShellHost, kind: ShellKind, parent: Shell | undefined, positional?: string[]): Shell {
  const shell = new Shell(commands, host, kind, positional);
  if (parent) {
    for (const k of parent.exported) {
      const v = parent.vars.get(k);
      if (v !== undefined) shell.setExported(k, v);
    }
    shell.cwd = parent.cwd;
  }
  return shell;
}

export async function runShell(commands: CommandLookup, kind: ShellKind, args: string[], host: ShellHost, io: RunIO, parent?: Shell): Promise<number> {
  let script: string | undefined;
  let positional: string[] = [kind];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-c') {
      script = args[i + 1] ?? '';
      positional = args.slice(i + 2);
      if (positional.length === 0) positional = [kind];
      break;
    }
    if (!a.startsWith('-')) {
      // `sh script.sh`: run a file from the vfs.
      try {
        script = host.vfs.readFile(parent ? parent.resolvePath(a) : a);
      } catch (err) {
        if (!(err instanceof VfsError)) throw err;
        await io.stderr.write(`${kind === 'bash' ? 'bash' : 'sh'}: can't open '${a}': No such file or directory\n`);
        return kind === 'bash' ? 127 : 2;
      }
      positional = args.slice(i);
      break;
    }
  }
  const shell = inherit(commands, host, kind, parent, positional);
  if (script !== undefined) {
    try {
      return await withExitTrap(shell, io, (await shell.runToExit(script, io)).code);
    } catch (e) {
      if (!(e instanceof ExecRequest)) throw e;
      const r = await runProcess(commands, e.argv, host, io, shell);
      return 'code' in r ? r.code : 127;
    }
  }
  if (io.tty && io.terminal) return io.terminal.interactive(shell);
  return withExitTrap(shell, io, await readCommandsFromStdin(shell, io));
}

/** A shell ending runs its `trap ... EXIT` action; an `exit N` there sets the status. */
async function withExitTrap(shell: Shell, io: RunIO, code: number): Promise<number> {
  const action = shell.traps.get('EXIT');
  if (!action) return code;
  shell.traps.delete('EXIT');
  shell.status = code;
  const r = await shell.runToExit(action, io);
  return r.exited ? r.code : code;
}

/** A shell whose stdin is not a terminal: it reads and runs one line at a time until EOF. */
async function readCommandsFromStdin(shell: Shell, io: RunIO): Promise<number> {
  let pending = '';
  for (;;) {
    const chunk = await io.stdin.read(io.signal);
    if (chunk === null) {
      if (io.signal.aborted) return 130;
      if (pending.trim()) {
        const r = await runLine(shell, pending, io);
        if (r.exited) return r.code;
      }
      return shell.status;
    }
    pending += chunk;
    // Whole commands: a line that opens a loop or a here-document waits for the lines that close it.
    let nl = -1;
    while ((nl = pending.indexOf('\n', nl + 1)) >= 0) {
      const line = pending.slice(0, nl);
      if (isIncomplete(line)) continue;
      // The rest stays readable by the commands this line runs (`read`, `cat`).
      io.stdin.unshift(pending.slice(nl + 1));
      pending = '';
      const r = await runLine(shell, line, io);
      if (r.exited) return r.code;
      break;
    }
  }
}

async function runLine(shell: Shell, line: string, io: RunIO): Promise<{ code: number; exited: boolean }> {
  try {
    return await shell.runToExit(line, io);
  } catch (e) {
    if (!(e instanceof ExecRequest)) throw e;
    const r = await runProcess(shell.commands, e.argv, shell.host, io, shell);
    return { code: 'code' in r ? r.code : 127, exited: true };
  }
}

/** `sh`, `ash` and `bash` as programs run from a shell (a subshell, or a nested interactive one). */
export function shellProgram(kind: ShellKind): Command {
  return (ctx) => runShell(ctx.shell.commands, kind, ctx.argv.slice(1), ctx.shell.host, ctx, ctx.shell);
}
