/**
 * Parses the small POSIX shell subset the simulated containers understand: words with
 * '...', "..." and backslash quoting, $VAR / ${VAR} / $? / $(...) expansions, `;`,
 * newlines, `&&`, `||`, `|`, `!`, and redirections `>`, `>>`, `2>`, `2>>`, `2>&1`, `>&2`, `<`.
 * Expansion happens later, at run time, so `a=1; echo $a` sees the new value.
 */
export type Segment =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'cmd'; source: string; quoted: boolean };

export type Word = Segment[];

export interface Redirect {
  fd: 0 | 1 | 2;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export interface SimpleCommand {
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  negate: boolean;
  commands: SimpleCommand[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export type Script = AndOr[];

export class ShellSyntaxError extends Error {}

type Token = { type: 'word'; word: Word; raw: string } | { type: 'op'; op: string };

const OPERATORS = ['&&', '||', '>>', '2>>', '2>&1', '>&2', '1>&2', '2>', '1>', ';', '|', '>', '<', '&', '\n', '!'];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    const op = OPERATORS.filter((o) => src.startsWith(o, i)).sort((a, b) => b.length - a.length)[0];
    // `2>` only counts as an operator at the start of a word; `!` only as a whole word.
    if (op && !(op === '!' && src[i + 1] !== undefined && !/\s/.test(src[i + 1]))) {
      tokens.push({ type: 'op', op });
      i += op.length;
      continue;
    }
    const start = i;
    const word: Word = [];
    let lit = '';
    const flush = (quoted: boolean) => {
      if (lit) word.push({ kind: 'lit', text: lit, quoted });
      lit = '';
    };
    while (i < src.length) {
      const ch = src[i];
      if (/[\s;|&<>]/.test(ch)) break;
      if (ch === '\\') {
        flush(false);
        if (i + 1 < src.length) word.push({ kind: 'lit', text: src[i + 1], quoted: true });
        i += 2;
        continue;
      }
      if (ch === "'") {
        flush(false);
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError("unterminated quoted string");
        word.push({ kind: 'lit', text: src.slice(i + 1, end), quoted: true });
        i = end + 1;
        continue;
      }
      if (ch === '"') {
        flush(false);
        i = readDoubleQuoted(src, i + 1, word);
        continue;
      }
      if (ch === '$') {
        const r = readDollar(src, i, false);
        if (r) {
          flush(false);
          word.push(r.segment);
          i = r.next;
          continue;
        }
      }
      lit += ch;
      i++;
    }
    flush(false);
    tokens.push({ type: 'word', word, raw: src.slice(start, i) });
  }
  return tokens;
}

function readDoubleQuoted(src: string, i: number, word: Word): number {
  let lit = '';
  const flush = () => {
    // An empty "" still makes a (quoted, empty) word.
    word.push({ kind: 'lit', text: lit, quoted: true });
    lit = '';
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"') {
      flush();
      return i + 1;
    }
    if (ch === '\\' && i + 1 < src.length && '$`"\\\n'.includes(src[i + 1])) {
      if (src[i + 1] !== '\n') lit += src[i + 1];
      i += 2;
      continue;
    }
    if (ch === '$') {
      const r = readDollar(src, i, true);
      if (r) {
        flush();
        word.push(r.segment);
        i = r.next;
        continue;
      }
    }
    lit += ch;
    i++;
  }
  throw new ShellSyntaxError('unterminated quoted string');
}

function readDollar(src: string, i: number, quoted: boolean): { segment: Segment; next: number } | undefined {
  const next = src[i + 1];
  if (next === '{') {
    const end = src.indexOf('}', i + 2);
    if (end < 0) throw new ShellSyntaxError('bad substitution');
    return { segment: { kind: 'var', name: src.slice(i + 2, end), quoted }, next: end + 1 };
  }
  if (next === '(') {
    let depth = 1;
    let j = i + 2;
    let q: string | undefined;
    for (; j < src.length && depth > 0; j++) {
      const ch = src[j];
      if (q) {
        if (ch === q) q = undefined;
      } else if (ch === "'" || ch === '"') q = ch;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
    }
    if (depth > 0) throw new ShellSyntaxError("unterminated command substitution");
    return { segment: { kind: 'cmd', source: src.slice(i + 2, j - 1), quoted }, next: j };
  }
  if (next !== undefined && /[?$#!0-9@*]/.test(next)) return { segment: { kind: 'var', name: next, quoted }, next: i + 2 };
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1));
  if (m) return { segment: { kind: 'var', name: m[0], quoted }, next: i + 1 + m[0].length };
  return undefined;
}

