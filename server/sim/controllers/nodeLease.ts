import { ApiError } from '../../kube/status.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { Controller, SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
const LEASES = 'leases.coordination.k8s.io';
/** The kubelet's --node-lease-duration-seconds default. */
export const NODE_LEASE_DURATION_SECONDS = 40;
/** The kubelet renews every quarter of the lease duration (nodeLeaseRenewIntervalFraction 0.25): every 10 s. */
export const NODE_LEASE_RENEW_MS = NODE_LEASE_DURATION_SECONDS * 250;

/** metav1.MicroTime: RFC 3339 with microseconds, as leases carry their times. */
export function microTime(d: Date): string {
  return d.toISOString().replace(/Z$/, '000Z');
}

/**
 * The node lease heartbeat: each node's kubelet holds a Lease named after the node in
 * kube-node-lease (owned by the Node, so it goes with it) and renews it every 10 s; the node
 * lifecycle controller and `kubectl describe node` read its renewTime.
 */
class NodeLeaseHeartbeat implements Controller {
  readonly name = 'node-lease';
  private ctx?: SimContext;
  private stops: (() => void)[] = [];

  start(ctx: SimContext): void {
    this.ctx = ctx;
    this.stops.push(ctx.store.subscribe((e) => e.type === 'ADDED' && queueMicrotask(() => this.renew(e.object.metadata.name!)), 'nodes'));
    this.stops.push(ctx.clock.every(NODE_LEASE_RENEW_MS, () => this.renewAll()));
    queueMicrotask(() => this.renewAll());
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.ctx = undefined;
  }

  private renewAll(): void {
    for (const node of this.ctx?.store.listRefs('nodes') ?? []) this.renew(node.metadata.name!);
  }

  /** kube-apiserver keeps kube-node-lease; a cluster started without it gets it before the first lease. */
  private ensureNamespace(ctx: SimContext): boolean {
    const ns = ctx.store.getRef('namespaces', undefined, NODE_LEASE_NAMESPACE);
    if (ns) return !ns.metadata.deletionTimestamp;
    createAdmitted(ctx, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NODE_LEASE_NAMESPACE } });
    return true;
  }

  private renew(nodeName: string): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const node = ctx.store.getRef('nodes', undefined, nodeName);
    if (!node || node.metadata.deletionTimestamp) return;
    try {
      if (!this.ensureNamespace(ctx)) return;
      const now = microTime(ctx.clock.now());
      const renewed = ctx.store.mutate(LEASES, NODE_LEASE_NAMESPACE, nodeName, (lease) => {
        lease.spec = { ...lease.spec, holderIdentity: nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: now };
      });
      if (!renewed) createAdmitted(ctx, LEASES, leaseFor(node, now));
    } catch (err) {
      // A namespace terminating or a lease created meanwhile: the next renewal tries again.
      if (!(err instanceof ApiError)) throw err;
    }
  }
}

function leaseFor(node: Readonly<KubeObject>, now: string): KubeObject {
  const name = node.metadata.name!;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: NODE_LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }] },
    spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: now },
  };
}

export function nodeLeaseHeartbeat(): Controller {
  return new NodeLeaseHeartbeat();
}
