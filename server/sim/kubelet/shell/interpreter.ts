/**
 * Runs parsed scripts: expansion (parameters with their `${x:-w}`-style operators,
 * `$(...)`, `$((...))`), assignments, redirections into the vfs, here-documents, pipes
 * (every stage runs at once, in a copy of the shell, as in ash; a stage that writes to a
 * finished reader ends as with SIGPIPE), `&&`/`||`, `!`, `$?`, `set -e`, compound commands
 * (if, while, until, for, case, groups, subshells) and functions. Loops hand the event
 * loop back between iterations: the API server shares the process. Commands come from the CommandLookup the shell is given (commands.ts holds
 * the registry); the commands import this module, never the other way round. Nothing
 * ever runs on the host.
 */
import type { ImageDef } from '../images.ts';
import { NULL_WRITER, StdinQueue, StringWriter, type Chunk, type ShellHost, type TtyState, type Writer } from './io.ts';
import { ArithmeticError, evaluateArithmetic } from './arithmetic.ts';
import type { AndOr, Command as AstCommand, List, Pipeline, Redirect, SimpleCommand, Word } from './ast.ts';
import { readQuoted, scanWord } from './lexer.ts';
import { parseScript, ShellSyntaxError } from './parser.ts';
import { matchPattern, patternOf } from './pattern.ts';
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

