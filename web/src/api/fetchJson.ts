/**
 * The one fetch wrapper: JSON in, JSON out, and any non-OK answer becomes an `ApiError`
 * holding the Kubernetes Status (the server's own, or one synthesised from the HTTP code).
 */
import { ApiError, NETWORK_ERROR_REASON, isStatusBody, syntheticStatus } from './apiError.ts';
import { endsSessionOn401, reportSessionDoubt } from './sessionSignal.ts';
import { basePath } from './urls.ts';

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Patch content type for PATCH (merge, strategic-merge, json-patch, apply). */
  contentType?: string;
  signal?: AbortSignal;
  /** Defaults to `application/json`; metadata-only lists ask for PartialObjectMetadataList. */
  accept?: string;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export async function fetchJson<T>(url: string, req: JsonRequest = {}, fetchImpl: Fetch = globalThis.fetch.bind(globalThis)): Promise<T> {
  const headers: Record<string, string> = { Accept: req.accept ?? 'application/json' };
  let body: string | undefined;
  if (req.body !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json';
    body = JSON.stringify(req.body);
  }
  let res: Response;
  try {
    res = await fetchImpl(url, { method: req.method ?? 'GET', headers, body, signal: req.signal, credentials: 'same-origin' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(syntheticStatus(0, err instanceof Error ? err.message : String(err), NETWORK_ERROR_REASON));
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    parsed = undefined;
  }
  if (!res.ok) {
    // The session ended (expired, revoked, signed out in another tab): the sign-in store decides what to show.
    if (res.status === 401 && endsSessionOn401(url, basePath())) reportSessionDoubt('unauthorized');
    if (isStatusBody(parsed)) throw new ApiError(parsed);
    throw new ApiError(syntheticStatus(res.status, text.trim().slice(0, 300) || res.statusText || `HTTP ${res.status}`));
  }
  if (parsed === undefined && text) {
    throw new ApiError(syntheticStatus(500, `expected JSON from ${url}, got ${res.headers.get('content-type') ?? 'no content type'}`, 'InternalError'));
  }
  return parsed as T;
}
