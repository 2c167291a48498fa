/**
 * `awk`: a subset of POSIX awk, written here because npm has no maintained awk of its own
 * (the one JavaScript awk in wide use lives inside a whole separate simulated shell with its
 * own filesystem). What it runs: `-F`, `-v`, BEGIN/END, patterns (/re/, expressions,
 * ranges `a,b`), fields `$N`/`$0`/`NF`/`NR`/`FNR`/`FILENAME`/`FS`/`OFS`/`ORS`, assignment to
 * fields, variables and associative arrays, `print` and `printf` (also `> file`), if/else,
 * while, do, for, for-in, next, exit, delete, arithmetic with `^`, string concatenation,
 * comparison (numeric when both sides look numeric), `~ !~`, `in`, `?:`, and the built-ins
 * length, substr, index, split, sub, gsub, match, sprintf, toupper, tolower, int, sqrt, exp,
 * log, sin, cos, atan2, rand, srand, system (no), getline (no), user functions (no).
 */
import type { Command } from './interpreter.ts';
import { posixRegExp } from './regex.ts';
import { VfsError } from './vfs.ts';

// ------------------------------------------------------------------ lexer

type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 're'; v: string } | { t: 'name'; v: string } | { t: 'func'; v: string } | { t: 'op'; v: string } | { t: 'nl' } | { t: 'eof' };

const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'if', 'else', 'while', 'for', 'do', 'in', 'next', 'exit', 'delete', 'break', 'continue', 'getline', 'function', 'return', 'nextfile']);
const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'toupper', 'tolower', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '!=', '<=', '>=', '&&', '||', '++', '--', '!~', '>>', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '<', '>', '~', '?', ':', '=', '$', '|'];

export class AwkSyntaxError extends Error {}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  // A `/` starts a regex where an operand is expected (not after a value).
  const regexAllowed = () => {
    const last = toks[toks.length - 1];
    if (!last) return true;
    if (last.t === 'num' || last.t === 'str' || last.t === 're' || last.t === 'name' || last.t === 'func') return false;
    if (last.t === 'op' && (last.v === ')' || last.v === ']' || last.v === '$' || last.v === '++' || last.v === '--')) return false;
    return true;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ t: 'nl' });
      i++;
      continue;
    }
    if (/[0-9.]/.test(c) && /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.test(src.slice(i))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i)) as RegExpExecArray;
      toks.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      const word = m[0];
      i += word.length;
      if (KEYWORDS.has(word)) toks.push({ t: 'op', v: word });
      else if (BUILTINS.has(word)) toks.push({ t: 'func', v: word });
      else toks.push({ t: 'name', v: word });
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      for (; i < src.length && src[i] !== '"'; i++) {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[++i];
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
          s += map[n] ?? `\\${n}`;
        } else s += src[i];
      }
      if (src[i] !== '"') throw new AwkSyntaxError('non-terminated string');
      i++;
      toks.push({ t: 'str', v: s });
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let s = '';
      i++;
      for (; i < src.length && src[i] !== '/'; i++) {
        if (src[i] === '\\' && src[i + 1] === '/') {
          s += '/';
          i++;
        } else if (src[i] === '\n') throw new AwkSyntaxError('newline in regex');
        else s += src[i];
      }
      i++;
      toks.push({ t: 're', v: s });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`unexpected character '${c}'`);
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  toks.push({ t: 'eof' });
  return toks;
}

// ------------------------------------------------------------------ AST

type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; value: Expr }
  | { k: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: string; a: Expr }
  | { k: 'incdec'; op: string; prefix: boolean; target: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'group'; e: Expr };

type Stmt =
  | { k: 'print'; args: Expr[]; redirect?: { op: string; target: Expr } }
  | { k: 'printf'; args: Expr[]; redirect?: { op: string; target: Expr } }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; test: Expr; yes: Stmt; no?: Stmt }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init?: Stmt; test?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'exit'; code?: Expr }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; subs?: Expr[] };

interface Rule {
  begin?: boolean;
  end?: boolean;
  pattern?: Expr;
  range?: [Expr, Expr];
  inRange?: boolean;
  action?: Stmt[];
}

class Parser {
  private i = 0;
  /** Inside `print`'s arguments a bare `>` is a redirection, not a comparison. */
  private noGt = 0;
  /** Inside a for(;;) header `in` must not be taken as the membership operator. */
  constructor(private readonly toks: Tok[]) {}

