import type { SimContext } from '../context.ts';
import { createAdmitted } from './admittedCreate.ts';

/**
 * The namespaces kube-apiserver keeps itself, seeded or not: its system-namespaces controller
 * creates kube-system, kube-public and kube-node-lease, and the controller of the `kubernetes`
 * Service creates default (pkg/controlplane/controller/systemnamespaces and kubernetesservice).
 */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

export function ensureSystemNamespaces(ctx: SimContext): void {
  for (const name of SYSTEM_NAMESPACES) {
    if (!ctx.store.getRef('namespaces', undefined, name)) createAdmitted(ctx, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
}
