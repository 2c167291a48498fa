import type { KubeObject } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { createAdmitted } from './admittedCreate.ts';

/**
 * The namespaces kube-apiserver keeps itself, seeded or not: its system-namespaces controller
 * creates kube-system, kube-public and kube-node-lease, and the controller of the `kubernetes`
 * Service creates default (pkg/controlplane/controller/systemnamespaces and kubernetesservice).
 */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

export function ensureSystemNamespaces(ctx: SimContext): void {
  for (const name of SYSTEM_NAMESPACES) ensureNamespace(ctx, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

/** Creates `ns` as a client's POST would, unless a namespace of its name exists already. */
export function ensureNamespace(ctx: SimContext, ns: KubeObject): void {
  if (!ctx.store.getRef('namespaces', undefined, ns.metadata.name!)) createAdmitted(ctx, 'namespaces', ns);
}