  private peek(o = 0): Tok {
    return this.toks[this.i + o];
  }
  private isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.t === 'op' && t.v === v;
  }
  private eat(v: string): void {
    if (!this.isOp(v)) throw new AwkSyntaxError(`syntax error: expected '${v}'`);
    this.i++;
  }
  private opt(v: string): boolean {
    if (this.isOp(v)) {
      this.i++;
      return true;
    }
    return false;
  }
  private newlines(): void {
    while (this.peek().t === 'nl') this.i++;
  }
  private terminators(): void {
    while (this.peek().t === 'nl' || this.isOp(';')) this.i++;
  }

  program(): Rule[] {
    const rules: Rule[] = [];
    this.terminators();
    while (this.peek().t !== 'eof') {
      const rule: Rule = {};
      if (this.opt('BEGIN')) rule.begin = true;
      else if (this.opt('END')) rule.end = true;
      else if (this.isOp('function')) throw new AwkSyntaxError('user-defined functions are not supported');
      else if (!this.isOp('{')) {
        rule.pattern = this.expr();
        if (this.opt(',')) {
          this.newlines();
          rule.range = [rule.pattern, this.expr()];
          rule.pattern = undefined;
        }
      }
      if (this.isOp('{')) rule.action = this.block();
      else if (rule.begin || rule.end) throw new AwkSyntaxError('BEGIN and END need an action');
      rules.push(rule);
      this.terminators();
    }
    return rules;
  }

  private block(): Stmt[] {
    this.eat('{');
    const body: Stmt[] = [];
    this.terminators();
    while (!this.isOp('}')) {
      if (this.peek().t === 'eof') throw new AwkSyntaxError("syntax error: missing '}'");
      body.push(this.statement());
      this.terminators();
    }
    this.eat('}');
    return body;
  }

  private simpleOrBlock(): Stmt {
    this.newlines();
    if (this.isOp(';')) {
      this.i++;
      return { k: 'block', body: [] };
    }
    return this.statement();
  }

  private statement(): Stmt {
    if (this.isOp('{')) return { k: 'block', body: this.block() };
    if (this.opt('if')) {
      this.eat('(');
      const test = this.expr();
      this.eat(')');
      const yes = this.simpleOrBlock();
      const save = this.i;
      this.terminators();
      if (this.opt('else')) return { k: 'if', test, yes, no: this.simpleOrBlock() };
      this.i = save;
      return { k: 'if', test, yes };
    }
    if (this.opt('while')) {
      this.eat('(');
      const test = this.expr();
      this.eat(')');
      return { k: 'while', test, body: this.simpleOrBlock() };
    }
    if (this.opt('do')) {
      const body = this.simpleOrBlock();
      this.terminators();
      this.eat('while');
      this.eat('(');
      const test = this.expr();
      this.eat(')');
      return { k: 'do', body, test };
    }
    if (this.opt('for')) {
      this.eat('(');
      const n = this.peek();
      if (n.t === 'name' && this.isOp('in', 1) && this.peek(2).t === 'name' && this.isOp(')', 3)) {
        this.i += 3;
        const arr = (this.peek(-1) as { v: string }).v;
        this.eat(')');
        return { k: 'forin', v: n.v, arr, body: this.simpleOrBlock() };
      }
      const init = this.isOp(';') ? undefined : this.simple();
      this.eat(';');
      this.newlines();
      const test = this.isOp(';') ? undefined : this.expr();
      this.eat(';');
      this.newlines();
      const step = this.isOp(')') ? undefined : this.simple();
      this.eat(')');
      return { k: 'for', init, test, step, body: this.simpleOrBlock() };
    }
    if (this.opt('next')) return { k: 'next' };
    if (this.opt('break')) return { k: 'break' };
    if (this.opt('continue')) return { k: 'continue' };
    if (this.opt('exit')) return { k: 'exit', code: this.endOfSimple() ? undefined : this.expr() };
    if (this.opt('delete')) {
      const name = this.peek();
      if (name.t !== 'name') throw new AwkSyntaxError('syntax error: delete needs an array');
      this.i++;
      if (this.opt('[')) {
        const subs = this.exprList(']');
        return { k: 'delete', name: name.v, subs };
      }
      return { k: 'delete', name: name.v };
    }
    if (this.isOp('getline') || this.isOp('return') || this.isOp('nextfile')) throw new AwkSyntaxError(`${(this.peek() as { v: string }).v} is not supported`);
    return this.simple();
  }

  private endOfSimple(): boolean {
    const t = this.peek();
    return t.t === 'nl' || t.t === 'eof' || (t.t === 'op' && (t.v === ';' || t.v === '}'));
  }

  private simple(): Stmt {
    if (this.isOp('print') || this.isOp('printf')) {
      const kind = (this.peek() as { v: string }).v as 'print' | 'printf';
      this.i++;
      let args: Expr[] = [];
      this.noGt++;
      try {
        if (this.isOp('(')) {
          // `print (a, b)` or `print (a) b`: a parenthesized list only when a `)` ends the statement.
          const save = this.i;
          this.i++;
          const outer = this.noGt;
          this.noGt = 0; // inside the parentheses `>` compares
          let list: Expr[];
          try {
            list = this.exprList(')');
          } finally {
            this.noGt = outer;
          }
          if (this.endOfSimple() || this.isOp('>') || this.isOp('>>') || this.isOp('|')) args = list;
          else {
            this.i = save;
            args = this.exprList(undefined);
          }
        } else if (!this.endOfSimple() && !this.isOp('>') && !this.isOp('>>')) args = this.exprList(undefined);
      } finally {
        this.noGt--;
      }
      let redirect: { op: string; target: Expr } | undefined;
      if (this.isOp('>') || this.isOp('>>') || this.isOp('|')) {
        const op = (this.peek() as { v: string }).v;
        this.i++;
        redirect = { op, target: this.primaryConcat() };
      }
      return { k: kind, args, redirect };
    }
    return { k: 'expr', e: this.expr() };
  }

  private exprList(close: string | undefined): Expr[] {
    const list: Expr[] = [];
    if (close && this.opt(close)) return list;
    for (;;) {
      list.push(this.expr());
      if (this.opt(',')) {
        this.newlines();
        continue;
      }
      if (close) this.eat(close);
      return list;
    }
  }

  expr(): Expr {
    return this.ternary();
  }

  private ternary(): Expr {
    const test = this.or();
    if (this.opt('?')) {
      this.newlines();
      const yes = this.ternary();
      this.newlines();
      this.eat(':');
      this.newlines();
      return { k: 'cond', test, yes, no: this.ternary() };
    }
    if (this.peek().t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes((this.peek() as { v: string }).v) && isLvalue(test)) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      this.newlines();
      return { k: 'assign', op, target: test, value: this.ternary() };
    }
    return test;
  }

  private or(): Expr {
    let a = this.and();
    while (this.isOp('||')) {
      this.i++;
      this.newlines();
      a = { k: 'bin', op: '||', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.inExpr();
    while (this.isOp('&&')) {
      this.i++;
      this.newlines();
      a = { k: 'bin', op: '&&', a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.match();
    while (this.isOp('in') && this.peek(1).t === 'name') {
      this.i++;
      const name = (this.peek() as { v: string }).v;
      this.i++;
      a = { k: 'in', subs: a.k === 'group' && a.e.k === 'bin' && a.e.op === ',' ? flattenComma(a.e) : [a], name };
    }
    return a;
  }

  private match(): Expr {
    let a = this.comparison();
    while (this.isOp('~') || this.isOp('!~')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      a = { k: 'bin', op, a, b: this.comparison() };
    }
    return a;
  }

  private comparison(): Expr {
    const a = this.concat();
    for (const op of ['<', '<=', '!=', '==', '>', '>=']) {
      if (this.isOp(op) && !(op === '>' && this.noGt > 0)) {
        this.i++;
        return { k: 'bin', op, a, b: this.concat() };
      }
    }
    return a;
  }

  /** Juxtaposition concatenates: `a " " b`. */
  private concat(): Expr {
    let a = this.additive();
    while (this.startsOperand()) a = { k: 'bin', op: 'concat', a, b: this.additive() };
    return a;
  }

  private primaryConcat(): Expr {
    return this.concat();
  }

  private startsOperand(): boolean {
    const t = this.peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 're' || t.t === 'name' || t.t === 'func') return true;
    return t.t === 'op' && ['$', '!', '(', '-', '+', '++', '--'].includes(t.v) && !(t.v === '-' || t.v === '+') ? true : false;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      a = { k: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.isOp('!')) {
      this.i++;
      return { k: 'un', op: '!', a: this.unary() };
    }
    if (this.isOp('-') || this.isOp('+')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: 'un', op, a: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.isOp('^')) {
      this.i++;
      return { k: 'bin', op: '^', a, b: this.unary() };
    }
    return a;
  }

  private postfix(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: 'incdec', op, prefix: true, target: this.postfix() };
    }
    const a = this.primary();
    if ((this.isOp('++') || this.isOp('--')) && isLvalue(a)) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: 'incdec', op, prefix: false, target: a };
    }
    return a;
  }

  private primary(): Expr {
    const t = this.peek();
    this.i++;
    if (t.t === 'num') return { k: 'num', v: t.v };
    if (t.t === 'str') return { k: 'str', v: t.v };
    if (t.t === 're') return { k: 're', v: t.v };
    if (t.t === 'op' && t.v === '$') return { k: 'field', index: this.primaryForField() };
    if (t.t === 'op' && t.v === '(') {
      this.noGt++;
      const saved = this.noGt;
      this.noGt = 0;
      try {
        const first = this.expr();
        if (this.isOp(',')) {
          // `(a, b) in arr`
          const list = [first];
          while (this.opt(',')) list.push(this.expr());
          this.eat(')');
          return { k: 'group', e: list.slice(1).reduce<Expr>((acc, e) => ({ k: 'bin', op: ',', a: acc, b: e }), first) };
        }
        this.eat(')');
        return { k: 'group', e: first };
      } finally {
        this.noGt = saved - 1;
      }
    }
    if (t.t === 'func') {
      if (!this.isOp('(')) {
        if (t.v === 'length') return { k: 'call', name: 'length', args: [] };
        throw new AwkSyntaxError(`syntax error: ${t.v} needs arguments`);
      }
      this.i++;
      return { k: 'call', name: t.v, args: this.exprList(')') };
    }
    if (t.t === 'name') {
      if (this.isOp('[')) {
        this.i++;
        return { k: 'index', name: t.v, subs: this.exprList(']') };
      }
      return { k: 'var', name: t.v };
    }
    throw new AwkSyntaxError(`syntax error at ${t.t === 'op' ? `'${t.v}'` : t.t === 'eof' ? 'end of program' : 'newline'}`);
  }

  /** `$NF`, `$(i+1)`, `$i++` means `($i)++`. */
  private primaryForField(): Expr {
    if (this.isOp('-')) {
      this.i++;
      return { k: 'un', op: '-', a: this.primaryForField() };
    }
    if (this.isOp('++') || this.isOp('--')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: 'incdec', op, prefix: true, target: this.primary() };
    }
    return this.primary();
  }
}

