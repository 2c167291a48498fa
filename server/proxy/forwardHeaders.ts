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

export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, target: URL, credentials: Record<string, string>, upgrade: boolean): OutgoingHttpHeaders {
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
    out.upgrade = 'websocket';
    const protocols = stripBearerSubprotocols(incoming['sec-websocket-protocol']);
    if (protocols) out['sec-websocket-protocol'] = protocols;
    else delete out['sec-websocket-protocol'];
  }
  for (const [name, value] of Object.entries(credentials)) out[name.toLowerCase()] = value;
  return out;
}

const NOT_RELAYED_DOWN = new Set([...HOP_BY_HOP, 'set-cookie', 'content-security-policy', 'x-frame-options', 'strict-transport-security']);

/** Response headers from the API server that go back to the client (cache and security headers are ours). */
export function relayedResponseHeaders(upstream: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || NOT_RELAYED_DOWN.has(name) || name === 'cache-control' || name === 'expires' || name === 'pragma') continue;
    out[name] = value;
  }
  return out;
}
