/**
 * The API server's proxy dialing a pod (services/NAME/proxy, pods/NAME/proxy): one HTTP/1.1
 * request over a connection to the pod's port, answered by whatever listens there (podPorts.ts,
 * the same server port-forward and probes reach). A port nothing listens on fails the dial, which
 * the API server's proxy transport reports as a 503 "error trying to reach service: ...".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../kube/object.ts';
import type { Store } from '../api/store.ts';
import { openPodPort } from './podPorts.ts';

/** Headers of the client's request that travel on (hop-by-hop ones and credentials stay behind, as the proxy strips them). */
const DROPPED = new Set(['connection', 'keep-alive', 'upgrade', 'transfer-encoding', 'authorization', 'host', 'content-length', 'te', 'trailer', 'proxy-authorization']);

export function proxyToPod(store: Store, req: IncomingMessage, res: ServerResponse, pod: KubeObject, port: number, target: string): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const ip = String(pod.status?.podIP ?? '');
    const received: Buffer[] = [];
    let settled = false;
    const conn = openPodPort(store, pod, port, {
      data: (bytes) => received.push(bytes),
      close: () => {
        if (settled) return;
        settled = true;
        relayResponse(res, Buffer.concat(received), `${ip}:${port}`);
      },
    });
    if ('error' in conn) {
      unreachable(res, `dial tcp ${ip}:${port}: connect: connection refused`);
      return;
    }
    const headers = Object.entries(req.headers)
      .filter(([k]) => !DROPPED.has(k))
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`);
    const head = [`${req.method ?? 'GET'} ${target} HTTP/1.1`, `Host: ${ip}:${port}`, ...headers, `Content-Length: ${body.length}`, 'Connection: close'];
    conn.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
    // A server that keeps the connection (an echo, not HTTP) is answered from what came back so far.
    setImmediate(() => {
      if (settled) return;
      settled = true;
      conn.end();
      relayResponse(res, Buffer.concat(received), `${ip}:${port}`);
    });
  });
}

/** transport.go's RoundTrip: a failed dial becomes NewServiceUnavailable("error trying to reach service: %v"). */
function unreachable(res: ServerResponse, cause: string): void {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `error trying to reach service: ${cause}`, reason: 'ServiceUnavailable', code: 503 };
  const text = JSON.stringify(status);
  res.writeHead(503, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The backend's status, headers and body, as httputil.ReverseProxy copies them; bytes that are not HTTP are a malformed response. */
function relayResponse(res: ServerResponse, raw: Buffer, address: string): void {
  const end = raw.indexOf('\r\n\r\n');
  const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(raw.subarray(0, Math.max(0, end)).toString('latin1'));
  if (end < 0 || !statusLine) {
    unreachable(res, raw.length ? `net/http: HTTP/1.x transport connection broken: malformed HTTP response ${JSON.stringify(raw.subarray(0, 16).toString('latin1'))}` : `EOF reading from ${address}`);
    return;
  }
  const headers: Record<string, string> = {};
  for (const line of raw.subarray(0, end).toString('latin1').split('\r\n').slice(1)) {
    const at = line.indexOf(':');
    const name = line.slice(0, at).trim();
    if (!name || DROPPED.has(name.toLowerCase())) continue;
    headers[name] = line.slice(at + 1).trim();
  }
  const body = raw.subarray(end + 4);
  headers['Content-Length'] = String(body.length);
  res.writeHead(Number(statusLine[1]), headers);
  res.end(body);
}
