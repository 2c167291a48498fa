/**
 * Runs parsed scripts: lists, `&&`/`||`, `!`, `$?`, `set -e`, pipelines (every stage runs
 * at once, in a copy of the shell, as in ash; a stage that writes to a finished reader ends
 * as with SIGPIPE), simple commands with their assignments, and functions. Word expansion
 * is expansion.ts's, redirections redirection.ts's, compound commands compound.ts's; the
 * control-flow signals live in signals.ts. Commands come from the CommandLookup the shell is
 * given (commands.ts holds the registry); the commands import this module, never the other
 * way round. Nothing ever runs on the host.
 */
import type { ImageDef } from '../images.ts';
import type { AndOr, Command as AstCommand, List, Pipeline, SimpleCommand } from './ast.ts';
import { runCompound } from './compound.ts';
import { expand, expandWords } from './expansion.ts';
import { StdinQueue, type Chunk, type ShellHost, type Writer } from './io.ts';
import { parseScript, ShellSyntaxError } from './parser.ts';
import { redirect } from './redirection.ts';
import { BrokenPipe, ExecRequest, ExitRequest, ExpansionError, LoopControl, ReturnRequest } from './signals.ts';
import { normalizePath, VfsError } from './vfs.ts';
import type { RunIO, ShellState } from './shellState.ts';

export type { RunIO, TerminalLike } from './shellState.ts';

export { BrokenPipe, ExecRequest, ExitRequest, ExpansionError, LoopControl, ReturnRequest } from './signals.ts';

export type ShellKind = 'sh' | 'ash' | 'bash';

export const SHELLS: readonly ShellKind[] = ['sh', 'ash', 'bash'];

export function isShellName(name: string): name is ShellKind {
  return (SHELLS as readonly string[]).includes(name);
}

/** A pipe between two stages of a pipeline. */
class Pipe implements Writer {
  readonly reader = new StdinQueue();
  closed = false;
  write(data: Chunk): void {
    if (this.closed) throw new BrokenPipe('broken pipe');
    this.reader.push(data);
  }
}

/** What a command runs with: its argv and shell, and the process's streams. */
export interface CommandContext extends RunIO {
  argv: string[];
  shell: Shell;
}

export type Command = (ctx: CommandContext) => number | Promise<number>;

export interface FoundCommand {
  run: Command;
  /** What `command -v` prints: the name for a built-in, else its path. */
  location: string;
  builtin: boolean;
}

/** Where a shell finds its commands: built-ins, and the programs on the image's PATH. */
export interface CommandLookup {
  /** Look a command up as the shell `kind` would in `image` (no kind: the runtime exec'ing argv). */
  find(nameOrPath: string, image: ImageDef, kind: ShellKind | undefined): FoundCommand | undefined;
}

export class Shell implements ShellState {
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  cwd: string;
  status = 0;
  /** $0 and positional parameters. */
  positional: string[];
  readonly functions = new Map<string, AstCommand>();
  /** `set -e` (errexit) and `set -u` (nounset); the others are accepted and have no effect. */
  readonly options = new Set<string>();
  /** Background jobs still running, by pid; `$!` is the last one started. */
  readonly jobs = new Map<number, Promise<number>>();
  lastJob?: number;
  /** `trap ACTION CONDITION`: the action per condition (EXIT, TERM, ...); only EXIT ever fires here. */
  readonly traps = new Map<string, string>();
  /** Above 0 while running an `if`/`while` condition or a non-final `&&`/`||` part: `set -e` ignores failures there. */
  private conditionDepth = 0;

  constructor(
    readonly commands: CommandLookup,
    readonly host: ShellHost,
    readonly kind: ShellKind,
    positional: string[] = [kind],
  ) {
    this.positional = positional;
    for (const [k, v] of Object.entries(host.env)) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    if (!this.vars.has('HOME')) this.setExported('HOME', '/root');
    if (!this.vars.has('HOSTNAME')) this.setExported('HOSTNAME', host.hostname);
    this.cwd = host.vfs.isDir(this.vars.get('PWD') ?? '/') ? (this.vars.get('PWD') ?? '/') : '/';
    this.setExported('PWD', this.cwd);
    if (kind === 'bash') this.vars.set('BASH', '/usr/bin/bash');
  }

