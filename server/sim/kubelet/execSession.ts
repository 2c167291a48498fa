/**
 * Exec and attach over websocket (the channel protocols). Exec starts a new process in the container
 * (the shell interpreter); attach joins the main process (its interactive shell when the
 * container has stdin, else its new output). Each session ends with the status on channel
 * 3 and a close 1000; a client that goes away kills its process.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ContainerInstance, ContainerRuntime } from './containerRuntime.ts';
import { CHANNEL, decodeFrame, encodeFrame, exitStatusPayload, offeredProtocols, selectProtocol, type ChannelProtocol } from './execProtocol.ts';
import { serveExecSpdy } from './execSpdy.ts';
import { ExecRun, type ExitOutcome, type SessionTransport } from './execRun.ts';
import type { PodRuntime } from './podLifecycle.ts';
import type { SpdyConnection } from '../spdy/connection.ts';
import { isSpdyUpgrade } from '../spdy/upgradeRequest.ts';
import { queryFlag } from '../../kube/queryBool.ts';

export { RUNTIME_START_MS } from './execRun.ts';

export class StreamSessions {
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (protocols) => selectProtocol([...protocols])?.name || false,
  });
  private readonly sessions = new Set<WebSocket>();
  private readonly spdySessions = new Set<SpdyConnection>();

  get count(): number {
    return this.sessions.size + this.spdySessions.size;
  }

  /** Sessions over SPDY (and port-forward connections) counted and closed with the rest. */
  track(conn: SpdyConnection): void {
    this.spdySessions.add(conn);
    conn.onClose(() => this.spdySessions.delete(conn));
  }

  serve(kind: 'exec' | 'attach', req: IncomingMessage, socket: Duplex, head: Buffer, pod: PodRuntime | undefined, query: URLSearchParams): void {
    const spdy = isSpdyUpgrade(req);
    const protocol = selectProtocol(offeredProtocols(req.headers['sec-websocket-protocol']));
    if (!protocol && !spdy) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const name = query.get('container') ?? pod?.containers[0]?.name ?? '';
    const container = pod?.container(name);
    const instance = container?.current;
    if (!pod || !container || !instance || !container.running) {
      const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `container not found ("${name}")`, reason: 'BadRequest', code: 400 });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    if (spdy) return serveExecSpdy(kind, req, socket, head, { pod, container, instance }, query, (c) => this.track(c));
    if (!protocol) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sessions.add(ws);
      ws.on('close', () => this.sessions.delete(ws));
      void runOverWebSocket(ws, protocol, query, kind, pod, container, instance).catch(() => ws.terminate());
    });
  }

  close(): void {
    for (const conn of this.spdySessions) conn.close();
    for (const ws of this.sessions) ws.terminate();
    this.sessions.clear();
    this.wss.close();
  }
}

/** The channel protocol as a session's transport: `[channel][payload]` messages, status on channel 3, close 1000. */
function runOverWebSocket(ws: WebSocket, protocol: ChannelProtocol, query: URLSearchParams, kind: 'exec' | 'attach', pod: PodRuntime, container: ContainerRuntime, instance: ContainerInstance): Promise<void> {
  const transport: SessionTransport = {
    get open() {
      return ws.readyState === WebSocket.OPEN;
    },
    get buffered() {
      return ws.bufferedAmount;
    },
    write: (channel, data) => ws.send(encodeFrame(protocol, channel, data)),
    finish: (exit: ExitOutcome, argv: string[]) => {
      const payload = exitStatusPayload(protocol, exit, argv);
      if (payload !== undefined) ws.send(encodeFrame(protocol, CHANNEL.error, payload));
      ws.close(1000);
    },
  };
  const session = new ExecRun(transport, query, kind);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const frame = decodeFrame(protocol, toBuffer(data), isBinary);
    if (!frame) return;
    if (frame.channel === CHANNEL.stdin) session.stdinData(frame.payload);
    else if (frame.channel === CHANNEL.resize) session.resize(frame.payload);
    else if (frame.channel === CHANNEL.close && protocol.version >= 5 && frame.payload[0] === CHANNEL.stdin) session.stdinEnd();
  });
  ws.on('close', () => session.closed());
  ws.on('error', () => ws.terminate());
  // The client learns the connection is up from an empty message on the lowest writable channel.
  const wantStdout = queryFlag(query, 'stdout');
  const first = wantStdout ? CHANNEL.stdout : queryFlag(query, 'stderr') && !session.wantTty ? CHANNEL.stderr : CHANNEL.error;
  ws.send(encodeFrame(protocol, first, Buffer.alloc(0)));
  return session.run(pod, container, instance);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
