/**
 * Test support: small stand-ins for an API server (or for what a pod or
 * service proxy relays) that misbehave in one precise way, and contexts that point at them.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { demoContext } from '../clusters/demo.ts';
import type { ClusterContext, RequestTimeouts } from '../clusters/types.ts';

export interface TestUpstream {
  url: string;
  /** Requests that reached it, as `METHOD path?query`. */
  seen: string[];
  /** Connections open now (a client that gave up has closed its own). */
  connections(): number;
  close(): Promise<void>;
}

async function listening(server: net.Server, seen: string[]): Promise<TestUpstream> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    connections: () => sockets.size,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** An HTTP server answering with `handler`; `onUpgrade` takes websocket upgrades. */
export function startHttpUpstream(handler: http.RequestListener, onUpgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void): Promise<TestUpstream> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  if (onUpgrade) server.on('upgrade', onUpgrade);
  return listening(server, seen);
}

/** Accepts TCP connections and reads whatever comes, but never answers. */
export function startSilentUpstream(): Promise<TestUpstream> {
  const seen: string[] = [];
  const server = net.createServer((socket) => {
    socket.on('data', (c: Buffer) => seen.push(c.toString('latin1').split('\r\n')[0]));
  });
  return listening(server, seen);
}

/** The 101 head accepting a websocket handshake (RFC 6455 §4.2.2), plus `extra` header lines. */
export function websocketAccept(req: http.IncomingMessage, extra: string[] = []): string {
  const accept = createHash('sha1')
    .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
    .digest('base64');
  return ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, ...extra].join('\r\n') + '\r\n\r\n';
}

/** A context named `name` whose API server is `url`, with the given deadlines. */
export function contextAt(url: string, name: string, timeouts?: RequestTimeouts): ClusterContext {
  return { ...demoContext(url, name), ...(timeouts ? { timeouts } : {}) };
}
