import { badRequest, expired } from '../../kube/status.ts';

/** How long a continue token stays usable: etcd's default compaction interval. */
export const CONTINUE_TTL_MS = 5 * 60_000;

export const EXPIRED_CONTINUE_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** Decoded continue token: the list's resourceVersion (0 = latest, inconsistent) and the last key served. */
export interface ContinueToken {
  rv: number;
  start: string;
  issuedAt: number;
}

/** Same shape as the API server's (`{"v":"meta.k8s.io/v1","rv":N,"start":"key"}`), plus when it was issued. */
export function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start, t: t.issuedAt })).toString('base64url');
}

export function decodeContinue(token: string): ContinueToken {
  const invalid = () => badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  let raw: { v?: string; rv?: number; start?: string; t?: number } | null;
  try {
    raw = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof raw;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    throw invalid();
  }
  if (typeof raw !== 'object' || raw === null || raw.v !== 'meta.k8s.io/v1' || typeof raw.rv !== 'number' || typeof raw.start !== 'string') throw invalid();
  return { rv: raw.rv, start: raw.start, issuedAt: raw.t ?? 0 };
}

/**
 * A token is expired when its snapshot is older than the TTL or compacted away; the
 * 410 carries a fresh token that continues (inconsistently) at the latest version.
 */
export function checkContinue(t: ContinueToken, oldestRv: number, now: number, ttlMs: number): void {
  if (t.rv === 0) return;
  if (t.rv < oldestRv || now - t.issuedAt > ttlMs) {
    throw expired(EXPIRED_CONTINUE_MESSAGE, encodeContinue({ rv: 0, start: t.start, issuedAt: now }));
  }
}
