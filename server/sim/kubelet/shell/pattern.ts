/**
 * Shell pattern matching (XCU 2.13), for `case` and `${x#pattern}`: `*`, `?` and
 * bracket expressions; quoted characters match themselves.
 */
export interface PatternPiece {
  text: string;
  quoted: boolean;
}

/** The regular-expression source of a pattern made of quoted and unquoted pieces. */
export function patternOf(pieces: PatternPiece[]): string {
  let out = '';
  for (const { text, quoted } of pieces) {
    if (quoted) {
      out += escape(text);
      continue;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '*') out += '[\\s\\S]*';
      else if (c === '?') out += '[\\s\\S]';
      else if (c === '\\' && i + 1 < text.length) out += escape(text[++i]);
      else if (c === '[') {
        const end = text.indexOf(']', i + 2);
        if (end < 0) {
          out += '\\[';
          continue;
        }
        let body = text.slice(i + 1, end);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        body = body.replace(/\[:(\w+):\]/g, (_m, cls: string) => CLASSES[cls] ?? '').replace(/\\(?!w|d|s)/g, '\\\\').replace(/\]/g, '\\]');
        out += `[${negate ? '^' : ''}${body}]`;
        i = end;
      } else out += escape(c);
    }
  }
  return out;
}

const CLASSES: Record<string, string> = { alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', xdigit: '0-9A-Fa-f', punct: '!-/:-@[-`{-~' };

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function matchPattern(source: string, text: string): boolean {
  return new RegExp(`^(?:${source})$`).test(text);
}
