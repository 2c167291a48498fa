/** The demo cluster, started in this process, as the context named `demo`. */
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import { contextFrom } from './contextConfig.ts';
import type { ClusterContext } from './types.ts';

export const DEMO_CONTEXT = 'demo';

export function demoContext(url: string, name = DEMO_CONTEXT): ClusterContext {
  return contextFrom({ name, server: url, skipTLSVerify: true }, { name }, { name, cluster: name, user: name }, 'demo');
}

export async function startDemoContext(opts: { speed?: number } = {}): Promise<{ context: ClusterContext; cluster: DemoCluster }> {
  const cluster = await startDemoCluster({ speed: opts.speed ?? 1 });
  return { context: demoContext(cluster.url), cluster };
}
