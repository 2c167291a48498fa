/**
 * The one way the BFF calls a context's API server (actions and live caches alike): credentials
 * from credentialsFor — the pool, cached headers and 401 invalidation the proxy uses, so exec
 * plugins refresh the same way — and every failure thrown as a KubeStatusError carrying the
 * API server's own Status (or a 503 naming the context when it cannot be reached).
 */
import http from 'node:http';
import https from 'node:https';
import { credentialsFor, type UpstreamAccess } from './credentials.ts';
import { escapesItsPath } from '../kube/apiPath.ts';
import { badRequest, failureStatus, KubeStatusError, statusFromResponse, unreachableStatus } from './kubeStatus.ts';
import type { ClusterContext, RequestTimeouts } from './types.ts';

/**
 * Connecting may hang on a black-holed address, and an API server may accept the connection
 * and never answer; established streams (watches, log follows, terminals) have no idle timeout.
 * KUBE_CONNECT_TIMEOUT and KUBE_REQUEST_TIMEOUT (seconds) override these.
 */
export const DEFAULT_TIMEOUTS: RequestTimeouts = { connectMs: 10_000, firstByteMs: 30_000 };

export function timeoutsOf(ctx: Pick<ClusterContext, 'timeouts'>): RequestTimeouts {
  return ctx.timeouts ?? DEFAULT_TIMEOUTS;
}

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string>;
  body?: unknown;
  contentType?: string;
  /** Defaults to `application/json`; Tables and aggregated discovery ask for their own media types. */
  accept?: string;
}

/** `path` under the server root, keeping a path prefix (e.g. Rancher's /k8s/clusters/c-x). */
export function upstreamUrl(server: URL, path: string, search: string): URL {
  const prefix = server.pathname.replace(/\/$/, '');
  return new URL(`${server.protocol}//${server.host}${prefix}${path}${search}`);
}

/** Connect with a deadline; once connected the socket may idle forever (watches, terminals). */
export function withConnectTimeout(req: http.ClientRequest, connectMs: number = DEFAULT_TIMEOUTS.connectMs): void {
  req.on('socket', (socket) => {
    socket.setNoDelay(true);
    if (!socket.connecting) return;
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no connection within ${connectMs / 1000} s`), { code: 'ETIMEDOUT' })), connectMs);
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  });
}

/** The API server accepted the connection and then said nothing: 504, naming the context and the call. */
export function silentStatus(context: string, method: string, path: string, ms: number) {
  return failureStatus(504, 'Timeout', `cluster "${context}" sent no answer to ${method} ${path.slice(0, 200)} within ${ms / 1000} s`);
}

/** Send one request and wait for the response headers (at most the context's first-byte deadline). */
async function send(ctx: ClusterContext, path: string, req: KubeRequest): Promise<{ request: http.ClientRequest; response: http.IncomingMessage }> {
  // The last line of defence, whatever built the path: `..` would be resolved by the URL parser.
  if (escapesItsPath(path)) throw badRequest(`refusing to call ${path.slice(0, 200)}: a path segment is '.', '..' or hides a separator`);
  const credentials = credentialsFor(ctx);
  let access: UpstreamAccess;
  try {
    access = await credentials.apply();
  } catch (err) {
    throw new KubeStatusError(unreachableStatus(ctx.name, err));
  }
  const search = req.query && Object.keys(req.query).length ? `?${new URLSearchParams(req.query)}` : '';
  const target = upstreamUrl(credentials.server, path, search);
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = { ...access.headers, Accept: req.accept ?? 'application/json' };
  if (payload !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  const transport = target.protocol === 'https:' ? https : http;
  const method = req.method ?? 'GET';
  const request = transport.request(target, { method, agent: access.agent, headers });
  const { connectMs, firstByteMs } = timeoutsOf(ctx);
  withConnectTimeout(request, connectMs);
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const silent = setTimeout(() => {
      reject(new KubeStatusError(silentStatus(ctx.name, method, path, firstByteMs)));
      request.destroy();
    }, firstByteMs);
    request.once('response', (res) => {
      clearTimeout(silent);
      resolve(res);
    });
    request.once('error', (err) => {
      clearTimeout(silent);
      reject(new KubeStatusError(unreachableStatus(ctx.name, err)));
    });
    request.end(payload);
  });
  // A token without expiry may have been revoked or rotated: the next call recomputes it.
  if (response.statusCode === 401) credentials.invalidate();
  return { request, response };
}

class BodyStalled extends Error {}

/** The whole body; a body that stops flowing for `stallMs` is given up (the socket is destroyed). */
async function readBody(res: http.IncomingMessage, stallMs: number): Promise<string> {
  res.setEncoding('utf8');
  const stalled = setTimeout(() => res.destroy(new BodyStalled()), stallMs);
  let body = '';
  try {
    for await (const chunk of res) {
      stalled.refresh();
      body += chunk as string;
    }
  } finally {
    clearTimeout(stalled);
  }
  return body;
}

/** A JSON request; a non-2xx answer throws its Status, a network failure a 503. */
export async function kubeJson<T>(ctx: ClusterContext, path: string, req: KubeRequest = {}): Promise<T> {
  const { response } = await send(ctx, path, req);
  const { firstByteMs } = timeoutsOf(ctx);
  const text = await readBody(response, firstByteMs).catch((err: unknown) => {
    if (err instanceof BodyStalled) throw new KubeStatusError(silentStatus(ctx.name, req.method ?? 'GET', path, firstByteMs));
    throw new KubeStatusError(unreachableStatus(ctx.name, err));
  });
  const code = response.statusCode ?? 502;
  if (code < 200 || code > 299) throw new KubeStatusError(statusFromResponse(code, text));
  return JSON.parse(text) as T;
}

export interface StreamHandlers {
  /** One complete line of the response (a watch event). */
  line(text: string): void;
  /** The stream ended: normally (`undefined`) or with the error that ended it. */
  end(err?: KubeStatusError): void;
}

/** An open streaming GET; `abort()` ends it without calling `end`. */
export interface OpenStream {
  abort(): void;
}

/**
 * Stream a GET line by line (watch). Resolves once the response headers are in;
 * a non-200 answer rejects with its Status.
 */
export async function streamLines(ctx: ClusterContext, path: string, query: Record<string, string>, handlers: StreamHandlers, idleMs: number, accept?: string): Promise<OpenStream> {
  const { request, response } = await send(ctx, path, { query, accept });
  const code = response.statusCode ?? 502;
  if (code !== 200) {
    const body = await readBody(response, timeoutsOf(ctx).firstByteMs).catch(() => '');
    throw new KubeStatusError(statusFromResponse(code, body));
  }
  let aborted = false;
  let ended = false;
  let buffer = '';
  // A half-open TCP connection delivers nothing forever: give up after a silence longer than any watch timeout.
  const idle = setTimeout(() => request.destroy(new Error('watch went silent')), idleMs);
  const finish = (err?: KubeStatusError) => {
    clearTimeout(idle);
    if (ended || aborted) return;
    ended = true;
    handlers.end(err);
  };
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    idle.refresh();
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0 && !aborted) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.trim()) handlers.line(line);
    }
  });
  response.on('end', () => finish());
  response.on('error', (err) => finish(new KubeStatusError(unreachableStatus(ctx.name, err))));
  request.on('error', (err) => finish(new KubeStatusError(unreachableStatus(ctx.name, err))));
  response.on('close', () => finish());
  return {
    abort() {
      aborted = true;
      clearTimeout(idle);
      request.destroy();
    },
  };
}
