/**
 * Test support: an API server stand-in for SPDY/3.1 upgrades. It answers 101 to
 * `Upgrade: SPDY/3.1` (choosing the first offered X-Stream-Protocol-Version) and echoes every
 * byte; a websocket upgrade gets a 101 echoing `SPDY/3.1+portforward.k8s.io` and one binary
 * message of SPDY bytes; a path containing `/refused` gets a 403 Status. It records what it heard.
 */
import type http from 'node:http';
import type net from 'node:net';
import { contextFrom } from '../clusters/contextConfig.ts';
import type { ClusterContext } from '../clusters/types.ts';
import { startHttpUpstream, websocketAccept, type TestUpstream } from './testUpstream.ts';

export interface SeenUpgrade {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
}

export interface SpdyUpstream {
  upstream: TestUpstream;
  /** Upgrades it received, in order. */
  upgrades: SeenUpgrade[];
  /** Its side of each upgraded connection (echoing unless unpiped). */
  sockets: net.Socket[];
  /** A context named `name` pointing at it with the token `console-token`. */
  context(name: string): ClusterContext;
  close(): Promise<void>;
}

/** A SPDY data frame (stream id, flags 0, 24-bit length) around `payload`. */
export function spdyDataFrame(streamId: number, payload: string): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(streamId, 0);
  header.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([header, Buffer.from(payload)]);
}

/** What the stand-in sends in its one websocket message. */
export const SPDY_IN_WEBSOCKET = spdyDataFrame(2, 'from the pod');

/** The values of every `X-Stream-Protocol-Version` line, in order. */
export function streamVersions(seen: SeenUpgrade): string[] {
  return seen.rawHeaders.filter((_, i) => i % 2 === 1 && seen.rawHeaders[i - 1].toLowerCase() === 'x-stream-protocol-version');
}

export async function startSpdyUpstream(): Promise<SpdyUpstream> {
  const upgrades: SeenUpgrade[] = [];
  const sockets: net.Socket[] = [];
  const upstream = await startHttpUpstream(
    (_req, res) => res.writeHead(404).end(),
    (req, socket) => {
      upgrades.push({ method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders });
      if (req.url?.includes('/refused')) {
        const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: 'pods "refused" is forbidden' });
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nCache-Control: public, max-age=600\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        return;
      }
      sockets.push(socket as net.Socket);
      if (String(req.headers.upgrade).toLowerCase() === 'websocket') {
        // SPDY bytes in one unmasked binary message, as kube-apiserver sends them to kubectl ≥1.31.
        const accept = websocketAccept(req, ['Sec-WebSocket-Protocol: SPDY/3.1+portforward.k8s.io']);
        socket.write(Buffer.concat([Buffer.from(accept), Buffer.from([0x82, SPDY_IN_WEBSOCKET.length]), SPDY_IN_WEBSOCKET]));
        socket.resume();
        return;
      }
      const chosen = streamVersions(upgrades[upgrades.length - 1])[0]?.split(',')[0].trim() ?? '';
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${chosen}\r\n\r\n`);
      socket.pipe(socket);
    },
  );
  return {
    upstream,
    upgrades,
    sockets,
    context: (name) => contextFrom({ name, server: upstream.url, skipTLSVerify: false }, { name: 'u', token: 'console-token', impersonateUser: undefined }, { name, cluster: name, user: 'u' }, 'kubeconfig'),
    close: () => upstream.close(),
  };
}
