/**
 * Runs parsed scripts: expansion, assignments, redirections into the vfs, pipes (the
 * left side's output is buffered and fed to the right side as stdin), `&&`/`||`, `!`,
 * and `$?`. Commands come from the CommandLookup the shell is given (commands.ts holds
 * the registry); the commands import this module, never the other way round. Nothing
 * ever runs on the host.
 */
import type { ImageDef } from '../images.ts';
import { NULL_WRITER, StdinQueue, StringWriter, type ShellHost, type TtyState, type Writer } from './io.ts';
import { parseScript, ShellSyntaxError, type Pipeline, type SimpleCommand, type Word } from './parser.ts';
import { normalizePath, VfsError } from './vfs.ts';

export type ShellKind = 'sh' | 'ash' | 'bash';

export const SHELLS: readonly ShellKind[] = ['sh', 'ash', 'bash'];

export function isShellName(name: string): name is ShellKind {
  return (SHELLS as readonly string[]).includes(name);
}

/** Thrown by `exit`: unwinds to the shell's top level. */
export class ExitRequest {
  constructor(readonly code: number) {}
}

/** Thrown by `exec CMD...`: the shell is replaced by CMD (the caller runs it). */
export class ExecRequest {
  constructor(readonly argv: string[]) {}
}

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
  interactive(shell: Shell): Promise<number>;
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

