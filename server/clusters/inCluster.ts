/**
 * Running in a pod: the service account mounted by Kubernetes. client-node's token-file
 * authenticator re-reads the (rotating, projected) token, so long-running consoles keep working.
 */
import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { contextFrom } from './contextConfig.ts';
import type { ClusterContext } from './types.ts';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
export const IN_CLUSTER_CONTEXT = 'in-cluster';

export function inPod(env: NodeJS.ProcessEnv = process.env, root = ''): boolean {
  return Boolean(env.KUBERNETES_SERVICE_HOST) && existsSync(`${root}${SERVICE_ACCOUNT_DIR}/token`);
}

/** `root` prefixes the service-account path (tests write a fake one into a temp dir). */
export function inClusterContext(root = ''): ClusterContext {
  const kc = new KubeConfig();
  kc.loadFromCluster(root);
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const context = kc.getContextObject(kc.getCurrentContext());
  if (!cluster || !user || !context) throw new Error('in-cluster configuration is incomplete');
  return contextFrom(cluster, user, { ...context, name: IN_CLUSTER_CONTEXT }, 'in-cluster');
}
