/**
 * What every answer must be, whatever was asked (docs/api.md): never a 5xx from a healthy demo
 * cluster; under /api and /k8s `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`;
 * errors as a Kubernetes `Status`; never the cluster's credentials; and what the case expects.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { normalise } from './findings.ts';
import type { Answer, HttpCase } from './httpCase.ts';

export interface Problem {
  check: string;
  signature: string;
  detail?: string;
}

export type Area = 'api' | 'k8s' | 'other';

/** Express matches routes case-insensitively, so `/API/…` is an /api answer too. */
export function areaOf(path: string): Area {
  const p = path.split('?')[0].toLowerCase();
  if (p === '/api' || p.startsWith('/api/')) return 'api';
  if (p === '/k8s' || p.startsWith('/k8s/')) return 'k8s';
  return 'other';
}

function header(a: Answer, name: string): string {
  const v = a.headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

/** The body as text, decompressed when the answer says it is compressed. */
export function bodyText(a: Answer): string {
  const enc = header(a, 'content-encoding').toLowerCase();
  try {
    if (enc === 'gzip') return gunzipSync(a.body).toString('latin1');
    if (enc === 'br') return brotliDecompressSync(a.body).toString('latin1');
    if (enc === 'deflate') return inflateSync(a.body).toString('latin1');
  } catch (err) {
    // Not what it claims to be (zlib's Z_* codes, brotli's ERR__ERROR_*): search the bytes as they came.
    if (!/^(Z_|ERR__ERROR_)/.test((err as NodeJS.ErrnoException).code ?? '')) throw err;
  }
  return a.body.toString('latin1');
}

interface StatusShape {
  kind?: unknown;
  apiVersion?: unknown;
  status?: unknown;
  code?: unknown;
  reason?: unknown;
  message?: unknown;
}

/** undefined when `text` is a Failure Status for `code`; otherwise what is wrong with it. */
export function statusProblem(text: string, code: number): string | undefined {
  let s: StatusShape;
  try {
    s = JSON.parse(text) as StatusShape;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return `not JSON: ${JSON.stringify(text.slice(0, 80))}`;
  }
  if (typeof s !== 'object' || s === null) return 'not an object';
  if (s.kind !== 'Status' || s.apiVersion !== 'v1') return `kind ${JSON.stringify(s.kind)}, apiVersion ${JSON.stringify(s.apiVersion)}`;
  if (s.status !== 'Failure') return `status ${JSON.stringify(s.status)}`;
  if (s.code !== code) return `code ${JSON.stringify(s.code)} in a ${code} answer`;
  if (typeof s.reason !== 'string' || typeof s.message !== 'string') return 'reason or message missing';
  return undefined;
}

/** `409 Conflict: the spec of … changed` — the first part of a failure signature. */
export function answerSummary(a: Answer): string {
  try {
    const s = JSON.parse(bodyText(a)) as StatusShape;
    if (s && s.kind === 'Status') return `${a.status} ${normalise(`${String(s.reason)}: ${String(s.message)}`)}`;
  } catch (err) {
    // not JSON, so not a Status
    if (!(err instanceof SyntaxError)) throw err;
  }
  return `${a.status} ${header(a, 'content-type') || 'no content type'}`;
}

/** The credential strings found in an answer (body or headers). */
export function leakedSecrets(text: string, needles: readonly string[]): string[] {
  return needles.filter((n) => text.includes(n)).map((n) => `${n.slice(0, 12)}…`);
}

export function answerProblems(c: HttpCase, a: Answer, needles: readonly string[]): Problem[] {
  if (a.error) return [{ check: 'no answer', signature: normalise(a.error) }];
  const out: Problem[] = [];
  const area = areaOf(c.path);
  const text = bodyText(a);
  const summary = answerSummary(a);
  if (a.status >= 500) out.push({ check: '5xx answer', signature: summary, detail: text.slice(0, 300) });
  // A 101 is the start of a websocket, not an answer with a body to cache or sniff.
  if (area !== 'other' && a.status !== 101) {
    if (!header(a, 'cache-control').split(',').some((d) => d.trim().toLowerCase() === 'no-store')) {
      out.push({ check: 'Cache-Control: no-store missing', signature: `${a.status}, Cache-Control ${JSON.stringify(header(a, 'cache-control'))}` });
    }
    if (header(a, 'x-content-type-options').toLowerCase() !== 'nosniff') {
      out.push({ check: 'X-Content-Type-Options: nosniff missing', signature: `${a.status}` });
    }
    if (a.status >= 400 && c.method !== 'HEAD') {
      const problem = statusProblem(text, a.status);
      if (problem) out.push({ check: 'error is not a Status', signature: `${a.status}: ${normalise(problem)}` });
      else if (!header(a, 'content-type').toLowerCase().startsWith('application/json')) {
        out.push({ check: 'error is not a Status', signature: `${a.status}: Content-Type ${JSON.stringify(header(a, 'content-type'))}` });
      }
    }
  }
  const leaked = leakedSecrets(text + '\n' + JSON.stringify(a.headers), needles);
  if (leaked.length) out.push({ check: 'credential in the answer', signature: `${a.status} ${area}`, detail: leaked.join(', ') });
  const e = c.expect;
  if (e.kind === 'refused' && a.status < 400) out.push({ check: 'write not refused', signature: summary });
  if (e.kind === 'status' && a.status !== e.status) out.push({ check: c.route.startsWith('control:') ? 'control case failed' : `expected ${e.status}`, signature: summary });
  return out;
}