function isLvalue(e: Expr): boolean {
  return e.k === 'var' || e.k === 'field' || e.k === 'index';
}

function flattenComma(e: Expr): Expr[] {
  return e.k === 'bin' && e.op === ',' ? [...flattenComma(e.a), e.b] : [e];
}

export function parseAwk(src: string): Rule[] {
  return new Parser(lex(src)).program();
}

// ------------------------------------------------------------------ runtime

/** A value: a number, a string, or a string from input that looks numeric (a "strnum"). */
type Value = number | string | { strnum: string; n: number };

class NextSignal {}
class ExitSignal {
  constructor(readonly code: number) {}
}
class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)\s*$/;

function strnum(s: string): Value {
  return NUMERIC.test(s) ? { strnum: s, n: Number(s) } : s;
}

function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'object') return v.n;
  const m = /^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/.exec(v);
  return m ? Number(m[0]) : 0;
}

export function formatNumber(n: number, convfmt = '%.6g'): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  return sprintf(convfmt, [n]);
}

function toStr(v: Value, convfmt?: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return v.strnum;
  return formatNumber(v, convfmt);
}

function truthy(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'object') return v.n !== 0;
  return v !== '';
}

/** printf-style formatting: %d %i %o %x %X %u %c %s %e %f %g %% with flags, width and precision (`*` too). */
export function sprintf(format: string, args: Value[]): string {
  let ai = 0;
  const next = (): Value => args[ai++] ?? '';
  return format.replace(/%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXcseEfgG%])/g, (_m, flags: string, w: string | undefined, p: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const width = w === '*' ? toNum(next()) : w ? Number(w) : 0;
    const prec = p === '*' ? toNum(next()) : p !== undefined ? Number(p) : undefined;
    const v = next();
    let s: string;
    switch (conv) {
      case 'd':
      case 'i':
      case 'u': {
        const n = Math.trunc(toNum(v));
        s = String(Math.abs(n));
        if (prec !== undefined) s = s.padStart(prec, '0');
        s = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
        break;
      }
      case 'o':
        s = Math.trunc(toNum(v)).toString(8);
        break;
      case 'x':
      case 'X':
        s = Math.trunc(toNum(v)).toString(16);
        if (conv === 'X') s = s.toUpperCase();
        break;
      case 'c':
        s = typeof v === 'number' ? String.fromCharCode(v) : toStr(v).slice(0, 1);
        break;
      case 's':
        s = toStr(v);
        if (prec !== undefined) s = s.slice(0, prec);
        break;
      case 'e':
      case 'E':
        s = toNum(v).toExponential(prec ?? 6).replace(/e([-+])(\d)$/, 'e$10$2');
        if (conv === 'E') s = s.toUpperCase();
        break;
      case 'f':
        s = toNum(v).toFixed(prec ?? 6);
        break;
      default: {
        const n = toNum(v);
        const pr = prec === 0 ? 1 : (prec ?? 6);
        const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
        if (exp < -4 || exp >= pr) s = n.toExponential(pr - 1).replace(/\.?0+e/, 'e').replace(/e([-+])(\d)$/, 'e$10$2');
        else s = String(Number(n.toPrecision(pr)));
        if (conv === 'G') s = s.toUpperCase();
      }
    }
    if (flags.includes('+') && /[feEgG]/.test(conv) && !s.startsWith('-')) s = '+' + s;
    if (s.length < width) {
      if (flags.includes('-')) s = s.padEnd(width);
      else if (flags.includes('0') && conv !== 's' && conv !== 'c') s = (s.startsWith('-') || s.startsWith('+') ? s[0] : '') + s.replace(/^[-+]/, '').padStart(width - (/^[-+]/.test(s) ? 1 : 0), '0');
      else s = s.padStart(width);
    }
    return s;
  });
}

