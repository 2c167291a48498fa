/**
 * pods/NAME/portforward in the three forms clients use, as the kubelet (portforward/
 * httpstream.go, websocket.go) and kube-apiserver's websocket tunnel serve them:
 * - SPDY/3.1 (`X-Stream-Protocol-Version: portforward.k8s.io`, kubectl before 1.31): per
 *   forwarded connection the client opens an error and a data stream with the same `port` and
 *   `requestID` headers;
 * - the same SPDY byte stream in binary websocket messages (subprotocol
 *   `SPDY/3.1+portforward.k8s.io`, what kubectl 1.31+ tries first);
 * - the channel protocol (`v4.channel.k8s.io`, `v4.base64.channel.k8s.io` or none; the Python
 *   client and client-node): `ports` from the query, per port a data channel 2i and an error
 *   channel 2i+1, each opened with the port as 2 bytes little-endian.
 * An error goes on the error stream as "error forwarding port N to pod SANDBOX, uid : ...".
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocket, WebSocketServer, type RawData } from 'ws';
import type { KubeObject } from '../../kube/object.ts';
import type { Store } from '../api/store.ts';
import { SpdyConnection, type SpdyStream } from '../spdy/connection.ts';
import { spdyHandshake, upgradeToSpdy } from '../spdy/upgrade.ts';
import { isSpdyUpgrade } from '../spdy/upgradeRequest.ts';
import { offeredProtocols } from './execProtocol.ts';
import { openPodPort, sandboxId } from './podPorts.ts';

const SPDY_PROTOCOL = 'portforward.k8s.io';
const TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';
const CHANNEL_PROTOCOLS = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io'];

function forwardError(pod: Readonly<KubeObject>, port: number, err: string): string {
  return `error forwarding port ${port} to pod ${sandboxId(pod)}, uid : ${err}`;
}

export class PortForwards {
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (protocols) => pickWebSocketProtocol([...protocols]) ?? false,
  });

  /**
   * The tunnel's subprotocol has '/' and '+', which are not token characters, so `ws` refuses
   * the header as offered: the request reaches this server without it and the answer names it.
   */
  private readonly tunnelWss = new WebSocketServer({ noServer: true, perMessageDeflate: false }).on('headers', (headers: string[]) => {
    headers.push(`Sec-WebSocket-Protocol: ${TUNNEL_PROTOCOL}`);
  });

  /** Open connections by pod uid: a deleted pod's sandbox goes and takes them with it. */
  private readonly byPod = new Map<string, Set<() => void>>();

  constructor(
    private readonly store: () => Store,
    private readonly track: (conn: SpdyConnection) => void,
  ) {}

  /** The pod was deleted: its port-forward connections close, and clients see them lost. */
  podGone(uid: string): void {
    for (const close of this.byPod.get(uid) ?? []) close();
    this.byPod.delete(uid);
  }

  private register(pod: KubeObject, close: () => void, onClose: (h: () => void) => void): void {
    const uid = pod.metadata.uid ?? '';
    const set = this.byPod.get(uid) ?? new Set();
    this.byPod.set(uid, set.add(close));
    onClose(() => set.delete(close));
  }

  private spdy(pod: KubeObject, conn: SpdyConnection): void {
    this.track(conn);
    this.register(pod, () => conn.close(), (h) => conn.onClose(h));
  }

  serve(req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, query: URLSearchParams): void {
    if (isSpdyUpgrade(req)) {
      if (!spdyHandshake(req, socket, [SPDY_PROTOCOL])) return;
      this.spdy(pod, upgradeToSpdy(socket, head, SPDY_PROTOCOL, this.acceptStreams(pod)));
      return;
    }
    const offered = offeredProtocols(req.headers['sec-websocket-protocol']);
    const chosen = pickWebSocketProtocol(offered);
    if (chosen === undefined) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    if (chosen === TUNNEL_PROTOCOL) {
      delete req.headers['sec-websocket-protocol'];
      this.tunnelWss.handleUpgrade(req, socket, head, (ws) => {
        const tunnel = createWebSocketStream(ws);
        tunnel.on('error', () => ws.terminate());
        this.spdy(pod, new SpdyConnection(tunnel, this.acceptStreams(pod)));
      });
      return;
    }
    const texts = query.getAll('ports').flatMap((p) => p.split(','));
    const ports = texts.map(Number);
    const refusal = portQueryError(texts);
    if (refusal) {
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(refusal) + 1}\r\nConnection: close\r\n\r\n${refusal}\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.register(pod, () => ws.close(1000), (h) => ws.on('close', h));
      this.channels(ws, chosen === 'v4.base64.channel.k8s.io', pod, ports);
    });
  }

  close(): void {
    for (const server of [this.wss, this.tunnelWss]) {
      for (const ws of server.clients) ws.terminate();
      server.close();
    }
  }

  /** SPDY: pair each request's error and data streams, then connect the pair to the port. */
  private acceptStreams(pod: KubeObject): (stream: SpdyStream) => string | undefined {
    const pairs = new Map<string, { error?: SpdyStream; data?: SpdyStream }>();
    return (stream) => {
      const portText = stream.headers.get('port') ?? '';
      if (!portText) return '"port" header is required';
      const port = Number(portText);
      if (!Number.isInteger(port) || port < 1 || port > 65535) return `unable to parse "${portText}" as a port`;
      const type = stream.headers.get('streamtype') ?? '';
      if (type !== 'error' && type !== 'data') return type ? `invalid stream type "${type}"` : '"streamType" header is required';
      // Clients older than requestID headers: consecutive stream ids make a pair.
      const requestID = stream.headers.get('requestid') ?? String(type === 'error' ? stream.id : stream.id - 2);
      const pair = pairs.get(requestID) ?? {};
      pairs.set(requestID, pair);
      if (pair[type]) {
        pair.error?.write(`error processing stream for request ${requestID}: ${type} stream already assigned`);
        return undefined;
      }
      pair[type] = stream;
      const { error, data } = pair;
      if (error && data) {
        pairs.delete(requestID);
        // After the SYN_REPLY for this stream has gone out.
        queueMicrotask(() => this.forward(pod, port, data, error));
      }
      return undefined;
    };
  }

  private forward(pod: KubeObject, port: number, data: SpdyStream, error: SpdyStream): void {
    const done = () => {
      data.end();
      error.end();
    };
    const current = this.store().getRef('pods', pod.metadata.namespace, pod.metadata.name!) ?? pod;
    const conn = openPodPort(this.store(), current, port, { data: (b) => data.write(b), close: done });
    if ('error' in conn) {
      error.write(forwardError(pod, port, conn.error));
      return done();
    }
    data.onData((b) => conn.write(b), () => conn.end());
  }

  /** The channel protocol: every port connects at once and the socket closes when all are done. */
  private channels(ws: WebSocket, base64: boolean, pod: KubeObject, ports: number[]): void {
    const send = (channel: number, payload: Buffer) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (base64) ws.send(String.fromCharCode(48 + channel) + payload.toString('base64'));
      else ws.send(Buffer.concat([Buffer.from([channel]), payload]));
    };
    let open = ports.length;
    const finished = () => {
      if (--open === 0) ws.close(1000);
    };
    const conns = ports.map((port, i) => {
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16LE(port, 0);
      send(2 * i, prefix);
      send(2 * i + 1, prefix);
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        finished();
      };
      const conn = openPodPort(this.store(), pod, port, { data: (b) => send(2 * i, b), close });
      if ('error' in conn) {
        send(2 * i + 1, Buffer.from(forwardError(pod, port, conn.error)));
        close();
        return undefined;
      }
      return conn;
    });
    ws.on('message', (raw: RawData, isBinary: boolean) => {
      const bytes = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
      if (bytes.length === 0) return;
      const text = base64 && !isBinary;
      const channel = text ? bytes[0] - 48 : bytes[0];
      const payload = text ? Buffer.from(bytes.subarray(1).toString(), 'base64') : bytes.subarray(1);
      if (channel % 2 === 0 && payload.length) conns[channel / 2]?.write(payload);
    });
    ws.on('close', () => {
      for (const c of conns) c?.end();
    });
    ws.on('error', () => ws.terminate());
  }
}

/** NewV4Options' refusal of the `ports` query, in the kubelet's words, or undefined. */
function portQueryError(texts: string[]): string | undefined {
  if (texts.length === 0) return 'query parameter "port" is required';
  for (const t of texts) {
    if (t === '') return 'query parameter "port" cannot be empty';
    if (!/^\d+$/.test(t)) return `unable to parse "${t}" as a port: strconv.ParseUint: parsing "${t}": invalid syntax`;
    if (Number(t) > 65535) return `unable to parse "${t}" as a port: strconv.ParseUint: parsing "${t}": value out of range`;
    if (Number(t) < 1) return `port "${t}" must be > 0`;
  }
  return undefined;
}

/** The websocket subprotocol to answer: the SPDY tunnel, a channel protocol, '' for none offered. */
function pickWebSocketProtocol(offered: string[]): string | undefined {
  if (offered.length === 0) return '';
  return offered.find((p) => p === TUNNEL_PROTOCOL || CHANNEL_PROTOCOLS.includes(p));
}
