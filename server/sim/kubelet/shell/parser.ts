/**
 * Parses POSIX `sh` (XCU 2.9–2.10) into the tree in ast.ts: lists with `;` `&` and
 * newlines, `&&`/`||`, pipelines with `!`, simple commands with assignments and
 * redirections (`<`, `>`, `>>`, `>|`, `<>`, `N>&M`, here-documents `<<`/`<<-` with
 * quoted or unquoted delimiters), `if/elif/else`, `while`, `until`, `for`, `case`,
 * `{ ...; }`, `( ... )` and function definitions.
 *
 * Hand-written rather than a library: the maintained grammar for JavaScript is
 * sh-syntax (mvdan/sh as WebAssembly), whose parse is asynchronous and loads a wasm
 * module first; its predecessor mvdan-sh is deprecated (GopherJS, megabytes), and
 * bash-parser has had no release since 2017. The simulator parses a line per keystroke
 * and a script per container start, synchronously, in the API server's process.
 * Error messages are busybox ash's ("syntax error: unexpected "fi"").
 */
import type { AndOr, CaseCommand, Command, ForCommand, IfCommand, List, LoopCommand, Pipeline, Redirect, Script, SimpleCommand, Word } from './ast.ts';
import { Lexer, ShellSyntaxError, type Token } from './lexer.ts';

export { ShellSyntaxError } from './lexer.ts';
export type { Segment, Word } from './ast.ts';

