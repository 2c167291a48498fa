/**
 * The number literals of a JSON request body as the client wrote them. kube-apiserver's JSON
 * decoder quotes the literal in its errors ("json: cannot unmarshal number 1e308 into ..."),
 * and JSON.parse keeps only the double (1e308 prints as 1e+308, 9007199254740993 as
 * ...992). The text is remembered per parsed body and scanned only when an error needs it.
 */

const sources = new WeakMap<object, string>();

/** Called by the body parser for every JSON object or array it returns. */
export function rememberJsonText(parsed: unknown, text: string): void {
  if (typeof parsed === 'object' && parsed !== null) sources.set(parsed, text);
}

/** The JSON text `parsed` came from (undefined for YAML, protobuf or anything not parsed from a request). */
export function jsonTextOf(parsed: unknown): string | undefined {
  return typeof parsed === 'object' && parsed !== null ? sources.get(parsed) : undefined;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Number tokens outside strings, in document order. */
function numberTokens(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) continue;
      out.push(m[0]);
      i += m[0].length - 1;
    }
  }
  return out;
}

/** Finds the literal a body used for `n`; callers fall back to JavaScript's rendering. */
export type LiteralOf = (n: number) => string;

/** The literal for numbers of `body` (a parsed request body); String(n) when it was not remembered. */
export function literalsOf(body: unknown): LiteralOf {
  const text = typeof body === 'object' && body !== null ? sources.get(body) : undefined;
  let tokens: string[] | undefined;
  return (n) => {
    if (text === undefined) return String(n);
    tokens ??= numberTokens(text);
    return tokens.find((t) => Number(t) === n) ?? String(n);
  };
}
