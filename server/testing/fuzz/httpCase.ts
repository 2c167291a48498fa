/**
 * One fuzz request: sent byte for byte as generated (raw path, exact headers, optional chunked
 * body) and printable as a one-line reproduction.
 */
import { request } from 'node:http';

/** What the answer must be, beyond the checks every answer gets. */
export type Expectation =
  /** Any answer but a 5xx. */
  | { kind: 'answer' }
  /** A refusal: 4xx, and nothing written. */
  | { kind: 'refused' }
  /** Exactly this status (a documented refusal, or a control case's success). */
  | { kind: 'status'; status: number };

export interface HttpCase {
  /** Position in the run, for FUZZ_SEED replays. */
  n: number;
  /** The route as a template ("PUT /api/…/{kind}/{name}/scale"): the first half of a failure group. */
  route: string;
  /** What is hostile about this case ("name:%2e%2e", "replicas:1e308"): listed under its group. */
  label: string;
  method: string;
  /** Sent as is: not normalised, not re-encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Shown instead of the body in reproductions (a 1 MB body is described, not printed). */
  bodyNote?: string;
  /** Send the body with Transfer-Encoding: chunked, in two pieces. */
  chunked?: boolean;
  expect: Expectation;
  /** `resource namespace/name` keys this case may change (control cases only). */
  named?: string[];
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Set when no answer came: the connection failed or timed out. */
  error?: string;
  ms: number;
}

const ANSWER_TIMEOUT_MS = 10_000;
/** Enough for any error and small lists; a longer body is cut (the checks look at its start). */
const MAX_BODY = 4 * 1024 * 1024;

export function send(port: number, c: HttpCase): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (a: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...a, ms: Date.now() - started });
    };
    const headers: Record<string, string> = { Host: `127.0.0.1:${port}`, ...c.headers };
    if (c.chunked) headers['Transfer-Encoding'] = 'chunked';
    else if (c.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['Content-Length'] = String(Buffer.byteLength(c.body));
    const req = request({ host: '127.0.0.1', port, method: c.method, path: c.path, headers, agent: false, timeout: ANSWER_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY) res.destroy();
      });
      const done = () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    // An accepted websocket upgrade: the status is all the case needs.
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      finish({ status: 101, headers: res.headers, body: Buffer.alloc(0) });
    });
    req.on('timeout', () => {
      req.destroy();
      finish({ status: 0, headers: {}, body: Buffer.alloc(0), error: `no answer within ${ANSWER_TIMEOUT_MS / 1000} s` });
    });
    req.on('error', (err: NodeJS.ErrnoException) => finish({ status: 0, headers: {}, body: Buffer.alloc(0), error: `${err.code ?? ''} ${err.message}`.trim() }));
    if (c.body !== undefined && c.chunked) {
      const b = Buffer.from(c.body);
      req.write(b.subarray(0, b.length >> 1));
      req.end(b.subarray(b.length >> 1));
    } else {
      req.end(c.body);
    }
  });
}

const quote = (s: string) => JSON.stringify(s);

/** `PUT /api/… -H 'Content-Type: application/json' --data "{…}"`: enough to send it again by hand. */
export function reproduction(c: HttpCase): string {
  const headers = Object.entries(c.headers).map(([k, v]) => ` -H ${quote(`${k}: ${v.length > 120 ? `${v.slice(0, 120)}…(${v.length} chars)` : v}`)}`);
  let body = '';
  if (c.bodyNote) body = ` --data <${c.bodyNote}>`;
  else if (c.body !== undefined) {
    const text = Buffer.isBuffer(c.body) ? `<${c.body.length} bytes: ${c.body.subarray(0, 24).toString('hex')}…>` : c.body;
    body = ` --data ${quote(text.length > 300 ? `${text.slice(0, 300)}…(${text.length} chars)` : text)}`;
  }
  const path = c.path.length > 400 ? `${c.path.slice(0, 400)}…(${c.path.length} chars)` : c.path;
  return `#${c.n} ${c.method} ${path}${headers.join('')}${c.chunked ? ' (chunked)' : ''}${body}`;
}
