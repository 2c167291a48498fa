import type { SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ensureNamespace } from '../api/systemNamespaces.ts';
import { DEMO_NODES, nodeObject } from './nodes.ts';
import { deployment, namespace } from './templates.ts';

export const SEED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'shop', 'batch', 'storage-demo'];

/** Nodes, namespaces, and what every cluster runs in kube-system. */
export function seedSystem(ctx: SimContext): void {
  // default, kube-system and kube-public are there already: the API server keeps them.
  for (const ns of SEED_NAMESPACES) ensureNamespace(ctx, namespace(ns, ns === 'shop' ? { team: 'shop' } : {}));
  for (const n of DEMO_NODES) createAdmitted(ctx, 'nodes', nodeObject(n));

  createAdmitted(ctx, 'services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }] },
  });

  const coredns = deployment('kube-system', 'coredns', 2, [
    { name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', cpu: '100m', memory: '70Mi', memoryLimit: '170Mi', port: 8181, readyAfter: 1 },
  ], { labels: { 'k8s-app': 'kube-dns' } });
  createAdmitted(ctx, 'deployments.apps', coredns);

  // Ships container logs from every node it tolerates; the GPU node's taint keeps it off node-c.
  createAdmitted(ctx, 'daemonsets.apps', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'log-shipper', namespace: 'kube-system', labels: { app: 'log-shipper' } },
    spec: {
      selector: { matchLabels: { app: 'log-shipper' } },
      template: {
        metadata: { labels: { app: 'log-shipper' } },
        spec: {
          containers: [
            {
              name: 'fluent-bit',
              image: 'fluent/fluent-bit:3.1',
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
              volumeMounts: [{ name: 'varlog', mountPath: '/var/log', readOnly: true }],
            },
          ],
          volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
        },
      },
    },
  });
}
