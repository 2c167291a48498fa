/** The awk lexer: tokens, with `/` read as a regex where an operand is expected. */

export type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 're'; v: string } | { t: 'name'; v: string } | { t: 'func'; v: string } | { t: 'op'; v: string } | { t: 'nl' } | { t: 'eof' };

const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'if', 'else', 'while', 'for', 'do', 'in', 'next', 'exit', 'delete', 'break', 'continue', 'getline', 'function', 'return', 'nextfile']);
const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'toupper', 'tolower', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '!=', '<=', '>=', '&&', '||', '++', '--', '!~', '>>', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '<', '>', '~', '?', ':', '=', '$', '|'];

export class AwkSyntaxError extends Error {}

export function lex(src: string): Tok[] {
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
