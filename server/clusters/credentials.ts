/**
 * How a request reaches one context's API server: a pooled agent (CA, client certificate,
 * insecure-skip-tls-verify, proxy-url) and the headers (bearer token, exec-plugin token, basic
 * auth, impersonation) — all computed by client-node from the kubeconfig, so exec plugins and
 * rotating token files refresh exactly as they do for client-node's own clients.
 */
import http from 'node:http';
import https from 'node:https';
import type { ClusterContext } from './types.ts';

export interface UpstreamAccess {
  agent: http.Agent;
  headers: Record<string, string>;
}

export interface Credentials {
  /** API server root. */
  server: URL;
  apply(): Promise<UpstreamAccess>;
  /** Forget cached headers (after a 401: a token without expiry may have been revoked or rotated). */
  invalidate(): void;
  destroy(): void;
}

/** Plugins without an expiry would otherwise run on every request. */
const HEADER_TTL_MS = 10_000;

type TlsOptions = https.RequestOptions & { headers?: Record<string, string> };

function sameBytes(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return Buffer.from(a as Buffer | string).equals(Buffer.from(b as Buffer | string));
}

function buildAgent(server: URL, opts: TlsOptions): http.Agent {
  // A proxy-url (or HTTPS_PROXY, folded into it) needs client-node's proxy agent as built.
  const given = opts.agent instanceof http.Agent ? opts.agent : undefined;
  if (given && given.constructor !== https.Agent && given.constructor !== http.Agent) return given;
  if (server.protocol === 'http:') return new http.Agent({ keepAlive: true });
  return new https.Agent({
    keepAlive: true,
    ca: opts.ca,
    cert: opts.cert,
    key: opts.key,
    pfx: opts.pfx,
    passphrase: opts.passphrase,
    servername: opts.servername,
    ...(opts.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
  });
}

export function createCredentials(ctx: ClusterContext): Credentials {
  const server = new URL(ctx.server);
  let agent: http.Agent | undefined;
  let agentTls: TlsOptions | undefined;
  let cached: { headers: Record<string, string>; at: number } | undefined;
  let pending: Promise<UpstreamAccess> | undefined;

  const compute = async (): Promise<UpstreamAccess> => {
    if (ctx.problem) throw new Error(ctx.problem);
    const opts: TlsOptions = { headers: {} };
    await ctx.kubeConfig.applyToHTTPSOptions(opts);
    // Exec plugins may hand out a new client certificate: rebuild the pool when it changes.
    if (!agent || !sameBytes(agentTls?.cert, opts.cert) || !sameBytes(agentTls?.key, opts.key)) {
      agent?.destroy();
      agent = buildAgent(server, opts);
      agentTls = opts;
    } else if (opts.agent instanceof http.Agent && opts.agent !== agent) {
      opts.agent.destroy();
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k] = String(v);
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    cached = { headers, at: Date.now() };
    return { agent, headers };
  };

  return {
    server,
    apply() {
      if (agent && cached && Date.now() - cached.at < HEADER_TTL_MS) return Promise.resolve({ agent, headers: cached.headers });
      pending ??= compute().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
    destroy() {
      agent?.destroy();
      agent = undefined;
      cached = undefined;
    },
  };
}

const byContext = new WeakMap<ClusterContext, Credentials>();

/** One Credentials (and so one connection pool) per context object. */
export function credentialsFor(ctx: ClusterContext): Credentials {
  let c = byContext.get(ctx);
  if (!c) {
    c = createCredentials(ctx);
    byContext.set(ctx, c);
  }
  return c;
}