export class Shell {
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  cwd: string;
  status = 0;
  /** $0 and positional parameters. */
  positional: string[];

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
    try {
      for (const andOr of script) {
        if (io.signal.aborted) break;
        let status = await this.runPipeline(andOr.first, io);
        for (const { op, pipeline } of andOr.rest) {
          if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) status = await this.runPipeline(pipeline, io);
        }
        this.status = status;
      }
    } catch (e) {
      if (e instanceof ExitRequest) {
        this.status = e.code;
        throw e;
      }
      throw e;
    }
    return this.status;
  }

  /** Like run, but `exit N` returns N instead of unwinding (a script's or a line's end). */
  async runToExit(source: string, io: RunIO): Promise<{ code: number; exited: boolean }> {
    try {
      return { code: await this.run(source, io), exited: false };
    } catch (e) {
      if (e instanceof ExitRequest) return { code: e.code, exited: true };
      throw e;
    }
  }

  private async runPipeline(p: Pipeline, io: RunIO): Promise<number> {
    let input = io.stdin;
    let status = 0;
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      const captured = last ? undefined : new StringWriter();
      status = await this.runCommand(p.commands[i], { ...io, stdin: input, stdout: captured ?? io.stdout });
      if (captured) input = new StdinQueue(captured.text, true);
    }
    return p.negate ? (status === 0 ? 1 : 0) : status;
  }

  private async runCommand(cmd: SimpleCommand, io: RunIO): Promise<number> {
    const argv: string[] = [];
    for (const w of cmd.words) argv.push(...(await this.expand(w, io)));
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) assigns.push([a.name, (await this.expand(a.value, io, false)).join('')]);

    // Redirections: collect output per fd, write files when the command ends.
    let stdout = io.stdout;
    let stderr = io.stderr;
    let stdin = io.stdin;
    const files: { path: string; append: boolean; buffer: StringWriter }[] = [];
    for (const r of cmd.redirects) {
      const target = (await this.expand(r.target, io, false)).join('');
      if (r.op === '>&') {
        if (r.fd === 2) stderr = target === '1' ? stdout : stderr;
        else stdout = target === '2' ? stderr : stdout;
        continue;
      }
      if (r.op === '<') {
        try {
          stdin = new StdinQueue(this.host.vfs.readFile(this.resolvePath(target)), true);
        } catch (e) {
          await io.stderr.write(`${this.name}: ${target}: ${e instanceof VfsError ? e.reason : 'cannot open'}\n`);
          return 1;
        }
        continue;
      }
      let w: Writer;
      if (target === '/dev/null') w = NULL_WRITER;
      else if (target === '/dev/stdout') w = io.stdout;
      else if (target === '/dev/stderr') w = io.stderr;
      else {
        const path = this.resolvePath(target);
        try {
          this.host.vfs.writeFile(path, '', { append: true });
          if (r.op === '>') this.host.vfs.writeFile(path, '');
        } catch (e) {
          await io.stderr.write(`${this.name}: can't create ${target}: ${e instanceof VfsError ? e.reason : 'error'}\n`);
          return 1;
        }
        const buffer = new StringWriter();
        files.push({ path, append: true, buffer });
        w = buffer;
      }
      if (r.fd === 2) stderr = w;
      else stdout = w;
    }

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
      const status = await this.runArgv(argv, { ...io, stdin, stdout, stderr });
      return status;
    } finally {
      for (const [k, v, wasExported] of saved) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
        if (!wasExported) this.exported.delete(k);
      }
      for (const f of files) {
        try {
          this.host.vfs.writeFile(f.path, f.buffer.text, { append: f.append });
        } catch (err) {
          // The file was creatable a moment ago; a concurrent rm is the only way here. Anything
          // else is logged: a throw from this finally would hide the command's own outcome.
          if (!(err instanceof VfsError)) console.error(`[sim] shell: writing ${f.path} failed`, err);
        }
      }
    }
  }

  /** Run one command by name (a built-in or a simulated program). */
  async runArgv(argv: string[], io: RunIO): Promise<number> {
    const found = this.commands.find(argv[0], this.host.image, this.kind);
    if (!found) {
      await io.stderr.write(this.kind === 'bash' ? `bash: ${argv[0]}: command not found\n` : `sh: ${argv[0]}: not found\n`);
      return 127;
    }
    const ctx: CommandContext = { argv, shell: this, stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, signal: io.signal, tty: io.tty, terminal: io.terminal };
    try {
      return await found.run(ctx);
    } catch (e) {
      if (e instanceof ExitRequest || e instanceof ExecRequest) throw e;
      if (e instanceof VfsError) {
        await io.stderr.write(`${argv[0]}: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }

  /** Expand a word into fields: unquoted expansions are split on whitespace. */
  async expand(word: Word, io: RunIO, split = true): Promise<string[]> {
    const fields: string[] = [];
    let current = '';
    let hasContent = false;
    for (const seg of word) {
      let text: string;
      if (seg.kind === 'lit') {
        text = seg.text;
        if (!seg.quoted && text.startsWith('~') && current === '' && (text === '~' || text.startsWith('~/'))) {
          text = (this.vars.get('HOME') ?? '/root') + text.slice(1);
        }
        current += text;
        hasContent = true;
        continue;
      }
      text = seg.kind === 'var' ? this.variable(seg.name) : await this.substitute(seg.source, io);
      if (seg.quoted || !split) {
        current += text;
        hasContent = true;
        continue;
      }
      const parts = text.split(/[ \t\n]+/);
      for (let i = 0; i < parts.length; i++) {
        if (i > 0) {
          if (hasContent || current) fields.push(current);
          current = '';
          hasContent = false;
        }
        if (parts[i]) {
          current += parts[i];
          hasContent = true;
        }
      }
    }
    if (hasContent || current) fields.push(current);
    return fields;
  }

  private variable(name: string): string {
    if (name === '?') return String(this.status);
    if (name === '$') return '1';
    if (name === '#') return String(Math.max(0, this.positional.length - 1));
    if (name === '@' || name === '*') return this.positional.slice(1).join(' ');
    if (/^[0-9]$/.test(name)) return this.positional[Number(name)] ?? '';
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-=+])(.*)$/.exec(name);
    if (m) {
      const v = this.vars.get(m[1]);
      const unset = m[2].startsWith(':') ? !v : v === undefined;
      const op = m[2].slice(-1);
      if (op === '-') return unset ? m[3] : (v ?? '');
      if (op === '=') {
        if (unset) this.vars.set(m[1], m[3]);
        return this.vars.get(m[1]) ?? '';
      }
      return unset ? '' : m[3];
    }
    if (name.startsWith('#')) return String((this.vars.get(name.slice(1)) ?? '').length);
    return this.vars.get(name) ?? '';
  }

  private async substitute(source: string, io: RunIO): Promise<string> {
    const out = new StringWriter();
    const sub = new Shell(this.commands, this.host, this.kind, this.positional);
    for (const [k, v] of this.vars) sub.vars.set(k, v);
    sub.cwd = this.cwd;
    try {
      await sub.runToExit(source, { ...io, stdout: out });
    } catch (e) {
      if (!(e instanceof ExecRequest)) throw e;
      await sub.runArgv(e.argv, { ...io, stdout: out });
    }
    return out.text.replace(/\n+$/, '');
  }
}
