/**
 * Websocket upgrades (exec, attach, portforward, websocket watches) through the proxy: the
 * upstream handshake carries the context's credentials, the 101 answer is relayed as is (with
 * the subprotocol the API server chose), then bytes flow both ways untouched with no idle
 * timeout. A refused handshake (404 pod, 403) is relayed as an HTTP answer with no-store.
 */
import http, { STATUS_CODES, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { UpstreamAccess } from '../clusters/credentials.ts';
import { withConnectTimeout } from '../clusters/kubeRequest.ts';
import { API_HEADERS } from '../http/headers.ts';
import { relayedResponseHeaders, upstreamRequestHeaders } from './forwardHeaders.ts';

/** Refused-handshake bodies are small Status objects; cap what we hold. */
const MAX_ERROR_BODY = 1 << 20;

export interface UpgradeRelayHooks {
  onUpstreamError(err: NodeJS.ErrnoException): void;
  onUnauthorized(): void;
  /** Called once the two sockets are joined; `ended` fires when the session is over. */
  onOpen(status: number): void;
  onEnd(status: number): void;
}

function headLines(status: number, message: string | undefined, rawHeaders: string[]): string {
  const lines = [`HTTP/1.1 ${status} ${message || STATUS_CODES[status] || ''}`];
  for (let i = 0; i < rawHeaders.length; i += 2) lines.push(`${rawHeaders[i]}: ${rawHeaders[i + 1]}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

function tune(socket: Duplex): void {
  const s = socket as Socket;
  s.setTimeout?.(0);
  s.setNoDelay?.(true);
  s.setKeepAlive?.(true, 30_000);
}

export function relayUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: URL, access: UpstreamAccess, hooks: UpgradeRelayHooks): void {
  tune(socket);
  const transport = target.protocol === 'https:' ? https : http;
  const upstream = transport.request(target, {
    method: 'GET',
    agent: access.agent,
    headers: upstreamRequestHeaders(req.headers, target, access.headers, true),
  });
  withConnectTimeout(upstream);
  let settled = false;
  const clientGone = () => {
    if (!settled) upstream.destroy();
  };
  socket.once('close', clientGone);

  upstream.on('upgrade', (upRes, upSocket, upHead) => {
    settled = true;
    socket.off('close', clientGone);
    tune(upSocket);
    if (socket.destroyed) {
      upSocket.destroy();
      return;
    }
    socket.write(headLines(101, upRes.statusMessage, upRes.rawHeaders));
    if (upHead.length) socket.write(upHead);
    if (head.length) upSocket.write(head);
    hooks.onOpen(101);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      socket.destroy();
      upSocket.destroy();
      hooks.onEnd(101);
    };
    socket.on('error', end);
    upSocket.on('error', end);
    socket.on('close', end);
    upSocket.on('close', end);
    upSocket.pipe(socket);
    socket.pipe(upSocket);
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