  /** The name error messages start with. */
  get name(): string {
    return this.kind === 'bash' ? 'bash' : 'sh';
  }

  setExported(name: string, value: string): void {
    this.vars.set(name, value);
    this.exported.add(name);
  }

  environment(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }

  resolvePath(path: string): string {
    return normalizePath(this.cwd, path === '~' || path.startsWith('~/') ? (this.vars.get('HOME') ?? '/root') + path.slice(1) : path);
  }

  /**
   * Run a script. `exit` unwinds here and its code is returned; `exec` propagates as an
   * ExecRequest for the caller to replace the shell.
   */
  async run(source: string, io: RunIO): Promise<number> {
    let script;
    try {
      script = parseScript(source);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      await io.stderr.write(`${this.name}: ${e.message}\n`);
      this.status = 2;
      return 2;
    }
    return this.runList(script, io);
  }

  /** Like run, but `exit N` returns N instead of unwinding (a script's or a line's end). */
  async runToExit(source: string, io: RunIO): Promise<{ code: number; exited: boolean }> {
    try {
      return { code: await this.run(source, io), exited: false };
    } catch (e) {
      if (e instanceof ExitRequest) return { code: e.code, exited: true };
      if (e instanceof ReturnRequest || e instanceof LoopControl) return { code: this.status, exited: false };
      throw e;
    }
  }

  /** A copy of this shell for a subshell, a pipeline stage or `$(...)`. */
  fork(): Shell {
    const sub = new Shell(this.commands, this.host, this.kind, [...this.positional]);
    for (const [k, v] of this.vars) sub.vars.set(k, v);
    for (const k of this.exported) sub.exported.add(k);
    for (const [k, v] of this.functions) sub.functions.set(k, v);
    for (const o of this.options) sub.options.add(o);
    sub.cwd = this.cwd;
    sub.status = this.status;
    return sub;
  }

  async runList(list: List, io: RunIO): Promise<number> {
    for (const andOr of list) {
      if (io.signal.aborted) break;
      if (andOr.background) {
        // A background job runs in a copy of the shell, as a process `ps` shows; `wait` and `$!` find it.
        const job = this.fork();
        const proc = this.host.spawn(this.name);
        const done = job.runAndOr(andOr, io).catch((e: unknown) => {
          if (e instanceof ExitRequest) return e.code;
          if (e instanceof BrokenPipe) return 141;
          if (!(e instanceof ExecRequest)) console.error('[sim] shell: background job failed', e);
          return 1;
        }).finally(() => {
          proc.exit();
          this.jobs.delete(proc.pid);
        });
        this.jobs.set(proc.pid, done);
        this.lastJob = proc.pid;
        this.status = 0;
        continue;
      }
      this.status = await this.runAndOr(andOr, io);
    }
    return this.status;
  }

  private async runAndOr(andOr: AndOr, io: RunIO): Promise<number> {
    const parts = [{ op: '&&' as const, pipeline: andOr.first }, ...andOr.rest];
    let status = 0;
    for (let i = 0; i < parts.length; i++) {
      const { op, pipeline } = parts[i];
      if (i > 0 && !((op === '&&' && status === 0) || (op === '||' && status !== 0))) continue;
      const last = i === parts.length - 1;
      status = last ? await this.runPipeline(pipeline, io) : await this.asCondition(() => this.runPipeline(pipeline, io));
      this.status = status;
      if (last && status !== 0 && !pipeline.negate && this.conditionDepth === 0 && this.options.has('e')) throw new ExitRequest(status);
    }
    return status;
  }

  /** Run a condition (`if`, `while`, a non-final `&&`/`||` part): `set -e` ignores its failure. */
  async asCondition(run: () => Promise<number>): Promise<number> {
    this.conditionDepth++;
    try {
      return await run();
    } finally {
      this.conditionDepth--;
    }
  }

