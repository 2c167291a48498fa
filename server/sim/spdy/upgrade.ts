/**
 * The HTTP side of a SPDY/3.1 upgrade, as apimachinery's httpstream does it: the request must
 * say `Connection: Upgrade` and `Upgrade: SPDY/3.1`; `X-Stream-Protocol-Version` (repeated or
 * comma-separated) is negotiated by taking the client's first offer the server speaks
 * (httpstream.Handshake); the answer is a 101 naming the chosen version.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { SpdyConnection, type SpdyStream } from './connection.ts';

function offered(req: IncomingMessage): string[] {
  const raw = req.headers['x-stream-protocol-version'];
  return (Array.isArray(raw) ? raw : [raw ?? ''])
    .flatMap((h) => h.split(','))
    .map((p) => p.trim())
    .filter(Boolean);
}

function refuse(socket: Duplex, status: string, text: string, extra = ''): undefined {
  const body = `${text}\n`;
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  return undefined;
}

/**
 * The negotiated protocol, or undefined after answering the refusal: 400 without any offer
 * (the kubelet's http.Error of Handshake's error), 403 listing what we accept otherwise.
 */
export function spdyHandshake(req: IncomingMessage, socket: Duplex, serverProtocols: readonly string[]): string | undefined {
  const client = offered(req);
  if (client.length === 0) return refuse(socket, '400 Bad Request', 'unable to upgrade: X-Stream-Protocol-Version is required');
  const chosen = client.find((c) => serverProtocols.includes(c));
  if (!chosen) {
    const accepted = serverProtocols.map((p) => `X-Accepted-Stream-Protocol-Versions: ${p}\r\n`).join('');
    return refuse(socket, '403 Forbidden', `unable to upgrade: unable to negotiate protocol: client supports [${client.join(' ')}], server accepts [${serverProtocols.join(' ')}]`, accepted);
  }
  return chosen;
}

/** Answers 101 and starts the SPDY connection on the socket (bytes already read come first). */
export function upgradeToSpdy(socket: Duplex, head: Buffer, protocol: string, accept: (stream: SpdyStream) => string | undefined): SpdyConnection {
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`);
  const conn = new SpdyConnection(socket, accept);
  if (head.length) socket.unshift(head);
  return conn;
}
