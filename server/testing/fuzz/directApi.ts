/** The harness's own line to the demo cluster's API server (TLS, its token), never through the console. */
import { request } from 'node:https';
import type { KubeObject } from '../../kube/object.ts';
import type { DemoCluster } from '../../sim/index.ts';

export type DirectApi = <T = KubeObject>(method: string, path: string, body?: unknown) => Promise<T>;

export function directApi(cluster: DemoCluster, token: string): DirectApi {
  const url = new URL(cluster.url);
  return (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method,
          ca: cluster.tls?.caPem,
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(payload ? { 'Content-Type': 'application/json' } : {}) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`));
            else resolve(JSON.parse(text));
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}
