/**
 * Upgrades through the proxy — websockets (exec, attach, portforward, websocket watches) and
 * SPDY/3.1 (exec, attach, portforward from older kubectl and client-go; upgradeKind.ts says
 * which are carried): the upstream handshake carries the context's credentials, the 101 answer
 * is relayed (with the subprotocol or X-Stream-Protocol-Version the API server chose, without
 * headers that would act on the console's origin), then upgradedSession.ts joins the two sockets. A refused handshake (404 pod, 403) is relayed
 * as an HTTP answer with no-store.
 */
import http, { STATUS_CODES, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { UpstreamAccess } from '../clusters/credentials.ts';
import { withConnectTimeout } from '../clusters/kubeRequest.ts';
import { API_HEADERS } from '../http/headers.ts';
import { relayedResponseHeaders, relayedUpgradeHeaders, upstreamRequestHeaders } from './forwardHeaders.ts';
import { tuneStreamSocket } from './streamSocket.ts';
import { UPGRADE_TOKEN, type UpgradeKind } from './upgradeKind.ts';
import { joinUpgraded, SPDY_FRAMING, WEBSOCKET_FRAMING, type UpgradedSession } from './upgradedSession.ts';

/** Refused-handshake bodies are small Status objects; cap what we hold. */
const MAX_ERROR_BODY = 1 << 20;

export interface UpgradeRelayHooks {
  onUpstreamError(err: NodeJS.ErrnoException): void;
  onUnauthorized(): void;
  /** Called once the two sockets are joined; `onEnd` follows when the session is over. */
  onOpen(session: UpgradedSession): void;
  onEnd(status: number): void;
}

function headLines(status: number, message: string | undefined, rawHeaders: string[]): string {
  const lines = [`HTTP/1.1 ${status} ${message || STATUS_CODES[status] || ''}`];
  for (let i = 0; i < rawHeaders.length; i += 2) lines.push(`${rawHeaders[i]}: ${rawHeaders[i + 1]}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

export function relayUpgrade(req: IncomingMessage, kind: UpgradeKind, socket: Duplex, head: Buffer, target: URL, access: UpstreamAccess, connectMs: number, hooks: UpgradeRelayHooks): void {
  tuneStreamSocket(socket);
  const transport = target.protocol === 'https:' ? https : http;
  const upstream = transport.request(target, {
    // SPDY clients POST (a GET is also taken); a websocket handshake is always a GET.
    method: kind === 'spdy' ? req.method : 'GET',
    agent: access.agent,
    headers: upstreamRequestHeaders(req.headers, target, access.headers, UPGRADE_TOKEN[kind], req.rawHeaders),
  });
  withConnectTimeout(upstream, connectMs);
  let settled = false;
  const clientGone = () => {
    if (!settled) upstream.destroy();
  };
  socket.once('close', clientGone);

  upstream.on('upgrade', (upRes, upSocket, upHead) => {
    settled = true;
    socket.off('close', clientGone);
    tuneStreamSocket(upSocket);
    if (socket.destroyed) {
      upSocket.destroy();
      return;
    }
    socket.write(headLines(101, upRes.statusMessage, relayedUpgradeHeaders(upRes.rawHeaders)));
    hooks.onOpen(joinUpgraded(socket, upSocket, upHead, head, kind === 'spdy' ? SPDY_FRAMING : WEBSOCKET_FRAMING, () => hooks.onEnd(101)));
  });

  upstream.on('response', (upRes) => {
    settled = true;
    socket.off('close', clientGone);
    const status = upRes.statusCode ?? 502;
    if (status === 401) hooks.onUnauthorized();
    const chunks: Buffer[] = [];
    let size = 0;
    upRes.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_ERROR_BODY) chunks.push(c);
    });
    upRes.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string | string[] | number> = {};
      for (const [k, v] of Object.entries(relayedResponseHeaders(upRes.headers))) if (v !== undefined) headers[k] = v as string | string[];
      Object.assign(headers, API_HEADERS, { 'content-length': body.length, connection: 'close' });
      const raw = Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.flatMap((x) => [k, x]) : [k, String(v)]));
      if (socket.writable) socket.end(Buffer.concat([Buffer.from(headLines(status, upRes.statusMessage, raw)), body]));
      socket.once('finish', () => socket.destroy());
      hooks.onEnd(status);
    });
    upRes.on('error', () => socket.destroy());
  });

  upstream.on('error', (err: NodeJS.ErrnoException) => {
    if (settled) return;
    settled = true;
    socket.off('close', clientGone);
    hooks.onUpstreamError(err);
  });
  upstream.end();
}
