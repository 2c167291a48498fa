/**
 * Awk's values and their conversions, as POSIX defines them: numbers, strings, and input
 * that looks numeric ("strnum"), which compares as a number; and printf's formatting, which
 * number-to-string conversion (CONVFMT) uses.
 */

/** A value: a number, a string, or a string from input that looks numeric (a "strnum"). */
export type Value = number | string | { strnum: string; n: number };

export class AwkRuntimeError extends Error {}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)\s*$/;

export function strnum(s: string): Value {
  return NUMERIC.test(s) ? { strnum: s, n: Number(s) } : s;
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'object') return v.n;
  const m = /^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/.exec(v);
  return m ? Number(m[0]) : 0;
}

export function formatNumber(n: number, convfmt = '%.6g'): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  return sprintf(convfmt, [n]);
}

export function toStr(v: Value, convfmt?: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return v.strnum;
  return formatNumber(v, convfmt);
}

export function truthy(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'object') return v.n !== 0;
  return v !== '';
}


export function arith(op: string, a: number, b: number): number {
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
