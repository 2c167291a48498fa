/**
 * What the terminal tests and benchmark run against, all real: the demo cluster in this process
 * (so the kubelet's open exec sessions can be counted), one or more console replicas in this
 * process (so their proxied upgrade sockets can be counted) pointed at it as context `demo`,
 * and optionally Debian's nginx in front of them with the shipped deploy/nginx/nginx.conf
 * (only its template lines filled in, and — when asked — a shorter proxy_read_timeout).
 */
import { join } from 'node:path';
import { startLocalNginx } from '../../deploy/nginx/localNginx.ts';
import { demoContext } from '../../server/clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../../server/sim/index.ts';
import { startConsole, type RunningConsole } from '../../server/testing/consoleFixture.ts';
import { ROOT } from './harness.ts';

export interface TerminalStack {
  cluster: DemoCluster;
  replicas: RunningConsole[];
  /** Where a browser goes: nginx's `/console/` when nginx runs, else the first replica. */
  url: string;
  /** The Kubernetes proxy root for context `demo` at `url` (`…/k8s/demo`). */
  apiRoot: string;
  /** Exec/attach sessions the kubelet holds open. */
  execSessions(): number;
  /** Upgraded sockets the consoles' proxies hold open, all replicas. */
  proxySockets(): number;
  close(): Promise<void>;
}

export interface StackOptions {
  replicas?: number;
  nginx?: boolean;
  /** Replaces the shipped `proxy_read_timeout 3600s;` (e.g. '3s' to prove the keep-alive). */
  nginxReadTimeout?: string;
  speed?: number;
}

export async function startTerminalStack(opts: StackOptions = {}): Promise<TerminalStack> {
  const cluster = await startDemoCluster({ speed: opts.speed ?? 20 });
  const context = demoContext(cluster.url);
  const base = opts.nginx ? '/console/' : '/';
  const replicas: RunningConsole[] = [];
  for (let i = 0; i < (opts.replicas ?? 1); i++) {
    replicas.push(await startConsole([context], { basePath: base, trustProxy: 'loopback', distDir: join(ROOT, 'dist') }));
  }
  const nginx = opts.nginx ? await startLocalNginx(replicas.map((r) => r.port), { readTimeout: opts.nginxReadTimeout }) : undefined;
  const url = nginx ? nginx.base : replicas[0].url;
  return {
    cluster,
    replicas,
    url,
    apiRoot: `${url}k8s/demo`,
    execSessions: () => cluster.kubelet.activeSessions(),
    proxySockets: () => replicas.reduce((n, r) => n + r.console.proxy.sessions(), 0),
    async close() {
      await nginx?.stop();
      for (const r of replicas) await r.close();
      await cluster.close();
    },
  };
}

/** A Running pod of the seed whose name starts with `prefix` in `namespace`, and its first container. */
export async function runningSeedPod(apiRoot: string, namespace: string, prefix: string, timeoutMs = 30_000): Promise<{ pod: string; container: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = (await (await fetch(`${apiRoot}/api/v1/namespaces/${namespace}/pods`)).json()) as {
      items: { metadata: { name: string; deletionTimestamp?: string }; spec: { containers: { name: string }[] }; status?: { phase?: string; containerStatuses?: { ready?: boolean; state?: { running?: object } }[] } }[];
    };
    const pod = list.items.find(
      (p) => p.metadata.name.startsWith(prefix) && !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && (p.status.containerStatuses ?? []).every((c) => c.state?.running),
    );
    if (pod) return { pod: pod.metadata.name, container: pod.spec.containers[0].name };
    if (Date.now() > deadline) throw new Error(`no running ${namespace}/${prefix}* pod within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

