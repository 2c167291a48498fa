/**
 * What crosses the proxy in each direction. Going up, the browser's own credentials and
 * identity claims are dropped (the console adds the context's); hop-by-hop headers never cross.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Never forwarded from the client: its credentials, impersonation and front-proxy identity headers. */
function clientMustNotSend(name: string): boolean {
  return (
    name === 'authorization' ||
    name === 'cookie' ||
    name === 'host' ||
    name === 'origin' ||
    name === 'referer' ||
    name.startsWith('impersonate-') ||
    name.startsWith('x-remote-') ||
    name.startsWith('x-forwarded-') ||
    name === 'forwarded' ||
    name === 'x-real-ip'
  );
}

const BEARER_SUBPROTOCOL = 'base64url.bearer.authorization.k8s.io.';

/** Drops `base64url.bearer.authorization.k8s.io.*` entries; undefined when nothing is left. */
export function stripBearerSubprotocols(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const kept = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p && !p.startsWith(BEARER_SUBPROTOCOL));
  return kept.length ? kept.join(', ') : undefined;
}

/**
 * `upgrade`: the `Upgrade` token to ask the API server for (`websocket` or `SPDY/3.1`), or
 * undefined for a plain request. `rawHeaders` keeps repeated `X-Stream-Protocol-Version` lines
 * apart: Node joins them with commas, which kubelets before 1.30 read as one unknown version.
 */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, target: URL, credentials: Record<string, string>, upgrade?: string, rawHeaders: string[] = []): OutgoingHttpHeaders {
  const listedInConnection = new Set(
    String(incoming.connection ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || clientMustNotSend(name)) continue;
    if (!upgrade && listedInConnection.has(name)) continue;
    out[name] = value;
  }
  out.host = target.host;
  if (upgrade) {
    out.connection = 'Upgrade';
    out.upgrade = upgrade;
    const protocols = stripBearerSubprotocols(incoming['sec-websocket-protocol']);
    if (protocols) out['sec-websocket-protocol'] = protocols;
    else delete out['sec-websocket-protocol'];
    const versions = rawHeaders.filter((_, i) => i % 2 === 1 && rawHeaders[i - 1].toLowerCase() === 'x-stream-protocol-version');
    if (versions.length) out['x-stream-protocol-version'] = versions;
  }
  for (const [name, value] of Object.entries(credentials)) out[name.toLowerCase()] = value;
  return out;
}

/**
 * Headers an upstream must never set on the console's origin: they outlive the response and
 * reach the SPA (cookies, HSTS, Clear-Site-Data, Alt-Svc, NEL reporting, service-worker scope),
 * open it to other sites (CORS), or make the browser ask for a password on the console's
 * behalf (WWW-Authenticate: the console holds the credentials, the client never answers a
 * challenge). The API server sends none of them; a proxied pod or service may send any.
 */
const ORIGIN_WIDE = new Set([
  'set-cookie',
  'set-cookie2',
  'clear-site-data',
  'strict-transport-security',
  'alt-svc',
  'nel',
  'report-to',
  'reporting-endpoints',
  'service-worker-allowed',
  'origin-agent-cluster',
  'timing-allow-origin',
  'www-authenticate',
  'refresh',
  'link',
]);

/** The console sets its own security and cache headers on everything under /k8s. */
const OURS = new Set([
  'content-security-policy',
  'content-security-policy-report-only',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'permissions-policy',
  'cache-control',
  'expires',
  'pragma',
]);

function neverRelayedDown(name: string): boolean {
  return ORIGIN_WIDE.has(name) || OURS.has(name) || name.startsWith('access-control-');
}

/** Response headers from the API server that go back to the client. */
export function relayedResponseHeaders(upstream: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || HOP_BY_HOP.has(name) || neverRelayedDown(name)) continue;
    out[name] = value;
  }
  return out;
}

/** A 101 answer's raw header pairs minus the ones above; Connection and Upgrade stay (they make it a 101). */
export function relayedUpgradeHeaders(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (!neverRelayedDown(rawHeaders[i].toLowerCase())) out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return out;
}