  private async runPipeline(p: Pipeline, io: RunIO): Promise<number> {
    let status: number;
    if (p.commands.length === 1) status = p.negate ? await this.asCondition(() => this.runCommand(p.commands[0], io)) : await this.runCommand(p.commands[0], io);
    else {
      const pipes = p.commands.slice(1).map(() => new Pipe());
      const stages = p.commands.map(async (cmd, i) => {
        const stage = this.fork();
        const input = i === 0 ? io.stdin : pipes[i - 1].reader;
        const output = i < pipes.length ? pipes[i] : io.stdout;
        try {
          return await stage.runStage(cmd, { ...io, stdin: input, stdout: output });
        } catch (e) {
          if (e instanceof BrokenPipe) return 141;
          if (e instanceof ExitRequest) return e.code;
          throw e;
        } finally {
          if (i < pipes.length) pipes[i].reader.end();
          // A finished reader: later writes to its pipe fail, as with SIGPIPE.
          if (i > 0) pipes[i - 1].closed = true;
        }
      });
      status = (await Promise.all(stages))[stages.length - 1];
    }
    return p.negate ? (status === 0 ? 1 : 0) : status;
  }

  private async runStage(cmd: AstCommand, io: RunIO): Promise<number> {
    try {
      return await this.runCommand(cmd, io);
    } catch (e) {
      if (e instanceof ReturnRequest) return e.code;
      if (e instanceof LoopControl) return this.status;
      throw e;
    }
  }

  private async runCommand(cmd: AstCommand, io: RunIO): Promise<number> {
    if (cmd.type === 'simple') return this.runSimple(cmd, io);
    if (cmd.type === 'function') {
      this.functions.set(cmd.name, cmd.body);
      return 0;
    }
    const redirected = await redirect(this, cmd.redirects, io);
    if (typeof redirected === 'number') return redirected;
    return runCompound(this, cmd, redirected);
  }



  private async runSimple(cmd: SimpleCommand, io: RunIO): Promise<number> {
    let argv: string[];
    const assigns: [string, string][] = [];
    try {
      argv = await expandWords(this, cmd.words, io);
      for (const a of cmd.assigns) assigns.push([a.name, (await expand(this, a.value, io, false)).join('')]);
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      await io.stderr.write(`${this.name}: ${e.message}\n`);
      return 2;
    }
    const redirected = await redirect(this, cmd.redirects, io);
    if (typeof redirected === 'number') return redirected;
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      return 0;
    }
    const saved: [string, string | undefined, boolean][] = [];
    for (const [k, v] of assigns) {
      saved.push([k, this.vars.get(k), this.exported.has(k)]);
      this.setExported(k, v);
    }
    try {
      return await this.runArgv(argv, redirected);
    } finally {
      for (const [k, v, wasExported] of saved) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
        if (!wasExported) this.exported.delete(k);
      }
    }
  }

  /** Run one command by name: a function, a built-in or a simulated program. */
  async runArgv(argv: string[], io: RunIO): Promise<number> {
    const fn = this.functions.get(argv[0]);
    if (fn) return this.callFunction(fn, argv, io);
    const found = this.commands.find(argv[0], this.host.image, this.kind);
    if (!found) {
      await io.stderr.write(this.kind === 'bash' ? `bash: ${argv[0]}: command not found\n` : `sh: ${argv[0]}: not found\n`);
      return 127;
    }
    const ctx: CommandContext = { argv, shell: this, stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, signal: io.signal, tty: io.tty, terminal: io.terminal };
    try {
      return await found.run(ctx);
    } catch (e) {
      if (e instanceof VfsError) {
        await io.stderr.write(`${argv[0]}: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }

  private async callFunction(body: AstCommand, argv: string[], io: RunIO): Promise<number> {
    const saved = this.positional;
    this.positional = [saved[0], ...argv.slice(1)];
    try {
      return await this.runCommand(body, io);
    } catch (e) {
      if (e instanceof ReturnRequest) return e.code;
      throw e;
    } finally {
      this.positional = saved;
    }
  }
}
