/**
 * Exec and attach over SPDY/3.1, as the kubelet's remotecommand server (httpstream.go) does it
 * for kubectl before 1.30 and client-go programs without websockets: negotiate v4…v1, wait for
 * the client to open its streams (streamType error, stdin, stdout, stderr, resize), run the
 * session, write the status on the error stream (v4: Status JSON; v1-v3: the error text) and
 * finish every stream; the client then closes the connection.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ContainerInstance, ContainerRuntime } from './containerRuntime.ts';
import { exitStatusPayload, type ChannelProtocol } from './execProtocol.ts';
import { ExecRun, type SessionTransport } from './execRun.ts';
import type { PodRuntime } from './podLifecycle.ts';
import type { SpdyConnection, SpdyStream } from '../spdy/connection.ts';
import { spdyHandshake, upgradeToSpdy } from '../spdy/upgrade.ts';
import { queryFlag } from '../../kube/queryBool.ts';

/** The kubelet's remotecommand SPDY protocols, newest first (v5 is websocket-only). */
export const SPDY_EXEC_PROTOCOLS: readonly ChannelProtocol[] = [
  { name: 'v4.channel.k8s.io', version: 4, base64: false },
  { name: 'v3.channel.k8s.io', version: 3, base64: false },
  { name: 'v2.channel.k8s.io', version: 2, base64: false },
  { name: 'channel.k8s.io', version: 1, base64: false },
];

/** DefaultStreamCreationTimeout: a client that has not opened its streams by then is dropped. */
const STREAM_CREATION_TIMEOUT_MS = 30_000;
/** After the status, the client closes; one that does not is closed for it. */
const CLIENT_CLOSE_GRACE_MS = 10_000;

type StreamType = 'error' | 'stdin' | 'stdout' | 'stderr' | 'resize';

export function serveExecSpdy(
  kind: 'exec' | 'attach',
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: { pod: PodRuntime; container: ContainerRuntime; instance: ContainerInstance },
  query: URLSearchParams,
  track: (conn: SpdyConnection) => void,
): void {
  const name = spdyHandshake(req, socket, SPDY_EXEC_PROTOCOLS.map((p) => p.name));
  if (!name) return;
  const protocol = SPDY_EXEC_PROTOCOLS.find((p) => p.name === name)!;
  const tty = queryFlag(query, 'tty');
  const wanted = new Set<StreamType>(['error']);
  if (queryFlag(query, 'stdin')) wanted.add('stdin');
  if (queryFlag(query, 'stdout')) wanted.add('stdout');
  // With a tty stderr is merged into stdout (v1 still opened it); only v3+ has a resize stream.
  if (queryFlag(query, 'stderr') && (!tty || protocol.version === 1)) wanted.add('stderr');
  if (tty && protocol.version >= 3) wanted.add('resize');

  const streams = new Map<StreamType, SpdyStream>();
  let started = false;
  const conn = upgradeToSpdy(socket, head, name, (stream) => {
    const type = stream.headers.get('streamtype') as StreamType | undefined;
    if (!type || !['error', 'stdin', 'stdout', 'stderr', 'resize'].includes(type)) return `unexpected stream type: "${type ?? ''}"`;
    streams.set(type, stream);
    if (!started && [...wanted].every((t) => streams.has(t))) {
      started = true;
      clearTimeout(timer);
      // After this stream's SYN_REPLY has gone out.
      queueMicrotask(() => start());
    }
    return undefined;
  });
  track(conn);
  // Read by the stream handler, which runs only once frames arrive, after this line.
  const timer = setTimeout(() => conn.close(), STREAM_CREATION_TIMEOUT_MS);
  conn.onClose(() => clearTimeout(timer));

  const start = () => {
    const transport: SessionTransport = {
      get open() {
        return !conn.isClosed;
      },
      get buffered() {
        return socket.writableLength;
      },
      write: (channel, data) => streams.get(channel === 2 ? 'stderr' : 'stdout')?.write(data),
      finish: (exit, argv) => {
        const payload = exitStatusPayload(protocol, exit, argv);
        if (payload !== undefined) streams.get('error')?.write(payload);
        for (const s of streams.values()) s.end();
        const grace = setTimeout(() => conn.close(), CLIENT_CLOSE_GRACE_MS);
        conn.onClose(() => clearTimeout(grace));
      },
    };
    const session = new ExecRun(transport, query, kind);
    streams.get('stdin')?.onData((d) => session.stdinData(d), () => session.stdinEnd());
    streams.get('resize')?.onData((d) => session.resize(d));
    conn.onClose(() => session.closed());
    void session.run(target.pod, target.container, target.instance).catch(() => conn.close());
  };
}
