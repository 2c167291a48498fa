/**
 * Local-mode safety: DNS rebinding (a foreign name resolving to 127.0.0.1 must not reach the
 * console) and cross-site requests (a foreign page must not open a websocket or send a write).
 * One set of rules for plain requests and upgrades, so it works on a raw IncomingMessage.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Config } from '../config.ts';
import { sendStatus } from './errors.ts';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const LOOPBACK_BIND = new Set(['127.0.0.1', 'localhost', '::1']);

export interface OriginPolicy {
  /** undefined = the host is acceptable; otherwise the reason to refuse. */
  checkHost(req: IncomingMessage): string | undefined;
  /** undefined = same origin (scheme, host and port) or no Origin header (CLI clients); otherwise the reason to refuse. */
  checkOrigin(req: IncomingMessage): string | undefined;
}

/** `example.com:8080` → `example.com`; `[::1]:8080` → `::1`. */
export function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'));
  const colon = h.indexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.split(',')[0]?.trim() || undefined;
}

export function createOriginPolicy(config: Pick<Config, 'host' | 'publicUrl' | 'trustProxy'>): OriginPolicy {
  const publicHost = config.publicUrl?.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const trusted = config.trustProxy !== false;
  // Bound to a non-loopback address with no PUBLIC_URL (a pod behind a Service): the Host is
  // whatever the ingress uses, so only the Origin check applies.
  const enforceHost = LOOPBACK_BIND.has(config.host) || publicHost !== undefined;

  const hostAllowed = (value: string) => {
    const name = hostnameOf(value);
    return LOOPBACK_NAMES.has(name) || name === publicHost;
  };

  /** The host the browser thinks it talks to: the proxy's X-Forwarded-Host when we trust proxies. */
  const effectiveHost = (req: IncomingMessage) => ((trusted && firstHeader(req, 'x-forwarded-host')) || req.headers.host || '').toLowerCase();
  /** As Express's req.protocol: TLS on our own socket, or the trusted proxy's X-Forwarded-Proto. */
  const effectiveScheme = (req: IncomingMessage) => {
    const own = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    return ((trusted && firstHeader(req, 'x-forwarded-proto')) || own).toLowerCase();
  };
  /** Scheme, host and port the browser used to reach us, normalised as URL.origin is (default ports dropped). */
  const ownOrigin = (req: IncomingMessage): string | undefined => {
    try {
      return new URL(`${effectiveScheme(req)}://${effectiveHost(req)}`).origin;
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      return undefined;
    }
  };

  return {
    checkHost(req) {
      if (!enforceHost) return undefined;
      const host = req.headers.host;
      if (!host || !hostAllowed(host)) return `host "${host ?? ''}" is not allowed; use localhost or set PUBLIC_URL`;
      const forwarded = trusted ? firstHeader(req, 'x-forwarded-host') : undefined;
      if (forwarded && !hostAllowed(forwarded)) return `forwarded host "${forwarded}" is not allowed; set PUBLIC_URL`;
      return undefined;
    },
    checkOrigin(req) {
      const origin = req.headers.origin;
      if (origin === undefined) return undefined;
      let url: URL;
      try {
        url = new URL(origin);
      } catch (err) {
        if (!(err instanceof TypeError)) throw err;
        return `origin "${origin}" is not allowed`;
      }
      if (config.publicUrl && url.origin === config.publicUrl.origin) return undefined;
      // The whole origin: http://127.0.0.1:PORT and https://127.0.0.1:PORT are different sites.
      if (url.origin !== 'null' && url.origin === ownOrigin(req)) return undefined;
      return `origin "${origin}" is not allowed`;
    },
  };
}

export function hostGuard(policy: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    const refusal = policy.checkHost(req);
    if (refusal) sendStatus(res, 403, 'Forbidden', refusal);
    else next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Writes from a foreign page are refused; a missing Origin (kubectl, curl) is fine. */
export function mutationOriginGuard(policy: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    const refusal = SAFE_METHODS.has(req.method) ? undefined : policy.checkOrigin(req);
    if (refusal) sendStatus(res, 403, 'Forbidden', refusal);
    else next();
  };
}

/** Writes to the BFF's own /api must be JSON: a form post from another site cannot be. */
export const requireJsonMutations: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody && req.method === 'DELETE') return next();
  if (req.is('application/json') || req.is('application/*+json')) return next();
  sendStatus(res, 415, 'UnsupportedMediaType', `${req.method} to the console API needs Content-Type: application/json`);
};
