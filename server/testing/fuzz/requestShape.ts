/**
 * How a request is dressed: its content type, encoding, Origin, extra headers and fields. Noise
 * is what a valid request may vary (JSON spelled otherwise, gzip, chunked, unknown fields, odd
 * headers) and must not change the answer's meaning; a transport defect is what a write must be
 * refused for, with the status docs/api.md gives it.
 */
import { gzipSync } from 'node:zlib';
import type { Body } from './actionRoutes.ts';
import { setOwn } from './actionRoutes.ts';
import type { Expectation } from './httpCase.ts';
import { FOREIGN_ORIGINS, JSON_TYPES, NOISE_HEADERS, NON_JSON_TYPES, ODD_KEYS, ODD_STRINGS, OTHER_SCHEME_ORIGINS, SUFFIX_JSON_TYPES } from './hostileValues.ts';
import type { Prng } from './prng.ts';

/** A request before it is serialised. `raw` replaces the JSON of `body` when set. */
export interface Draft {
  headers: Record<string, string>;
  body?: Body;
  raw?: string | Buffer;
  bodyNote?: string;
  chunked?: boolean;
  gzip?: boolean;
  query: string;
  expect: Expectation;
  labels: string[];
}

export interface TransportDefect {
  tag: string;
  /** For a route that reads no body (the evict route takes none). */
  needsBody?: boolean;
  apply(d: Draft, rng: Prng, port: number): void;
}

const origin = (template: string, port: number) => template.replace('{port}', String(port)).replace('{other}', String(port === 1 ? 2 : port - 1));

const MALFORMED = ['{', '{"replicas": NaN}', "{'confirmName': 'x'}", '{"a":1}}', '{"a":1,}', '\u0000', 'null null', '{"a":"\\x"}', '[' + '{'.repeat(50)];

export const TRANSPORT_DEFECTS: readonly TransportDefect[] = [
  ...NON_JSON_TYPES.map((t): TransportDefect => ({ tag: `content-type:${t}`, apply: (d) => Object.assign(d, { headers: { ...d.headers, 'Content-Type': t }, expect: { kind: 'status', status: 415 } }) })),
  {
    tag: 'form-encoded body',
    apply: (d) => Object.assign(d, { headers: { ...d.headers, 'Content-Type': 'application/x-www-form-urlencoded' }, raw: new URLSearchParams(Object.entries(d.body ?? {}).map(([k, v]) => [k, String(v)])).toString(), expect: { kind: 'status', status: 415 } }),
  },
  {
    tag: 'no content-type',
    apply: (d) => {
      const { ['Content-Type']: _dropped, ...rest } = d.headers;
      Object.assign(d, { headers: rest, raw: JSON.stringify(d.body ?? {}), expect: { kind: 'status', status: 415 } });
    },
  },
  ...FOREIGN_ORIGINS.map((o): TransportDefect => ({ tag: `origin:${o}`, apply: (d, _r, port) => Object.assign(d, { headers: { ...d.headers, Origin: origin(o, port) }, expect: { kind: 'status', status: 403 } }) })),
  ...OTHER_SCHEME_ORIGINS.map((o): TransportDefect => ({ tag: `origin (other scheme):${o}`, apply: (d, _r, port) => Object.assign(d, { headers: { ...d.headers, Origin: origin(o, port) }, expect: { kind: 'status', status: 403 } }) })),
  ...MALFORMED.map((m): TransportDefect => ({ tag: `malformed JSON:${m.slice(0, 20)}`, needsBody: true, apply: (d) => Object.assign(d, { raw: m, expect: { kind: 'status', status: 400 } }) })),
  {
    tag: 'body over 1 MB',
    apply: (d) => Object.assign(d, { raw: JSON.stringify({ ...d.body, pad: 'p'.repeat(1_100_000) }), bodyNote: `the body with "pad": 1.1 MB of "p"`, expect: { kind: 'status', status: 413 } }),
  },
  { tag: 'Content-Encoding: gzip, not gzip', needsBody: true, apply: (d) => Object.assign(d, { headers: { ...d.headers, 'Content-Encoding': 'gzip' }, raw: JSON.stringify(d.body ?? {}), expect: { kind: 'status', status: 400 } }) },
  { tag: 'Content-Encoding: compress', needsBody: true, apply: (d) => Object.assign(d, { headers: { ...d.headers, 'Content-Encoding': 'compress' }, expect: { kind: 'status', status: 415 } }) },
];

/** A JSON body the router reads as no body at all (type `…+json` passes the 415 check, the JSON parser skips it). */
export function suffixJson(d: Draft, rng: Prng): void {
  d.headers['Content-Type'] = rng.pick(SUFFIX_JSON_TYPES);
}

/** Stands for deeply nested arrays until serialise writes them out (JSON.stringify would recurse too deep). */
const nestedMarker = (depth: number) => `__fuzz_nested_${depth}__`;
const NESTED = /"__fuzz_nested_(\d+)__"/g;

/** Variation a valid request may carry; returns what it added, for the reproduction's label. */
export function addNoise(d: Draft, rng: Prng, port: number, opts: { body: boolean }): void {
  if (opts.body) d.headers['Content-Type'] = rng.weighted([[6, JSON_TYPES[0]], [1, JSON_TYPES[1]], [1, JSON_TYPES[2]], [1, JSON_TYPES[3]]]);
  if (rng.chance(0.35)) d.headers.Origin = `http://127.0.0.1:${port}`;
  if (rng.chance(0.25)) Object.assign(d.headers, rng.pick(NOISE_HEADERS));
  if (opts.body && d.body && rng.chance(0.3)) {
    const extra = rng.int(0, 5);
    if (extra === 0) setOwn(d.body, rng.pick(ODD_KEYS), { polluted: true, confirmName: 'x' });
    else if (extra === 1) d.body.note = rng.pick(ODD_STRINGS).json;
    else if (extra === 2) d.body.deep = nestedMarker(rng.pick([100, 2000, 20_000]));
    else if (extra === 3) d.body.spec = { replicas: 1e308, template: null };
    else if (extra === 4) Object.assign(d.body, { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'kube-system' } });
    else d.body.list = Array.from({ length: 5000 }, (_, i) => i);
  }
  if (opts.body && rng.chance(0.08)) d.gzip = true;
  if (opts.body && rng.chance(0.08)) d.chunked = true;
}

/** The body bytes and headers as they go out. */
export function serialise(d: Draft): { headers: Record<string, string>; body?: string | Buffer } {
  const text = d.raw ?? (d.body === undefined ? undefined : JSON.stringify(d.body).replace(NESTED, (_m, n: string) => '['.repeat(Number(n)) + ']'.repeat(Number(n))));
  if (text === undefined) return { headers: d.headers };
  if (d.gzip && d.raw === undefined) return { headers: { ...d.headers, 'Content-Encoding': 'gzip' }, body: gzipSync(Buffer.from(text)) };
  return { headers: d.headers, body: text };
}
