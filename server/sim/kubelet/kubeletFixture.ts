/**
 * Test fixture: an in-process store with one node and a running kubelet, plus a tiny HTTP
 * server that routes pods/NAME/log and exec/attach upgrades to it (the part H1a's API
 * server does in the demo cluster), so tests drive the kubelet over real HTTP/websockets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubeObject } from '../../kube/object.ts';
import { RESOURCES, ResourceRegistry } from '../api/resources.ts';
import { Store } from '../api/store.ts';
import { Clock, EventRecorder, type SimContext } from '../context.ts';
import { createKubelet, type Kubelet } from './index.ts';

export interface KubeletFixture {
  ctx: SimContext;
  kubelet: Kubelet;
  url: string;
  createPod(name: string, spec: Record<string, unknown>): KubeObject;
  pod(name: string): KubeObject | undefined;
  waitFor<T>(what: string, fn: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  events(name: string): string[];
  close(): Promise<void>;
}

export async function startKubeletFixture(speed = 100): Promise<KubeletFixture> {
  const store = new Store(new ResourceRegistry(RESOURCES));
  const ctx: SimContext = { store, clock: new Clock(speed), events: new EventRecorder(store), kubeMinor: 32 };
  store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  store.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } });
  const kubelet = createKubelet();
  kubelet.start(ctx);

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname);
    const pod = m && store.get('pods', m[1], m[2]);
    if (!pod) {
      res.writeHead(404).end();
      return;
    }
    kubelet.serveLog(req, res, pod, url.searchParams);
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach)$/.exec(url.pathname);
    const pod = m && store.get('pods', m[1], m[2]);
    if (!m || !pod) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    kubelet.serveStream(m[3] as 'exec' | 'attach', req, socket, head, pod, url.searchParams);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    ctx,
    kubelet,
    url: `http://127.0.0.1:${port}`,
    createPod: (name, spec) => store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: 'node-a', ...spec } }),
    pod: (name) => store.get('pods', 'default', name),
    async waitFor(what, fn, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = fn();
        if (v !== undefined && v !== false) return v as Exclude<typeof v, undefined | false>;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    events: (name) =>
      store
        .listRefs('events', 'default')
        .filter((e) => (e.involvedObject as { name?: string }).name === name)
        .map((e) => `${e.reason}: ${e.message}`),
    async close() {
      kubelet.stop();
      ctx.clock.stopAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
