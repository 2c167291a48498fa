/**
 * The fuzzer's vocabulary: path segments that are path syntax or merely odd, numbers an int32
 * cannot hold, JSON of the wrong type, content types, origins. Each value carries a short tag
 * that names it in the failure groups ("name:%2e%2e", "replicas:1e308").
 */

/** One path segment as sent (`raw`) and as a server that percent-decodes once sees it. */
export interface Segment {
  raw: string;
  tag: string;
  /** The segment is, or decodes to, `.` or `..` (any case, once or twice encoded): a path climbs. */
  climbs?: boolean;
}

const seg = (raw: string, tag = raw, climbs = false): Segment => ({ raw, tag, climbs });

/** Segments that name nothing real: traversal, separators, control characters, odd lengths and scripts. */
export const HOSTILE_SEGMENTS: readonly Segment[] = [
  seg('.', '.', true),
  seg('..', '..', true),
  seg('%2e', '%2e', true),
  seg('%2e%2e', '%2e%2e', true),
  seg('%2E%2e', '%2E%2e', true),
  seg('.%2e', '.%2e', true),
  seg('%2e.', '%2e.', true),
  seg('%252e%252e', 'double-encoded ..', true),
  seg('..%2F..', '..%2F..'),
  seg('..%5C..', '..%5C..'),
  seg('%2F', '%2F'),
  seg('a%2Fb', 'a%2Fb'),
  seg('%5C', 'backslash'),
  seg('%00', 'NUL'),
  seg('a%00b', 'inner NUL'),
  seg('%zz', 'bad percent-encoding'),
  seg('%', 'lone %'),
  seg('...', '...'),
  seg('..;', '..;'),
  seg('%20', 'space'),
  seg('a%20b', 'inner space'),
  seg('UPPER', 'uppercase'),
  seg('a'.repeat(300), '300 chars'),
  seg('%C3%A9t%C3%A9', 'unicode'),
  seg('%E2%80%AEevil', 'RTL override'),
  seg('%EF%BC%8E%EF%BC%8E', 'fullwidth ..'),
  seg('%F0%9F%92%A5', 'emoji'),
  seg('a%3Fb', 'encoded ?'),
  seg('a%23b', 'encoded #'),
  seg('%0D%0AX-Injected:%201', 'CRLF'),
  seg('-lead', 'leading -'),
  seg('a..b', 'a..b'),
  seg('a+b', 'plus'),
  seg('%7B%7D', 'braces'),
];

/** A real name spelled with percent-encoding: a server decoding once must treat it as that name. */
export function encodedAlias(name: string): Segment {
  const i = name.length > 1 ? 1 : 0;
  const hex = name.charCodeAt(i).toString(16).toUpperCase().padStart(2, '0');
  return seg(`${name.slice(0, i)}%${hex}${name.slice(i + 1)}`, 'percent-encoded alias');
}

/** A JSON value and how it reads in a failure group. */
export interface Value {
  json: unknown;
  tag: string;
}

const v = (json: unknown, tag: string): Value => ({ json, tag });

/** Numbers no int32 count accepts, and JSON that is not a number at all. */
export const BAD_COUNTS: readonly Value[] = [
  v(1e308, '1e308'),
  v(-1, '-1'),
  v(2147483648, '2147483648'),
  v(1e10, '1e10'),
  v(2 ** 53 + 2, '2^53+2'),
  v(1.5, '1.5'),
  v(0.1, '0.1'),
  v(-2147483649, '-2147483649'),
  v('3', 'string "3"'),
  v('NaN', 'string NaN'),
  v('Infinity', 'string Infinity'),
  v('1e3', 'string 1e3'),
  v('', 'empty string'),
  v(null, 'null'),
  v(true, 'true'),
  v([], '[]'),
  v([3], '[3]'),
  v({}, '{}'),
  v({ value: 3 }, 'object'),
];

/** Values for a field that must be a non-empty string (image, container, confirmName). */
export const BAD_STRINGS: readonly Value[] = [
  v('', 'empty'),
  v('   ', 'blank'),
  v(null, 'null'),
  v(5, 'number'),
  v(true, 'true'),
  v([], '[]'),
  v(['x'], '["x"]'),
  v({}, '{}'),
  v({ toString: 'x' }, 'object with toString'),
];

/** Strings that are odd but are strings: used where any string is allowed, or alongside another defect. */
export const ODD_STRINGS: readonly Value[] = [
  v('\u0000', 'NUL'),
  v('a\nb', 'newline'),
  v('é🙂\u202e', 'unicode'),
  v('x'.repeat(300), '300 chars'),
  v('y'.repeat(200_000), '200 kB'),
  v('${jndi:ldap://x}', 'template'),
  v('<script>alert(1)</script>', 'html'),
  v('../../etc/passwd', 'path'),
];

/** Keys that must stay data: prototype pollution and JavaScript's own names. */
export const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''];

/** Content types an /api write may carry: JSON spelled in the ways clients spell it. */
export const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'Application/JSON'];

/** Content types an /api write must be refused for (415, docs/api.md). */
export const NON_JSON_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/xml',
  'text/json',
  'text/html',
  'application/octet-stream',
  'application/json; charset=latin1',
];

/** JSON by suffix: allowed past the content-type check, but not parsed as JSON by the body parser. */
export const SUFFIX_JSON_TYPES = ['application/merge-patch+json', 'application/vnd.api+json', 'application/strategic-merge-patch+json'];

/** Origins of another site; `{port}` is the console's. */
export const FOREIGN_ORIGINS = ['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'http://127.0.0.1:{other}', 'http://localhost.evil.example:{port}', 'file://', 'not a url'];

/** The console's own host under another scheme: another origin for the browser (RFC 6454). */
export const OTHER_SCHEME_ORIGINS = ['https://127.0.0.1:{port}', 'ws://127.0.0.1:{port}', 'ftp://127.0.0.1:{port}'];

/** Request headers that must make no difference to the answer (the proxy drops the credential ones). */
export const NOISE_HEADERS: readonly Record<string, string>[] = [
  { Authorization: 'Bearer not-the-token' },
  { Authorization: 'Basic YWRtaW46YWRtaW4=' },
  { Cookie: 'session=abc' },
  { 'Impersonate-User': 'system:anonymous' },
  { 'Impersonate-Group': 'system:unauthenticated' },
  { 'X-Remote-User': 'nobody' },
  { 'X-Forwarded-For': '10.0.0.1' },
  { 'X-Forwarded-Host': 'evil.example' },
  { 'X-Forwarded-Proto': 'https' },
  { 'X-Request-Id': 'r'.repeat(500) },
  { Accept: 'text/html' },
  { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
  { 'Accept-Encoding': 'gzip, br' },
  { Range: 'bytes=0-10' },
];

/** Query strings that must make no difference to an /api action. */
export const ODD_QUERIES = ['', '', '', '?pretty=true', '?__proto__[x]=1', '?a=%00', '?x[]=1&x[]=2', '?%zz=1', '?dryRun=All', '?q=' + 'q'.repeat(4000)];