/** Reserved words that end a list: the parser returns to the construct that expects them. */
const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const REDIRECTIONS = new Set(['<', '>', '>>', '>|', '<>', '>&', '<&', '<<', '<<-']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseScript(src: string): Script {
  return new Parser(src).script();
}

/** True when `src` parses, or fails only because it ends too soon (a loop still open). */
export function isIncomplete(src: string): boolean {
  try {
    parseScript(src);
    return false;
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    return e.incomplete;
  }
}

/** An unquoted word spelled exactly `name` (reserved words count only unquoted). */
function isReserved(t: Token, name?: string): boolean {
  if (t.type !== 'word' || t.word.length !== 1 || t.word[0].kind !== 'lit' || t.word[0].quoted) return false;
  return name === undefined ? CLOSERS.has(t.raw) : t.raw === name;
}

function describe(t: Token): string {
  if (t.type === 'eof') return 'end of file';
  if (t.type === 'op') return JSON.stringify(t.op === '\n' ? 'newline' : t.op);
  return JSON.stringify(t.raw);
}

class Parser {
  private readonly lexer: Lexer;
  private peeked?: Token;

  constructor(src: string) {
    this.lexer = new Lexer(src);
  }

  script(): Script {
    const list = this.list();
    const t = this.peek();
    if (t.type !== 'eof') this.unexpected(t);
    return list;
  }

  private peek(): Token {
    return (this.peeked ??= this.lexer.next());
  }

  private take(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.op === op;
  }

  private skipNewlines(): void {
    while (this.isOp('\n')) this.take();
  }

  private unexpected(t: Token, expecting?: string): never {
    const tail = t.type === 'eof' && expecting ? ` (expecting ${JSON.stringify(expecting)})` : '';
    throw new ShellSyntaxError(`syntax error: unexpected ${describe(t)}${tail}`, t.type === 'eof');
  }

  private expect(word: string): void {
    const t = this.take();
    if (!isReserved(t, word)) this.unexpected(t, word);
  }

  private expectOp(op: string): void {
    const t = this.take();
    if (t.type !== 'op' || t.op !== op) this.unexpected(t, op);
  }

  /** A list up to a closing reserved word, `)`, `;;` or the end. */
  private list(): List {
    const list: List = [];
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (t.type === 'eof' || isReserved(t) || (t.type === 'op' && (t.op === ')' || t.op === ';;'))) return list;
      const andOr = this.andOr();
      list.push(andOr);
      const sep = this.peek();
      if (sep.type === 'op' && (sep.op === ';' || sep.op === '&' || sep.op === '\n')) {
        this.take();
        andOr.background = sep.op === '&';
        this.skipNewlines();
      } else return list;
    }
  }

  /** A list that must not be empty (the condition of an `if`, a loop's body...). */
  private nonEmptyList(): List {
    const list = this.list();
    if (list.length === 0) this.unexpected(this.peek());
    return list;
  }

  private andOr(): AndOr {
    const andOr: AndOr = { first: this.pipeline(), rest: [], background: false };
    for (;;) {
      const t = this.peek();
      if (t.type !== 'op' || (t.op !== '&&' && t.op !== '||')) return andOr;
      this.take();
      this.skipNewlines();
      andOr.rest.push({ op: t.op, pipeline: this.pipeline() });
    }
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (isReserved(this.peek(), '!')) {
      this.take();
      negate = true;
    }
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.take();
      this.skipNewlines();
      commands.push(this.command());
    }
    return { negate, commands };
  }

  private command(): Command {
    const t = this.peek();
    if (t.type === 'op' && t.op === '(') {
      this.take();
      const body = this.nonEmptyList();
      this.expectOp(')');
      return { type: 'subshell', body, redirects: this.redirects() };
    }
    if (t.type === 'word' && t.word.length === 1 && t.word[0].kind === 'lit' && !t.word[0].quoted) {
      switch (t.raw) {
        case 'if': return this.withRedirects(this.ifCommand());
        case 'while':
        case 'until': return this.withRedirects(this.loop(t.raw));
        case 'for': return this.withRedirects(this.forCommand());
        case 'case': return this.withRedirects(this.caseCommand());
        case '{': {
          this.take();
          const body = this.nonEmptyList();
          this.expect('}');
          return { type: 'group', body, redirects: this.redirects() };
        }
      }
      if (CLOSERS.has(t.raw) || t.raw === 'in') this.unexpected(t);
    }
    return this.simple();
  }

  private withRedirects<C extends { redirects: Redirect[] }>(c: C): C {
    c.redirects.push(...this.redirects());
    return c;
  }

  private ifCommand(): IfCommand {
    this.take();
    const clauses: IfCommand['clauses'] = [];
    let elseBody: List | undefined;
    for (;;) {
      const cond = this.nonEmptyList();
      this.expect('then');
      clauses.push({ cond, body: this.nonEmptyList() });
      const t = this.take();
      if (isReserved(t, 'elif')) continue;
      if (isReserved(t, 'else')) {
        elseBody = this.nonEmptyList();
        this.expect('fi');
      } else if (!isReserved(t, 'fi')) this.unexpected(t, 'fi');
      return { type: 'if', clauses, elseBody, redirects: [] };
    }
  }

  private loop(kind: 'while' | 'until'): LoopCommand {
    this.take();
    const cond = this.nonEmptyList();
    this.expect('do');
    const body = this.nonEmptyList();
    this.expect('done');
    return { type: kind, cond, body, redirects: [] };
  }

  private forCommand(): ForCommand {
    this.take();
    const name = this.take();
    if (name.type !== 'word' || !NAME.test(name.raw)) this.unexpected(name);
    this.skipNewlines();
    let items: Word[] | undefined;
    if (isReserved(this.peek(), 'in')) {
      this.take();
      items = [];
      for (let t = this.peek(); t.type === 'word'; t = this.peek()) items.push((this.take() as { word: Word }).word);
    }
    if (this.isOp(';') || this.isOp('\n')) this.take();
    this.skipNewlines();
    this.expect('do');
    const body = this.nonEmptyList();
    this.expect('done');
    return { type: 'for', name: name.raw, items, body, redirects: [] };
  }

  private caseCommand(): CaseCommand {
    this.take();
    const subject = this.take();
    if (subject.type !== 'word') this.unexpected(subject);
    this.skipNewlines();
    this.expect('in');
    this.skipNewlines();
    const items: CaseCommand['items'] = [];
    while (!isReserved(this.peek(), 'esac')) {
      if (this.isOp('(')) this.take();
      const patterns: Word[] = [];
      for (;;) {
        const p = this.take();
        if (p.type !== 'word') this.unexpected(p, ')');
        patterns.push(p.word);
        if (!this.isOp('|')) break;
        this.take();
      }
      this.expectOp(')');
      const body = this.list();
      items.push({ patterns, body });
      if (!this.isOp(';;')) break;
      this.take();
      this.skipNewlines();
    }
    this.expect('esac');
    return { type: 'case', word: subject.word, items, redirects: [] };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t.type === 'op' && REDIRECTIONS.has(t.op); t = this.peek()) out.push(this.redirect());
    return out;
  }

  private redirect(): Redirect {
    const t = this.take() as { type: 'op'; op: string; fd?: number };
    const target = this.take();
    if (target.type !== 'word') this.unexpected(target);
    const fd = t.fd ?? (t.op.startsWith('<') ? 0 : 1);
    if (t.op === '<<' || t.op === '<<-') {
      const r: Redirect = { fd, op: '<<', target: target.word };
      const literal = target.word.some((s) => s.kind !== 'lit' || s.quoted);
      const delimiter = target.word.map((s) => (s.kind === 'lit' ? s.text : s.kind === 'var' ? `$${s.name}` : '')).join('');
      this.lexer.heredoc({ delimiter, stripTabs: t.op === '<<-', literal, done: (body) => (r.heredoc = body) });
      return r;
    }
    return { fd, op: t.op as Redirect['op'], target: target.word };
  }

  private simple(): Command {
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      const t = this.peek();
      if (t.type === 'op') {
        if (!REDIRECTIONS.has(t.op)) break;
        cmd.redirects.push(this.redirect());
        continue;
      }
      if (t.type !== 'word') break;
      this.take();
      const first = t.word[0];
      const assign = cmd.words.length === 0 && first?.kind === 'lit' && !first.quoted ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text) : null;
      if (assign && first?.kind === 'lit') {
        cmd.assigns.push({ name: assign[1], value: [{ ...first, text: first.text.slice(assign[0].length) }, ...t.word.slice(1)] });
        continue;
      }
      cmd.words.push(t.word);
      if (cmd.words.length === 1 && cmd.assigns.length === 0 && cmd.redirects.length === 0 && this.isOp('(')) {
        this.take();
        this.expectOp(')');
        this.skipNewlines();
        if (!NAME.test(t.raw) && !/^[A-Za-z_][\w.-]*$/.test(t.raw)) this.unexpected(t);
        return { type: 'function', name: t.raw, body: this.command() };
      }
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) this.unexpected(this.peek());
    return cmd;
  }
}