const REDIRECT_OPS: Record<string, { fd: 0 | 1 | 2; op: Redirect['op']; target?: string }> = {
  '>': { fd: 1, op: '>' },
  '1>': { fd: 1, op: '>' },
  '>>': { fd: 1, op: '>>' },
  '2>': { fd: 2, op: '>' },
  '2>>': { fd: 2, op: '>>' },
  '<': { fd: 0, op: '<' },
  '2>&1': { fd: 2, op: '>&', target: '1' },
  '>&2': { fd: 1, op: '>&', target: '2' },
  '1>&2': { fd: 1, op: '>&', target: '2' },
};

export function parseScript(src: string): Script {
  const tokens = tokenize(src);
  let pos = 0;
  const peekOp = () => {
    const t = tokens[pos];
    return t?.type === 'op' ? t.op : undefined;
  };
  const script: Script = [];

  const parseCommand = (): SimpleCommand => {
    const cmd: SimpleCommand = { assigns: [], words: [], redirects: [] };
    while (pos < tokens.length) {
      const t = tokens[pos];
      if (t.type === 'op') {
        const r = REDIRECT_OPS[t.op];
        if (!r) break;
        pos++;
        if (r.target) {
          cmd.redirects.push({ fd: r.fd, op: r.op, target: [{ kind: 'lit', text: r.target, quoted: true }] });
          continue;
        }
        const target = tokens[pos];
        if (target?.type !== 'word') throw new ShellSyntaxError(`syntax error: unexpected ${target ? (target.type === 'op' ? JSON.stringify(target.op) : 'word') : 'end of file'}`);
        pos++;
        cmd.redirects.push({ fd: r.fd, op: r.op, target: target.word });
        continue;
      }
      const assign = cmd.words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw) : null;
      if (assign && t.word[0]?.kind === 'lit' && !t.word[0].quoted && t.word[0].text.startsWith(assign[0])) {
        const value: Word = [{ ...t.word[0], text: t.word[0].text.slice(assign[0].length) }, ...t.word.slice(1)];
        cmd.assigns.push({ name: assign[1], value });
      } else {
        cmd.words.push(t.word);
      }
      pos++;
    }
    return cmd;
  };

  const parsePipeline = (): Pipeline => {
    let negate = false;
    if (peekOp() === '!') {
      negate = true;
      pos++;
    }
    const commands = [parseCommand()];
    while (peekOp() === '|') {
      pos++;
      while (peekOp() === '\n') pos++;
      commands.push(parseCommand());
    }
    for (const c of commands) {
      if (c.words.length === 0 && c.assigns.length === 0 && c.redirects.length === 0) {
        const t = tokens[pos];
        throw new ShellSyntaxError(`syntax error: unexpected ${t ? (t.type === 'op' ? JSON.stringify(t.op === '\n' ? 'newline' : t.op) : 'word') : 'end of file'}`);
      }
    }
    return { negate, commands };
  };

  while (pos < tokens.length) {
    const op = peekOp();
    if (op === ';' || op === '\n' || op === '&') {
      if (op === ';' && script.length === 0) throw new ShellSyntaxError('syntax error: unexpected ";"');
      pos++;
      continue;
    }
    const andOr: AndOr = { first: parsePipeline(), rest: [] };
    for (;;) {
      const o = peekOp();
      if (o !== '&&' && o !== '||') break;
      pos++;
      while (peekOp() === '\n') pos++;
      andOr.rest.push({ op: o, pipeline: parsePipeline() });
    }
    script.push(andOr);
    const after = peekOp();
    if (pos < tokens.length && after !== ';' && after !== '\n' && after !== '&') {
      throw new ShellSyntaxError(`syntax error: unexpected ${after ? JSON.stringify(after) : 'word'}`);
    }
  }
  return script;
}
