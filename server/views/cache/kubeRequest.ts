import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { StatusBody } from '../../sim/api/errors.ts';
import { statusFromResponse, unreachableStatus } from '../kubeStatus.ts';

/** A failed API request, carrying the Status the live channel relays. */
export class KubeRequestError extends Error {
  constructor(readonly status: StatusBody) {
    super(status.message);
  }
}

export interface KubeTarget {
  /** Context name, for error messages. */
  context: string;
  /** Credentials and server of that context (its current-context is the one to use). */
  kubeConfig: KubeConfig;
}

/**
 * Request options with the context's credentials (bearer tokens, client certs, CA,
 * exec plugins, proxy-url) applied by client-node, so the BFF authenticates exactly
 * as kubectl would.
 */
async function requestOptions(target: KubeTarget, url: URL): Promise<https.RequestOptions> {
  const opts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  try {
    await target.kubeConfig.applyToHTTPSOptions(opts);
  } catch (err) {
    // client-node 1.x refuses plain-http servers unless skip-tls-verify is set; plain http on
    // loopback is what the demo cluster and `kubectl proxy` serve, and there is no TLS to verify.
    // The credentials were applied before it threw, only the agent is missing.
    if (url.protocol !== 'http:' || !/HTTP protocol is not allowed/.test(String((err as Error)?.message))) throw err;
    delete opts.agent;
  }
  return opts;
}

function buildUrl(target: KubeTarget, path: string, query: Record<string, string>): URL {
  const cluster = target.kubeConfig.getCurrentCluster();
  if (!cluster) throw new KubeRequestError(unreachableStatus(target.context, 'no cluster in kubeconfig context'));
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

async function send(target: KubeTarget, path: string, query: Record<string, string>): Promise<{ req: http.ClientRequest; res: Promise<http.IncomingMessage> }> {
  const url = buildUrl(target, path, query);
  let opts: https.RequestOptions;
  try {
    opts = await requestOptions(target, url);
  } catch (err) {
    throw new KubeRequestError(unreachableStatus(target.context, err));
  }
  const client = url.protocol === 'https:' ? https : http;
  const req = client.request(url, opts);
  const res = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', (err) => reject(new KubeRequestError(unreachableStatus(target.context, err))));
  });
  req.end();
  return { req, res };
}

async function readBody(res: http.IncomingMessage): Promise<string> {
  res.setEncoding('utf8');
  let body = '';
  for await (const chunk of res) body += chunk as string;
  return body;
}

/** GET a JSON document; a non-2xx answer throws its Status, a network failure a 503. */
export async function getJson<T>(target: KubeTarget, path: string, query: Record<string, string> = {}): Promise<T> {
  const { res } = await send(target, path, query);
  const response = await res;
  const body = await readBody(response).catch((err: unknown) => {
    throw new KubeRequestError(unreachableStatus(target.context, err));
  });
  const code = response.statusCode ?? 500;
  if (code < 200 || code > 299) throw new KubeRequestError(statusFromResponse(code, body));
  return JSON.parse(body) as T;
}

export interface StreamHandlers {
  /** One complete line of the response (a watch event). */
  line(text: string): void;
  /** The stream ended: normally (`undefined`) or with the error that ended it. */
  end(err?: KubeRequestError): void;
}

/** An open streaming GET; `abort()` ends it without calling `end`. */
export interface OpenStream {
  abort(): void;
}

/**
 * Stream a GET line by line (watch). Resolves once the response headers are in;
 * a non-200 answer rejects with its Status.
 */
export async function streamLines(target: KubeTarget, path: string, query: Record<string, string>, handlers: StreamHandlers, idleMs: number): Promise<OpenStream> {
  const { req, res } = await send(target, path, query);
  let response: http.IncomingMessage;
  try {
    response = await res;
  } catch (err) {
    req.destroy();
    throw err;
  }
  const code = response.statusCode ?? 500;
  if (code !== 200) {
    const body = await readBody(response).catch(() => '');
    throw new KubeRequestError(statusFromResponse(code, body));
  }
  let aborted = false;
  let ended = false;
  let buffer = '';
  // A half-open TCP connection delivers nothing forever: give up after a silence longer than any watch timeout.
  const idle = setTimeout(() => req.destroy(new Error('watch went silent')), idleMs);
  const finish = (err?: KubeRequestError) => {
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
  response.on('error', (err) => finish(new KubeRequestError(unreachableStatus(target.context, err))));
  req.on('error', (err) => finish(new KubeRequestError(unreachableStatus(target.context, err))));
  response.on('close', () => finish());
  return {
    abort() {
      aborted = true;
      clearTimeout(idle);
      req.destroy();
    },
  };
}
