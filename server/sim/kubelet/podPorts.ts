/**
 * A TCP connection into a pod's network namespace, as port-forward opens one (containerd dials
 * localhost:PORT inside the sandbox): whatever listens there answers as the container's process
 * would. The web images serve HTTP (the same pages `wget` gets over the pod network), the other
 * servers the images run and the ports a container declares echo what they receive; a port
 * nothing listens on refuses the connection with containerd's message.
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../../kube/object.ts';
import type { Store } from '../api/store.ts';
import { StoreNetwork } from './clusterNetwork.ts';
import type { ContainerSpec } from './containerFs.ts';

/** Where the process's bytes go. */
export interface PortSink {
  data(bytes: Buffer): void;
  /** The process closed the connection. */
  close(): void;
}

/** The client's side of the connection. */
export interface PodConnection {
  write(bytes: Buffer): void;
  /** The client finished sending. */
  end(): void;
}

/** The connection, or the runtime's error when nothing listens on the port. */
export function openPodPort(store: Store, pod: Readonly<KubeObject>, port: number, sink: PortSink): PodConnection | { error: string } {
  const namespace = pod.metadata.namespace ?? 'default';
  const answer = new StoreNetwork(store, namespace, pod.metadata.name ?? '').connect('127.0.0.1', port);
  const declared = pod.status?.phase === 'Running' && ((pod.spec?.containers ?? []) as ContainerSpec[]).some((c) => ((c.ports ?? []) as { containerPort: number; protocol?: string }[]).some((p) => p.containerPort === port && (p.protocol ?? 'TCP') === 'TCP'));
  if (answer?.kind === 'http') return new HttpResponder(sink, answer.body, serverHeader(pod, port));
  if (answer || declared) return echo(sink);
  return { error: refusedMessage(pod, port) };
}

/** The sandbox ID containerd names the pod by (a stable 64-hex digest of the pod's uid here). */
export function sandboxId(pod: Readonly<KubeObject>): string {
  return createHash('sha256').update(`sandbox/${pod.metadata.uid ?? pod.metadata.name}`).digest('hex');
}

/** containerd's PortForward error for a closed port (IPv4 refused, no IPv6 localhost in the sandbox). */
function refusedMessage(pod: Readonly<KubeObject>, port: number): string {
  const id = sandboxId(pod);
  const h = createHash('sha256').update(`netns/${pod.metadata.uid ?? ''}`).digest('hex');
  const netns = `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return `failed to execute portforward in network namespace "${netns}": failed to connect to localhost:${port} inside namespace "${id}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6: address localhost: no suitable address found `;
}

function echo(sink: PortSink): PodConnection {
  return { write: (bytes) => sink.data(bytes), end: () => sink.close() };
}

/** The Server header of the image that serves the port (nginx names its version). */
function serverHeader(pod: Readonly<KubeObject>, port: number): string | undefined {
  for (const c of (pod.spec?.containers ?? []) as ContainerSpec[]) {
    const m = /(?:^|\/)nginx(?::(\d+(?:\.\d+)*))?/.exec(String(c.image ?? ''));
    if (m && port === 80) return m[1] && m[1].split('.').length === 3 ? `nginx/${m[1]}` : 'nginx';
  }
  return undefined;
}

const NOT_FOUND = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** An HTTP/1.1 server with keep-alive: `/` (and /index.html) is the page, anything else 404. */
class HttpResponder implements PodConnection {
  private buffer = '';
  private closed = false;

  constructor(
    private readonly sink: PortSink,
    private readonly page: string,
    private readonly server: string | undefined,
  ) {}

  write(bytes: Buffer): void {
    if (this.closed) return;
    this.buffer += bytes.toString('latin1');
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [requestLine, ...lines] = this.buffer.slice(0, end).split('\r\n');
      const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers.get('content-length') ?? 0) || 0;
      if (this.buffer.length < end + 4 + length) return;
      this.buffer = this.buffer.slice(end + 4 + length);
      const [method = '', target = '/', version = 'HTTP/1.0'] = requestLine.split(' ');
      const connection = (headers.get('connection') ?? '').toLowerCase();
      const keepAlive = version === 'HTTP/1.1' ? connection !== 'close' : connection === 'keep-alive';
      this.respond(method, target.replace(/\?.*$/, ''), keepAlive);
      if (!keepAlive) return this.end();
    }
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.sink.close();
  }

  private respond(method: string, path: string, keepAlive: boolean): void {
    const found = path === '/' || path === '/index.html';
    const body = found ? this.page : this.server ? NOT_FOUND : '';
    const head = [
      found ? 'HTTP/1.1 200 OK' : 'HTTP/1.1 404 Not Found',
      ...(this.server ? [`Server: ${this.server}`] : []),
      `Date: ${new Date().toUTCString()}`,
      'Content-Type: text/html',
      `Content-Length: ${Buffer.byteLength(body)}`,
      `Connection: ${keepAlive ? 'keep-alive' : 'close'}`,
    ];
    this.sink.data(Buffer.from(`${head.join('\r\n')}\r\n\r\n${method === 'HEAD' ? '' : body}`, 'utf8'));
  }
}