export interface AwkIO {
  write(text: string): Promise<void> | void;
  writeFile(path: string, text: string, append: boolean): void;
}

export class AwkProgram {
  readonly vars = new Map<string, Value>();
  readonly arrays = new Map<string, Map<string, Value>>();
  private fields: string[] = [''];
  private record = '';
  private nf = 0;
  private readonly opened = new Set<string>();
  private rngSeed = 0;

  constructor(private readonly rules: Rule[], private readonly io: AwkIO) {
    this.vars.set('FS', ' ');
    this.vars.set('OFS', ' ');
    this.vars.set('ORS', '\n');
    this.vars.set('NR', 0);
    this.vars.set('FNR', 0);
    this.vars.set('NF', 0);
    this.vars.set('SUBSEP', '\x1c');
    this.vars.set('RSTART', 0);
    this.vars.set('RLENGTH', -1);
    this.vars.set('CONVFMT', '%.6g');
    this.vars.set('OFMT', '%.6g');
  }

  get hasMainRules(): boolean {
    return this.rules.some((r) => !r.begin && !r.end);
  }

  get hasEnd(): boolean {
    return this.rules.some((r) => r.end);
  }

  /** Runs BEGIN; returns an exit code if `exit` was called. */
  async begin(): Promise<number | undefined> {
    return this.runRules((r) => !!r.begin);
  }

