/**
 * Go's renderings of decoded JSON that kube-apiserver puts into patch errors: `%+v` of a
 * map[string]interface{} (strategic merge patches) and encoding/json's output of a patched
 * document (JSON and merge patches).
 */
import type { LiteralOf } from '../numberLiterals.ts';

const INT_LITERAL = /^-?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The literal as sigs.k8s.io/json's UnmarshalCaseSensitivePreserveInts keeps it: int64 when it parses as one, else float64. */
export function goInt64Of(literal: string): bigint | undefined {
  if (!INT_LITERAL.test(literal)) return undefined;
  const n = BigInt(literal);
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}

/** fmt's %v of a float64: the shortest digits, exponent form when the exponent is < -4 or >= 6 (strconv 'g', -1). */
export function goFloat(f: number): string {
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

/** `%+v` of the value Go decoded from JSON: maps print `map[k:v ...]` with sorted keys, slices `[a b]`, nil `<nil>`. */
export function goPrint(v: unknown, literalOf: LiteralOf): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') {
    const lit = literalOf(v);
    const asInt = goInt64Of(lit);
    return asInt !== undefined ? asInt.toString() : goFloat(Number(lit));
  }
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => goPrint(x, literalOf)).join(' ')}]`;
  const m = v as Record<string, unknown>;
  return `map[${Object.keys(m).sort().map((k) => `${k}:${goPrint(m[k], literalOf)}`).join(' ')}]`;
}

/** encoding/json escapes <, > and & in strings. */
function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/**
 * A patched document as the json-patch library marshals it: the top-level object is a Go map,
 * so its keys come sorted; numbers keep the client's literal.
 */
export function goPatchedJson(v: unknown, literalOf: LiteralOf, top = true): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return literalOf(v);
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => goPatchedJson(x, literalOf, false)).join(',')}]`;
  const m = v as Record<string, unknown>;
  const keys = top ? Object.keys(m).sort() : Object.keys(m);
  return `{${keys.filter((k) => m[k] !== undefined).map((k) => `${goJsonString(k)}:${goPatchedJson(m[k], literalOf, false)}`).join(',')}}`;
}
