/**
 * Where the console's clusters come from, first that applies: --demo / CONSOLE_DEMO=1, then
 * KUBECONFIG or ~/.kube/config, then the pod's service account, else the demo cluster.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { startDemoContext } from './demo.ts';
import { inClusterContext, inPod } from './inCluster.ts';
import { loadKubeconfig } from './kubeconfig.ts';
import { createRegistry, type ClusterRegistry } from './types.ts';

export interface LoadedClusters {
  registry: ClusterRegistry;
  /** Stops what the console started for its clusters (the in-process demo cluster). */
  close(): Promise<void>;
}

function defaultKubeconfig(env: NodeJS.ProcessEnv): string | undefined {
  const home = env.HOME || homedir();
  const file = join(home, '.kube', 'config');
  return existsSync(file) ? file : undefined;
}

export async function loadClusters(config: Pick<Config, 'demo' | 'demoSpeed' | 'kubeconfigPaths' | 'timeouts'>, log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<LoadedClusters> {
  const kubeconfigFiles = config.demo ? undefined : (config.kubeconfigPaths ?? (defaultKubeconfig(env) ? [defaultKubeconfig(env) as string] : undefined));
  if (kubeconfigFiles) {
    const loaded = loadKubeconfig(kubeconfigFiles);
    for (const w of loaded.warnings) log.warn(w);
    log.info('clusters from kubeconfig', { files: kubeconfigFiles, contexts: loaded.contexts.length, current: loaded.current });
    return { registry: createRegistry(loaded.contexts, loaded.current, config.timeouts), close: async () => {} };
  }
  if (!config.demo && inPod(env)) {
    const context = inClusterContext();
    log.info('cluster from the pod service account', { server: context.server });
    return { registry: createRegistry([context], context.name, config.timeouts), close: async () => {} };
  }
  const { context, cluster } = await startDemoContext({ speed: config.demoSpeed });
  log.info('demo cluster started', { server: context.server, reason: config.demo ? 'requested' : 'no kubeconfig and not in a pod' });
  return { registry: createRegistry([context], context.name, config.timeouts), close: () => cluster.close() };
}
