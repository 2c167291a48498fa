/**
 * `$((...))` (XCU 2.6.4): C's integer operators with the shell's variables. Busybox ash
 * computes in 64-bit signed integers; so does this (BigInt, wrapped to 64 bits).
 */
export class ArithmeticError extends Error {}

export interface ArithmeticVariables {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { t: 'num'; v: bigint } | { t: 'name'; v: string } | { t: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '!', '~', '?', ':', '=', '(', ')', ','];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    if (/\s/.test(src[i])) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: parseNumber(num[1]) });
      i += num[1].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithmeticError('arithmetic syntax error');
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

function parseNumber(text: string): bigint {
  if (/^0[xX]/.test(text)) return BigInt(text);
  if (/^0[0-7]+$/.test(text)) return BigInt('0o' + text.slice(1));
  if (/^0\d+$/.test(text)) throw new ArithmeticError('arithmetic syntax error');
  return BigInt(text);
}

const wrap = (v: bigint) => BigInt.asIntN(64, v);

/** Binary operators by precedence, loosest first (after assignment and `?:`). */
const LEVELS = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

export function evaluateArithmetic(src: string, vars: ArithmeticVariables): bigint {
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const isOp = (v: string) => toks[pos]?.t === 'op' && toks[pos].v === v;
  const valueOf = (name: string, depth = 0): bigint => {
    const text = (vars.get(name) ?? '').trim();
    if (text === '') return 0n;
    if (/^-?(0[xX][0-9a-fA-F]+|\d+)$/.test(text)) return text.startsWith('-') ? -parseNumber(text.slice(1)) : parseNumber(text);
    if (depth > 10) throw new ArithmeticError('expression recursion loop detected');
    return evaluateArithmetic(text, vars);
  };
  // `skip`: the branch not taken by && || ?: parses without side effects.
  const binary = (level: number, skip: boolean): bigint => {
    if (level === LEVELS.length) return power(skip);
    let left = binary(level + 1, skip);
    for (;;) {
      const t = peek();
      if (t?.t !== 'op' || !LEVELS[level].includes(t.v)) return left;
      pos++;
      if (t.v === '&&') {
        const right = binary(level + 1, skip || left === 0n);
        left = left !== 0n && right !== 0n ? 1n : 0n;
        continue;
      }
      if (t.v === '||') {
        const right = binary(level + 1, skip || left !== 0n);
        left = left !== 0n || right !== 0n ? 1n : 0n;
        continue;
      }
      left = apply(t.v, left, binary(level + 1, skip), skip);
    }
  };
  const power = (skip: boolean): bigint => {
    const base = unary(skip);
    if (!isOp('**')) return base;
    pos++;
    return apply('**', base, power(skip), skip);
  };
  const unary = (skip: boolean): bigint => {
    const t = peek();
    if (t?.t === 'op' && ['+', '-', '!', '~'].includes(t.v)) {
      pos++;
      const v = unary(skip);
      return t.v === '-' ? wrap(-v) : t.v === '!' ? (v === 0n ? 1n : 0n) : t.v === '~' ? ~v : v;
    }
    if (t?.t === 'op' && (t.v === '++' || t.v === '--')) {
      pos++;
      const n = peek();
      if (n?.t !== 'name') throw new ArithmeticError('arithmetic syntax error');
      pos++;
      const v = wrap(valueOf(n.v) + (t.v === '++' ? 1n : -1n));
      if (!skip) vars.set(n.v, String(v));
      return v;
    }
    return primary(skip);
  };
  const primary = (skip: boolean): bigint => {
    const t = toks[pos++];
    if (!t) throw new ArithmeticError('arithmetic syntax error');
    if (t.t === 'num') return t.v;
    if (t.t === 'op' && t.v === '(') {
      const v = comma(skip);
      if (!isOp(')')) throw new ArithmeticError('arithmetic syntax error');
      pos++;
      return v;
    }
    if (t.t !== 'name') throw new ArithmeticError('arithmetic syntax error');
    if (isOp('++') || isOp('--')) {
      const inc = toks[pos++].v === '++' ? 1n : -1n;
      const v = valueOf(t.v);
      if (!skip) vars.set(t.v, String(wrap(v + inc)));
      return v;
    }
    return valueOf(t.v);
  };
  const assignment = (skip: boolean): bigint => {
    const t = peek();
    const n = toks[pos + 1];
    if (t?.t === 'name' && n?.t === 'op' && /^([-+*/%&|^]|<<|>>)?=$/.test(n.v)) {
      pos += 2;
      const right = assignment(skip);
      const v = n.v === '=' ? right : apply(n.v.slice(0, -1), valueOf(t.v), right, skip);
      if (!skip) vars.set(t.v, String(v));
      return v;
    }
    return conditional(skip);
  };
  const conditional = (skip: boolean): bigint => {
    const c = binary(0, skip);
    if (!isOp('?')) return c;
    pos++;
    const a = assignment(skip || c === 0n);
    if (!isOp(':')) throw new ArithmeticError('arithmetic syntax error');
    pos++;
    const b = conditional(skip || c !== 0n);
    return c !== 0n ? a : b;
  };
  const comma = (skip: boolean): bigint => {
    let v = assignment(skip);
    while (isOp(',')) {
      pos++;
      v = assignment(skip);
    }
    return v;
  };
  if (toks.length === 0) return 0n;
  const v = comma(false);
  if (pos < toks.length) throw new ArithmeticError('arithmetic syntax error');
  return v;
}

function apply(op: string, a: bigint, b: bigint, skip: boolean): bigint {
  switch (op) {
    case '+': return wrap(a + b);
    case '-': return wrap(a - b);
    case '*': return wrap(a * b);
    case '/':
    case '%':
      if (b === 0n) {
        if (skip) return 0n;
        throw new ArithmeticError('divide by zero');
      }
      return op === '/' ? a / b : a % b;
    case '**':
      if (b < 0n) throw new ArithmeticError('exponent less than 0');
      // Squaring with wrap-around, so a huge exponent costs 64 steps, not the event loop.
      {
        let r = 1n;
        let base = a;
        for (let e = b; e > 0n; e >>= 1n) {
          if (e & 1n) r = wrap(r * base);
          base = wrap(base * base);
        }
        return r;
      }
    case '<<': return wrap(a << b);
    case '>>': return a >> b;
    case '<': return a < b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    default: throw new ArithmeticError('arithmetic syntax error');
  }
}