  async end(): Promise<number | undefined> {
    return this.runRules((r) => !!r.end);
  }

  private async runRules(which: (r: Rule) => boolean): Promise<number | undefined> {
    try {
      for (const r of this.rules) if (which(r) && r.action) await this.block(r.action);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (!(e instanceof NextSignal)) throw e;
    }
    return undefined;
  }

  /** One input line; returns an exit code if `exit` was called. */
  async line(text: string): Promise<number | undefined> {
    this.vars.set('NR', toNum(this.vars.get('NR') ?? 0) + 1);
    this.vars.set('FNR', toNum(this.vars.get('FNR') ?? 0) + 1);
    this.setRecord(text);
    try {
      for (const r of this.rules) {
        if (r.begin || r.end) continue;
        let hit: boolean;
        if (r.range) {
          if (r.inRange) {
            hit = true;
            if (truthy(await this.eval(r.range[1]))) r.inRange = false;
          } else if (truthy(await this.eval(r.range[0]))) {
            hit = true;
            r.inRange = !truthy(await this.eval(r.range[1]));
          } else hit = false;
        } else hit = !r.pattern || truthy(await this.eval(r.pattern));
        if (!hit) continue;
        if (r.action) await this.block(r.action);
        else await this.io.write(this.record + toStr(this.vars.get('ORS') ?? '\n'));
      }
    } catch (e) {
      if (e instanceof NextSignal) return undefined;
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
    return undefined;
  }

  private setRecord(text: string): void {
    this.record = text;
    const fs = toStr(this.vars.get('FS') ?? ' ');
    let parts: string[];
    if (text === '') parts = [];
    else if (fs === ' ') parts = text.trim().split(/[ \t\n]+/).filter((p, i, all) => p !== '' || all.length > 1);
    else if (fs.length === 1 && fs !== '\\') parts = text.split(fs);
    else parts = text.split(posixRegExp(fs, { extended: true }));
    if (fs === ' ' && text.trim() === '') parts = [];
    this.fields = [text, ...parts];
    this.nf = parts.length;
    this.vars.set('NF', this.nf);
  }

  private rebuildRecord(): void {
    const ofs = toStr(this.vars.get('OFS') ?? ' ');
    this.record = this.fields.slice(1, this.nf + 1).map((f) => f ?? '').join(ofs);
    this.fields[0] = this.record;
  }

  private getField(i: number): Value {
    if (i === 0) return strnum(this.record);
    return strnum(this.fields[i] ?? '');
  }

  private setField(i: number, v: string): void {
    if (i === 0) {
      this.setRecord(v);
      return;
    }
    while (this.fields.length <= i) this.fields.push('');
    this.fields[i] = v;
    if (i > this.nf) this.nf = i;
    this.vars.set('NF', this.nf);
    this.rebuildRecord();
  }

  private array(name: string): Map<string, Value> {
    let a = this.arrays.get(name);
    if (!a) {
      a = new Map();
      this.arrays.set(name, a);
    }
    return a;
  }

  private async subscript(subs: Expr[]): Promise<string> {
    const parts: string[] = [];
    for (const s of subs) parts.push(toStr(await this.eval(s), toStr(this.vars.get('CONVFMT') ?? '%.6g')));
    return parts.join(toStr(this.vars.get('SUBSEP') ?? '\x1c'));
  }

  private async block(stmts: Stmt[]): Promise<void> {
    for (const s of stmts) await this.exec(s);
  }

  private async output(text: string, redirect: { op: string; target: Expr } | undefined): Promise<void> {
    if (!redirect) return this.io.write(text);
    if (redirect.op === '|') throw new AwkSyntaxError('output to a command (|) is not supported');
    const path = toStr(await this.eval(redirect.target));
    // `>` truncates on first use in the program, then appends (the file stays open).
    const append = redirect.op === '>>' || this.opened.has(path);
    this.opened.add(path);
    this.io.writeFile(path, text, append);
  }

  private async exec(s: Stmt): Promise<void> {
    switch (s.k) {
      case 'print': {
        const ofs = toStr(this.vars.get('OFS') ?? ' ');
        const ofmt = toStr(this.vars.get('OFMT') ?? '%.6g');
        const parts: string[] = [];
        for (const a of s.args) parts.push(toStr(await this.eval(a), ofmt));
        const text = (s.args.length ? parts.join(ofs) : this.record) + toStr(this.vars.get('ORS') ?? '\n');
        return this.output(text, s.redirect);
      }
      case 'printf': {
        if (!s.args.length) throw new AwkSyntaxError('printf: no format');
        const vals: Value[] = [];
        for (const a of s.args) vals.push(await this.eval(a));
        return this.output(sprintf(toStr(vals[0]), vals.slice(1)), s.redirect);
      }
      case 'expr':
        await this.eval(s.e);
        return;
      case 'if':
        if (truthy(await this.eval(s.test))) await this.exec(s.yes);
        else if (s.no) await this.exec(s.no);
        return;
      case 'while':
        while (truthy(await this.eval(s.test))) if (await this.loopBody(s.body)) break;
        return;
      case 'do':
        do {
          if (await this.loopBody(s.body)) break;
        } while (truthy(await this.eval(s.test)));
        return;
      case 'for':
        if (s.init) await this.exec(s.init);
        while (!s.test || truthy(await this.eval(s.test))) {
          if (await this.loopBody(s.body)) break;
          if (s.step) await this.exec(s.step);
        }
        return;
      case 'forin':
        for (const key of [...this.array(s.arr).keys()]) {
          this.vars.set(s.v, strnum(key));
          if (await this.loopBody(s.body)) break;
        }
        return;
      case 'block':
        return this.block(s.body);
      case 'next':
        throw new NextSignal();
      case 'exit':
        throw new ExitSignal(s.code ? Math.trunc(toNum(await this.eval(s.code))) : 0);
      case 'break':
        throw new LoopSignal('break');
      case 'continue':
        throw new LoopSignal('continue');
      case 'delete':
        if (s.subs) this.array(s.name).delete(await this.subscript(s.subs));
        else this.array(s.name).clear();
        return;
    }
  }

  /** Runs a loop body; true means `break`. */
  private async loopBody(body: Stmt): Promise<boolean> {
    try {
      await this.exec(body);
      return false;
    } catch (e) {
      if (e instanceof LoopSignal) return e.kind === 'break';
      throw e;
    }
  }

  private async assignTo(target: Expr, v: Value): Promise<Value> {
    if (target.k === 'var') {
      this.vars.set(target.name, v);
      if (target.name === 'NF') {
        this.nf = Math.trunc(toNum(v));
        this.fields.length = this.nf + 1;
        this.rebuildRecord();
      }
    } else if (target.k === 'field') this.setField(Math.trunc(toNum(await this.eval(target.index))), toStr(v));
    else if (target.k === 'index') this.array(target.name).set(await this.subscript(target.subs), v);
    else if (target.k === 'group') return this.assignTo(target.e, v);
    return v;
  }

  private regexOf(v: Expr, value: Value | undefined): RegExp {
    const src = v.k === 're' ? v.v : toStr(value ?? '');
    return posixRegExp(src, { extended: true });
  }

  async eval(e: Expr): Promise<Value> {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're':
        return this.regexOf(e, undefined).test(this.record) ? 1 : 0;
      case 'group':
        return this.eval(e.e);
      case 'var':
        return this.vars.get(e.name) ?? '';
      case 'field':
        return this.getField(Math.trunc(toNum(await this.eval(e.index))));
      case 'index': {
        const a = this.array(e.name);
        const key = await this.subscript(e.subs);
        if (!a.has(key)) a.set(key, '');
        return a.get(key) as Value;
      }
      case 'in':
        return this.array(e.name).has(await this.subscript(e.subs)) ? 1 : 0;
      case 'assign': {
        if (e.op === '=') return this.assignTo(e.target, await this.eval(e.value));
        const cur = toNum(await this.eval(e.target));
        const rhs = toNum(await this.eval(e.value));
        return this.assignTo(e.target, arith(e.op.slice(0, -1), cur, rhs));
      }
      case 'incdec': {
        const cur = toNum(await this.eval(e.target));
        const next = e.op === '++' ? cur + 1 : cur - 1;
        await this.assignTo(e.target, next);
        return e.prefix ? next : cur;
      }
      case 'cond':
        return truthy(await this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'un': {
        const v = await this.eval(e.a);
        if (e.op === '!') return truthy(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'bin':
        return this.binary(e);
      case 'call':
        return this.call(e.name, e.args);
    }
  }

  private async binary(e: Extract<Expr, { k: 'bin' }>): Promise<Value> {
    if (e.op === '&&') return truthy(await this.eval(e.a)) && truthy(await this.eval(e.b)) ? 1 : 0;
    if (e.op === '||') return truthy(await this.eval(e.a)) || truthy(await this.eval(e.b)) ? 1 : 0;
    if (e.op === '~' || e.op === '!~') {
      const subject = toStr(await this.eval(e.a));
      const re = this.regexOf(e.b, e.b.k === 're' ? undefined : await this.eval(e.b));
      return re.test(subject) === (e.op === '~') ? 1 : 0;
    }
    const a = await this.eval(e.a);
    const b = await this.eval(e.b);
    if (e.op === 'concat') {
      const convfmt = toStr(this.vars.get('CONVFMT') ?? '%.6g');
      return toStr(a, convfmt) + toStr(b, convfmt);
    }
    if (['<', '<=', '>', '>=', '==', '!='].includes(e.op)) {
      const numeric = (v: Value) => typeof v === 'number' || typeof v === 'object';
      let c: number;
      if (numeric(a) && numeric(b)) c = toNum(a) - toNum(b);
      else {
        const x = toStr(a);
        const y = toStr(b);
        c = x < y ? -1 : x > y ? 1 : 0;
      }
      const r = { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '==': c === 0, '!=': c !== 0 }[e.op];
      return r ? 1 : 0;
    }
    return arith(e.op, toNum(a), toNum(b));
  }

  private async call(name: string, args: Expr[]): Promise<Value> {
    const str = async (i: number) => toStr(await this.eval(args[i]));
    const num = async (i: number) => toNum(await this.eval(args[i]));
    switch (name) {
      case 'length':
        if (args.length === 0) return [...this.record].length;
        if (args[0].k === 'var' && this.arrays.has(args[0].name)) return this.array(args[0].name).size;
        return [...(await str(0))].length;
      case 'substr': {
        const s = [...(await str(0))];
        const m = Math.round(await num(1));
        const n = args.length > 2 ? Math.round(await num(2)) : Infinity;
        const start = Math.max(1, m);
        const end = n === Infinity ? s.length + 1 : Math.min(s.length + 1, m + n);
        return end > start ? s.slice(start - 1, end - 1).join('') : '';
      }
      case 'index': {
        const i = (await str(0)).indexOf(await str(1));
        return i + 1;
      }
      case 'split': {
        const s = await str(0);
        const target = args[1];
        if (target?.k !== 'var') throw new AwkSyntaxError('split: second argument must be an array');
        const fs = args.length > 2 ? (args[2].k === 're' ? args[2].v : await str(2)) : toStr(this.vars.get('FS') ?? ' ');
        const parts = s === '' ? [] : fs === ' ' ? s.trim().split(/[ \t\n]+/) : fs.length === 1 ? s.split(fs) : s.split(posixRegExp(fs, { extended: true }));
        const arr = this.array(target.name);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), strnum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.regexOf(args[0], args[0].k === 're' ? undefined : await this.eval(args[0]));
        const repl = await str(1);
        const target = args[2] ?? { k: 'field', index: { k: 'num', v: 0 } };
        const subject = toStr(await this.eval(target));
        let count = 0;
        const g = new RegExp(re.source, 'g');
        const out = subject.replace(g, (m: string) => {
          if (name === 'sub' && count > 0) return m;
          count++;
          return repl.replace(/\\\\&|\\&|&/g, (x) => (x === '&' ? m : x === '\\&' ? '&' : '\\'));
        });
        if (count > 0) await this.assignTo(target, out);
        return count;
      }
      case 'match': {
        const s = await str(0);
        const re = this.regexOf(args[1], args[1].k === 're' ? undefined : await this.eval(args[1]));
        const m = re.exec(s);
        this.vars.set('RSTART', m ? m.index + 1 : 0);
        this.vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        const vals: Value[] = [];
        for (const a of args) vals.push(await this.eval(a));
        return sprintf(toStr(vals[0] ?? ''), vals.slice(1));
      }
      case 'toupper':
        return (await str(0)).toUpperCase();
      case 'tolower':
        return (await str(0)).toLowerCase();
      case 'int':
        return Math.trunc(await num(0));
      case 'sqrt':
        return Math.sqrt(await num(0));
      case 'exp':
        return Math.exp(await num(0));
      case 'log':
        return Math.log(await num(0));
      case 'sin':
        return Math.sin(await num(0));
      case 'cos':
        return Math.cos(await num(0));
      case 'atan2':
        return Math.atan2(await num(0), await num(1));
      case 'rand': {
        // A small LCG so `srand(n); rand()` repeats, as in awk.
        this.rngSeed = (this.rngSeed * 1103515245 + 12345) % 2147483648;
        return this.rngSeed / 2147483648;
      }
      case 'srand': {
        const prev = this.rngSeed;
        this.rngSeed = args.length ? Math.trunc(await num(0)) : Math.floor(Date.now() / 1000);
        return prev;
      }
      case 'close':
      case 'fflush':
        return 0;
      default:
        throw new AwkSyntaxError(`${name}() is not supported`);
    }
  }
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (b === 0) throw new AwkRuntimeError('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new AwkRuntimeError('division by zero in %');
      return a % b;
    case '^': return a ** b;
    default: return 0;
  }
}

export class AwkRuntimeError extends Error {}

/** Operands of awk: `var=value` assignments run when reached, the rest are files. */
const awk: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let fs: string | undefined;
  const assigns: [string, string][] = [];
  let program: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-F') fs = args[++i];
    else if (a.startsWith('-F')) fs = a.slice(2);
    else if (a === '-v') {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(args[++i] ?? '');
      if (!m) {
        await ctx.stderr.write(`awk: invalid -v argument\n`);
        return 2;
      }
      assigns.push([m[1], m[2]]);
    } else if (a === '-f') {
      try {
        program = ctx.shell.host.vfs.readFile(ctx.shell.resolvePath(args[++i] ?? ''));
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        await ctx.stderr.write(`awk: can't open file ${args[i]}\n`);
        return 2;
      }
    } else if (a.startsWith('-') && a.length > 1) {
      await ctx.stderr.write(`awk: unrecognized option '${a}'\n`);
      return 2;
    } else break;
  }
  if (program === undefined) program = args[i++];
  if (program === undefined) {
    await ctx.stderr.write('Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n');
    return 2;
  }
  let rules: Rule[];
  try {
    rules = parseAwk(program);
  } catch (e) {
    if (!(e instanceof AwkSyntaxError || e instanceof SyntaxError)) throw e;
    await ctx.stderr.write(`awk: cmd. line:1: ${e.message}\n`);
    return 2;
  }
  const vfs = ctx.shell.host.vfs;
  const prog = new AwkProgram(rules, {
    write: (text) => ctx.stdout.write(text),
    writeFile: (path, text, append) => vfs.writeFile(ctx.shell.resolvePath(path), text, { append }),
  });
  const unescape = (s: string) => s.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', '\\': '\\' })[c] ?? c);
  if (fs !== undefined) prog.vars.set('FS', fs === 't' ? '\t' : unescape(fs));
  for (const [k, v] of assigns) prog.vars.set(k, strnum(unescape(v)));
  const operands = args.slice(i);
  try {
    let code = await prog.begin();
    if (code === undefined && (prog.hasMainRules || prog.hasEnd)) {
      const files = operands.filter((o) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(o));
      const sources = files.length ? operands : [...operands, '-'];
      outer: for (const src of sources) {
        const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(src);
        if (assign) {
          prog.vars.set(assign[1], strnum(unescape(assign[2])));
          continue;
        }
        let text: string;
        if (src === '-') text = await ctx.stdin.readAll(ctx.signal);
        else {
          try {
            text = vfs.readFile(ctx.shell.resolvePath(src));
          } catch (e) {
            if (!(e instanceof VfsError)) throw e;
            await ctx.stderr.write(`awk: cannot open "${src}" (${e.reason})\n`);
            code = 2;
            continue;
          }
        }
        prog.vars.set('FILENAME', src === '-' ? '' : src);
        prog.vars.set('FNR', 0);
        const recs = text.split('\n');
        if (recs[recs.length - 1] === '') recs.pop();
        for (const rec of recs) {
          if (ctx.signal.aborted) return 130;
          const c = await prog.line(rec);
          if (c !== undefined) {
            code = c;
            break outer;
          }
        }
      }
    }
    // `exit` in a main rule still runs END, as POSIX says.
    const endCode = await prog.end();
    return endCode ?? code ?? 0;
  } catch (e) {
    if (e instanceof AwkRuntimeError || e instanceof AwkSyntaxError || e instanceof SyntaxError) {
      await ctx.stderr.write(`awk: cmd. line:1: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
};

export const AWK_COMMANDS: Record<string, Command> = { awk };
