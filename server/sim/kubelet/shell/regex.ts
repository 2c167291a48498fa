/**
 * POSIX regular expressions (XBD 9) as JavaScript ones, for grep, sed and awk. Basic REs
 * (grep, sed) group with `\(` `\)` and count with `\{m,n\}`, and busybox/GNU accept `\+`,
 * `\?`, `\|` as in extended REs; bare `( ) { } + ? |` are literal there. Bracket expressions
 * may hold classes (`[[:digit:]]`), and `]` first in a bracket is literal in both.
 */
const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
};

/** A bracket expression starting at src[i] === '[': its JS form and the index after it. */
function bracket(src: string, i: number): { js: string; end: number } | undefined {
  let j = i + 1;
  let out = '[';
  if (src[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  for (; j < src.length; j++) {
    const c = src[j];
    if (c === ']' && !first) return { js: out + ']', end: j + 1 };
    first = false;
    if (c === '[' && src[j + 1] === ':') {
      const close = src.indexOf(':]', j + 2);
      if (close > 0) {
        out += CLASSES[src.slice(j + 2, close)] ?? '';
        j = close + 1;
        continue;
      }
    }
    out += c === '\\' || c === ']' || c === '[' ? `\\${c}` : c;
  }
  return undefined;
}

/** The JavaScript source of a POSIX regular expression (basic unless `extended`). */
export function posixToJs(src: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '[') {
      const b = bracket(src, i);
      if (b) {
        out += b.js;
        i = b.end - 1;
        continue;
      }
      out += '\\[';
      continue;
    }
    if (c === '\\' && i + 1 < src.length) {
      const n = src[++i];
      if (!extended && '(){}+?|'.includes(n)) out += n;
      else if (/[1-9]/.test(n)) out += `\\${n}`;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else if ('wWsSbB'.includes(n)) out += `\\${n}`;
      else if (n === '<' || n === '>') out += '\\b';
      else out += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      continue;
    }
    if (!extended && '(){}+?|'.includes(c)) {
      out += `\\${c}`;
      continue;
    }
    if (c === '*' && (out === '' || out.endsWith('(') || out.endsWith('|') || (out === '^' && i > 0))) {
      out += '\\*'; // a leading `*` is literal
      continue;
    }
    if (c === '/') {
      out += '\\/';
      continue;
    }
    out += c;
  }
  return out;
}

/** A RegExp for a POSIX pattern; a pattern JavaScript cannot compile is an error the caller words. */
export function posixRegExp(src: string, opts: { extended: boolean; ignoreCase?: boolean; global?: boolean }): RegExp {
  return new RegExp(posixToJs(src, opts.extended), `${opts.ignoreCase ? 'i' : ''}${opts.global ? 'g' : ''}`);
}
