/**
 * Turns one (cluster, user, context) triple into a ClusterContext whose KubeConfig holds just that
 * context. Normalises what client-node would otherwise trip over: a plain-http server needs
 * `skipTLSVerify` (client-node refuses http otherwise, though there is no TLS to verify), and
 * HTTPS_PROXY/NO_PROXY become the cluster's proxy-url, so every client built from it honours them.
 */
import { existsSync } from 'node:fs';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { proxyFromEnv } from './envProxy.ts';
import type { ClusterContext, ClusterSource } from './types.ts';

export function normalizeCluster(cluster: Cluster, env: NodeJS.ProcessEnv = process.env): Cluster {
  const plainHttp = cluster.server.startsWith('http:');
  const proxyUrl = cluster.proxyUrl ?? proxyFromEnv(cluster.server, env);
  return { ...cluster, skipTLSVerify: plainHttp || cluster.skipTLSVerify, ...(proxyUrl ? { proxyUrl } : {}) };
}

/** A referenced credential file that is missing makes the context unusable, not the console. */
function missingFile(cluster: Cluster, user: User): string | undefined {
  const files: [string | undefined, string][] = [
    [cluster.caFile, 'certificate-authority'],
    [user.certFile, 'client-certificate'],
    [user.keyFile, 'client-key'],
  ];
  for (const [file, field] of files) {
    if (file && !existsSync(file)) return `${field} file ${file} does not exist`;
  }
  return undefined;
}

export function contextFrom(cluster: Cluster, user: User | undefined, context: Context, source: ClusterSource): ClusterContext {
  const kubeConfig = new KubeConfig();
  const theUser: User = user ?? { name: context.user || 'anonymous' };
  kubeConfig.loadFromOptions({
    clusters: [normalizeCluster(cluster)],
    users: [theUser],
    contexts: [{ ...context, user: theUser.name }],
    currentContext: context.name,
  });
  return {
    name: context.name,
    server: cluster.server,
    source,
    namespace: context.namespace,
    kubeConfig,
    problem: missingFile(cluster, theUser),
  };
}
