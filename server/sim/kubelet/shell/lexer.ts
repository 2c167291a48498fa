/**
 * The shell's tokens (XCU 2.3): words with their quoting, operators, newlines and
 * here-document bodies, which the lexer reads after the newline that ends the line
 * holding their `<<` (the parser registers each delimiter as it meets it).
 */
import type { Segment, Word } from './ast.ts';

export class ShellSyntaxError extends Error {
  /** The input ended inside a construct: more lines could complete it (a prompt shows "> "). */
  constructor(message: string, readonly incomplete = false) {
    super(message);
  }
}

export type Token =
  | { type: 'word'; word: Word; raw: string }
  /** `fd`: an IO number written before a redirection operator (`2>`). */
  | { type: 'op'; op: string; fd?: number }
  | { type: 'eof' };

const OPERATORS = ['<<-', '&&', '||', ';;', '<<', '>>', '>&', '<&', '<>', '>|', ';', '&', '|', '(', ')', '<', '>', '\n'];
const WORD_END = /[\s;|&<>()]/;

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  literal: boolean;
  done: (body: Word) => void;
}

export class Lexer {
  private pos = 0;
  private readonly pending: PendingHeredoc[] = [];

  constructor(private readonly src: string) {}

  /** Read this here-document's body after the current line (its `done` gets the body). */
  heredoc(h: PendingHeredoc): void {
    this.pending.push(h);
  }

  next(): Token {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      else break;
    }
    if (this.pos >= src.length) {
      if (this.pending.length) this.readHeredocs();
      return { type: 'eof' };
    }
    const io = /^(\d+)(?=[<>])/.exec(src.slice(this.pos, this.pos + 4));
    if (io) this.pos += io[1].length;
    const op = OPERATORS.find((o) => src.startsWith(o, this.pos));
    if (op) {
      this.pos += op.length;
      if (op === '\n') this.readHeredocs();
      return io ? { type: 'op', op, fd: Number(io[1]) } : { type: 'op', op };
    }
    return this.word();
  }

  private word(): Token {
    const start = this.pos;
    const r = scanWord(this.src, this.pos, true);
    this.pos = r.next;
    return { type: 'word', word: r.word, raw: this.src.slice(start, this.pos) };
  }

  private readHeredocs(): void {
    for (const h of this.pending.splice(0)) {
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= this.src.length) break;
        let nl = this.src.indexOf('\n', this.pos);
        if (nl < 0) nl = this.src.length;
        let line = this.src.slice(this.pos, nl);
        this.pos = nl + 1;
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) break;
        lines.push(line + '\n');
      }
      const body = lines.join('');
      h.done(h.literal ? [{ kind: 'lit', text: body, quoted: true }] : readQuoted(body, 0, undefined).word);
    }
  }
}

/**
 * An unquoted word from `i`: to the next unquoted metacharacter when `stopAtMeta`,
 * else to the end (the word inside `${name:-word}`).
 */
export function scanWord(src: string, i: number, stopAtMeta: boolean): { word: Word; next: number } {
  const word: Word = [];
  let lit = '';
  const flush = () => {
    if (lit) word.push({ kind: 'lit', text: lit, quoted: false });
    lit = '';
  };
  while (i < src.length) {
    const ch = src[i];
    if (stopAtMeta && WORD_END.test(ch)) break;
    if (ch === '\\') {
      if (src[i + 1] === '\n') {
        i += 2;
        continue;
      }
      flush();
      if (i + 1 < src.length) word.push({ kind: 'lit', text: src[i + 1], quoted: true });
      i += 2;
      continue;
    }
    if (ch === "'") {
      flush();
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string', true);
      word.push({ kind: 'lit', text: src.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      flush();
      const r = readQuoted(src, i + 1, '"');
      word.push(...r.word);
      i = r.next;
      continue;
    }
    const exp = ch === '$' || ch === '`' ? readExpansion(src, i, false) : undefined;
    if (exp) {
      flush();
      word.push(exp.segment);
      i = exp.next;
      continue;
    }
    lit += ch;
    i++;
  }
  flush();
  return { word, next: i };
}

/**
 * The inside of "..." (ends at `close`), or of an unquoted here-document or `$((...))`
 * (`close` undefined: to the end). Backslash quotes only $ ` " \ and newline.
 */
export function readQuoted(src: string, i: number, close: '"' | undefined): { word: Word; next: number } {
  const word: Word = [];
  let lit = '';
  const flush = (always: boolean) => {
    if (lit || always) word.push({ kind: 'lit', text: lit, quoted: true });
    lit = '';
  };
  while (i < src.length) {
    const ch = src[i];
    if (close && ch === close) {
      // An empty "" still makes a (quoted, empty) word.
      flush(word.length === 0);
      return { word, next: i + 1 };
    }
    if (ch === '\\' && i + 1 < src.length && ('$`\\\n'.includes(src[i + 1]) || (close && src[i + 1] === close))) {
      if (src[i + 1] !== '\n') lit += src[i + 1];
      i += 2;
      continue;
    }
    const exp = ch === '$' || ch === '`' ? readExpansion(src, i, true) : undefined;
    if (exp) {
      flush(false);
      word.push(exp.segment);
      i = exp.next;
      continue;
    }
    lit += ch;
    i++;
  }
  if (close) throw new ShellSyntaxError('unterminated quoted string', true);
  flush(word.length === 0);
  return { word, next: i };
}

/** The index just past the `close` that balances the opener before `i`, skipping quotes. */
function balanced(src: string, i: number, open: string, close: string): number {
  let depth = 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') i += 2;
    else if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) break;
      i = end + 1;
    } else if (ch === '"') {
      i = readQuoted(src, i + 1, '"').next;
    } else {
      if (ch === open) depth++;
      else if (ch === close && --depth === 0) return i + 1;
      i++;
    }
  }
  throw new ShellSyntaxError(`unterminated ${open === '{' ? 'parameter expansion' : 'command substitution'}`, true);
}

function readExpansion(src: string, i: number, quoted: boolean): { segment: Segment; next: number } | undefined {
  if (src[i] === '`') {
    let j = i + 1;
    let source = '';
    while (j < src.length && src[j] !== '`') {
      if (src[j] === '\\' && '$`\\'.includes(src[j + 1] ?? '')) j++;
      source += src[j++];
    }
    if (j >= src.length) throw new ShellSyntaxError('unterminated backquote', true);
    return { segment: { kind: 'cmd', source, quoted }, next: j + 1 };
  }
  const next = src[i + 1];
  if (next === '(' && src[i + 2] === '(') {
    const end = balanced(src, i + 3, '(', ')');
    if (src[end] === ')') return { segment: { kind: 'arith', source: src.slice(i + 3, end - 1), quoted }, next: end + 1 };
  }
  if (next === '(') {
    const end = balanced(src, i + 2, '(', ')');
    return { segment: { kind: 'cmd', source: src.slice(i + 2, end - 1), quoted }, next: end };
  }
  if (next === '{') {
    const end = balanced(src, i + 2, '{', '}');
    return { segment: { kind: 'var', name: src.slice(i + 2, end - 1), quoted }, next: end };
  }
  if (next !== undefined && /[?$#!0-9@*-]/.test(next)) return { segment: { kind: 'var', name: next, quoted }, next: i + 2 };
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1, i + 256));
  if (m) return { segment: { kind: 'var', name: m[0], quoted }, next: i + 1 + m[0].length };
  return undefined;
}