/** Thrown by `break N` / `continue N`: unwinds to the Nth enclosing loop. */
export class LoopControl {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

/** Thrown by `return N`: unwinds to the function call. */
export class ReturnRequest {
  constructor(readonly code: number) {}
}

/** Written to a pipe whose reader has finished: the writer ends, as on SIGPIPE. */
export class BrokenPipe extends Error {}

/** An expansion that fails (`${x:?}`, bad arithmetic): the command does not run. */
export class ExpansionError extends Error {}

/** A pipe between two stages of a pipeline. */
class Pipe implements Writer {
  readonly reader = new StdinQueue();
  closed = false;
  write(data: Chunk): void {
    if (this.closed) throw new BrokenPipe('broken pipe');
    this.reader.push(data);
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
  readonly functions = new Map<string, AstCommand>();
  /** `set -e` (errexit) and `set -u` (nounset); the others are accepted and have no effect. */
  readonly options = new Set<string>();
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
        const job = this.fork();
        void job.runAndOr(andOr, io).catch((e: unknown) => {
          if (!(e instanceof ExitRequest || e instanceof BrokenPipe || e instanceof ExecRequest)) console.error('[sim] shell: background job failed', e);
        });
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

  private async asCondition(run: () => Promise<number>): Promise<number> {
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
    const redirected = await this.redirect(cmd.redirects, io);
    if (typeof redirected === 'number') return redirected;
    return this.runCompound(cmd, redirected);
  }

  private async runCompound(cmd: Exclude<AstCommand, SimpleCommand | { type: 'function' }>, io: RunIO): Promise<number> {
    switch (cmd.type) {
      case 'group':
        return this.runList(cmd.body, io);
      case 'subshell': {
        const sub = this.fork();
        try {
          return await sub.runList(cmd.body, io);
        } catch (e) {
          if (e instanceof ExitRequest) return e.code;
          throw e;
        }
      }
      case 'if': {
        for (const clause of cmd.clauses) {
          if ((await this.asCondition(() => this.runList(clause.cond, io))) === 0) return this.runList(clause.body, io);
        }
        return cmd.elseBody ? this.runList(cmd.elseBody, io) : 0;
      }
      case 'while':
      case 'until': {
        let status = 0;
        for (;;) {
          if (io.signal.aborted) return 130;
          const cond = await this.asCondition(() => this.runList(cmd.cond, io));
          if ((cmd.type === 'while') !== (cond === 0)) break;
          const r = await this.loopBody(cmd.body, io);
          status = r.status;
          if (r.stop) break;
          await yieldToEventLoop();
        }
        return status;
      }
      case 'for': {
        const items = cmd.items ? await this.expandWords(cmd.items, io) : this.positional.slice(1);
        let status = 0;
        for (const item of items) {
          if (io.signal.aborted) return 130;
          this.vars.set(cmd.name, item);
          const r = await this.loopBody(cmd.body, io);
          status = r.status;
          if (r.stop) break;
          await yieldToEventLoop();
        }
        return status;
      }
      case 'case': {
        const subject = (await this.expand(cmd.word, io, false)).join('');
        for (const item of cmd.items) {
          for (const p of item.patterns) {
            if (matchPattern(await this.pattern(p, io), subject)) return this.runList(item.body, io);
          }
        }
        return 0;
      }
    }
  }

  /** One iteration of a loop's body: `break`/`continue` aimed at this loop stop here. */
  private async loopBody(body: List, io: RunIO): Promise<{ status: number; stop: boolean }> {
    try {
      return { status: await this.runList(body, io), stop: false };
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e;
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return { status: 0, stop: e.kind === 'break' };
    }
  }

  /** A case pattern: expansions unquoted stay patterns, quoted parts match literally. */
  private async pattern(word: Word, io: RunIO): Promise<string> {
    const pieces: { text: string; quoted: boolean }[] = [];
    for (const seg of word) {
      if (seg.kind === 'lit') pieces.push({ text: seg.text, quoted: seg.quoted });
      else pieces.push({ text: (await this.expand([seg], io, false)).join(''), quoted: seg.quoted });
    }
    return patternOf(pieces);
  }

  /** Apply redirections to io. Files are written through as the command writes. A number: it failed (the status). */
  private async redirect(redirects: Redirect[], io: RunIO): Promise<RunIO | number> {
    let { stdin, stdout, stderr } = io;
    for (const r of redirects) {
      if (r.op === '<<') {
        const text = (await this.expand(r.heredoc ?? [], io, false)).join('');
        if (r.fd === 0) stdin = new StdinQueue(text, true);
        continue;
      }
      const target = (await this.expand(r.target, io, false)).join('');
      if (r.op === '>&' || r.op === '<&') {
        const w = target === '1' ? stdout : target === '2' ? stderr : undefined;
        if (w && r.fd === 1) stdout = w;
        else if (w && r.fd === 2) stderr = w;
        continue;
      }
      if (r.op === '<' || r.op === '<>') {
        try {
          if (r.fd === 0) stdin = new StdinQueue(this.host.vfs.readBytes(this.resolvePath(target)), true);
        } catch (e) {
          await io.stderr.write(`${this.name}: can't open ${target}: ${e instanceof VfsError ? e.reason : 'error'}\n`);
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
          if (r.op !== '>>') this.host.vfs.writeFile(path, '');
        } catch (e) {
          await io.stderr.write(`${this.name}: can't create ${target}: ${e instanceof VfsError ? e.reason : 'error'}\n`);
          return 1;
        }
        const vfs = this.host.vfs;
        w = { write: (data) => vfs.writeFile(path, data, { append: true }) };
      }
      if (r.fd === 2) stderr = w;
      else if (r.fd === 1) stdout = w;
    }
    return { ...io, stdin, stdout, stderr };
  }

  private async runSimple(cmd: SimpleCommand, io: RunIO): Promise<number> {
    let argv: string[];
    const assigns: [string, string][] = [];
    try {
      argv = await this.expandWords(cmd.words, io);
      for (const a of cmd.assigns) assigns.push([a.name, (await this.expand(a.value, io, false)).join('')]);
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      await io.stderr.write(`${this.name}: ${e.message}\n`);
      return 2;
    }
    const redirected = await this.redirect(cmd.redirects, io);
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

  /** Expand command words into argv: each word's fields, `"$@"` one field per parameter. */
  async expandWords(words: Word[], io: RunIO): Promise<string[]> {
    const out: string[] = [];
    for (const w of words) out.push(...(await this.expand(w, io)));
    return out;
  }

  /** Expand a word into fields: unquoted expansions are split on IFS (default blanks). */
  async expand(word: Word, io: RunIO, split = true): Promise<string[]> {
    const fields: string[] = [];
    let current = '';
    let hasContent = false;
    for (const seg of word) {
      if (seg.kind === 'lit') {
        let text = seg.text;
        if (!seg.quoted && current === '' && (text === '~' || text.startsWith('~/'))) text = (this.vars.get('HOME') ?? '/root') + text.slice(1);
        current += text;
        hasContent = true;
        continue;
      }
      if (seg.kind === 'var' && seg.name === '@' && seg.quoted && split) {
        // "$@": one field per positional parameter, none when there are none.
        const params = this.positional.slice(1);
        params.forEach((p, i) => {
          if (i > 0) {
            fields.push(current);
            current = '';
          }
          current += p;
          hasContent = true;
        });
        continue;
      }
      const text = seg.kind === 'var' ? await this.parameter(seg.name, io) : seg.kind === 'arith' ? await this.arithmetic(seg.source, io) : await this.substitute(seg.source, io);
      if (seg.quoted || !split) {
        current += text;
        hasContent = true;
        continue;
      }
      const ifs = this.vars.get('IFS') ?? ' \t\n';
      const parts = ifs === '' ? [text] : text.split(new RegExp(`[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+`));
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

  private async arithmetic(source: string, io: RunIO): Promise<string> {
    const text = (await this.expand(readQuoted(source, 0, undefined).word, io, false)).join('');
    try {
      return String(evaluateArithmetic(text, { get: (n) => this.vars.get(n), set: (n, v) => this.vars.set(n, v) }));
    } catch (e) {
      if (e instanceof ArithmeticError) throw new ExpansionError(e.message);
      throw e;
    }
  }

  /** `${...}`: the parameter, its length, or one of the operators - = + ? # ## % %%. */
  private async parameter(expr: string, io: RunIO): Promise<string> {
    const simple = this.special(expr);
    if (simple !== undefined) return simple;
    if (/^#[A-Za-z_0-9][A-Za-z0-9_]*$/.test(expr) || expr === '##' || expr === '#?') return String((this.special(expr.slice(1)) ?? this.vars.get(expr.slice(1)) ?? '').length);
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*$!-])(:?[-=+?]|##?|%%?)([\s\S]*)$/.exec(expr);
    if (!m) {
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(expr)) {
        if (this.options.has('u') && !this.vars.has(expr)) throw new ExpansionError(`${expr}: parameter not set`);
        return this.vars.get(expr) ?? '';
      }
      throw new ExpansionError(`syntax error: bad substitution`);
    }
    const [, name, op, rest] = m;
    const value = this.special(name) ?? this.vars.get(name);
    const word = () => this.expand(scanWord(rest, 0, false).word, io, false).then((f) => f.join(''));
    if (op.startsWith('#') || op.startsWith('%')) {
      const v = value ?? '';
      const pattern = patternOf(scanWord(rest, 0, false).word.map((s) => ({ text: s.kind === 'lit' ? s.text : '', quoted: s.kind === 'lit' && s.quoted })));
      const lengths = [...Array(v.length + 1).keys()];
      const order = op === '#' || op === '%' ? lengths : lengths.reverse();
      for (const n of order) {
        if (op.startsWith('#') && matchPattern(pattern, v.slice(0, n))) return v.slice(n);
        if (op.startsWith('%') && matchPattern(pattern, v.slice(v.length - n))) return v.slice(0, v.length - n);
      }
      return v;
    }
    const unset = op.startsWith(':') ? !value : value === undefined;
    switch (op.slice(-1)) {
      case '-': return unset ? word() : (value ?? '');
      case '+': return unset ? '' : word();
      case '=': {
        if (!unset) return value ?? '';
        const w = await word();
        this.vars.set(name, w);
        return w;
      }
      default: {
        if (!unset) return value ?? '';
        throw new ExpansionError(`${name}: ${(await word()) || 'parameter not set'}`);
      }
    }
  }

  /** Special and positional parameters; undefined for a name that is neither. */
  private special(name: string): string | undefined {
    if (name === '?') return String(this.status);
    if (name === '$') return '1';
    if (name === '!') return '';
    if (name === '-') return [...this.options].join('');
    if (name === '#') return String(Math.max(0, this.positional.length - 1));
    if (name === '@' || name === '*') return this.positional.slice(1).join(' ');
    if (/^[0-9]+$/.test(name)) return this.positional[Number(name)] ?? '';
    return undefined;
  }

  private async substitute(source: string, io: RunIO): Promise<string> {
    const out = new StringWriter();
    const sub = this.fork();
    try {
      await sub.runToExit(source, { ...io, stdout: out });
    } catch (e) {
      if (!(e instanceof ExecRequest)) throw e;
      await sub.runArgv(e.argv, { ...io, stdout: out });
    }
    this.status = sub.status;
    return out.text.replace(/\n+$/, '');
  }
}
