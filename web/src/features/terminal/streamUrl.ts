/**
 * The exec/attach websocket URL through the console's proxy:
 * `ws(s)://HOST{base}k8s/{context}/api/v1/namespaces/NS/pods/POD/exec?command=…&container=C&stdin=true&stdout=true&tty=true`.
 * With a tty stderr is merged into stdout, so stderr=false (as kubectl sends it).
 */
import { basePath, k8sUrl } from '../../api/urls.ts';

export interface StreamTarget {
  context: string;
  namespace: string;
  pod: string;
  container: string;
}

export type StreamRequest = StreamTarget & ({ kind: 'exec'; argv: readonly string[] } | { kind: 'attach' });

/** The path under the API server root, with the query (no context, no base). */
export function streamPath(r: StreamRequest): string {
  const q = new URLSearchParams();
  if (r.kind === 'exec') for (const arg of r.argv) q.append('command', arg);
  q.set('container', r.container);
  q.set('stdin', 'true');
  q.set('stdout', 'true');
  q.set('stderr', 'false');
  q.set('tty', 'true');
  return `api/v1/namespaces/${encodeURIComponent(r.namespace)}/pods/${encodeURIComponent(r.pod)}/${r.kind}?${q}`;
}

export function streamSocketUrl(r: StreamRequest, location: { protocol: string; host: string }, base = basePath()): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${k8sUrl(r.context, streamPath(r), base)}`;
}
