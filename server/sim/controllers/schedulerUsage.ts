import type { KubeObject } from '../../kube/object.ts';
import type { StoreEvent } from '../api/store.ts';
import { effectivePodRequests, nonZeroPodRequests, type PodRequests } from '../../kube/effectivePodRequests.ts';
import { emptyUsage, type NodeUsage } from '../../kube/schedulerFilters.ts';

interface Charge {
  node: string;
  requested: PodRequests;
  nonZero: { cpu: number; memory: number };
}

function charges(pod: Readonly<KubeObject>): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * What each node has charged to it (requests of bound pods that have not finished), kept
 * up to date from pod events like the scheduler cache's NodeInfo: a scheduling attempt
 * reads it instead of summing every pod of the cluster. Amounts are whole numbers
 * (millicores, bytes), so adding and subtracting stays exact.
 */
export class NodeUsageTracker {
  private readonly byNode = new Map<string, NodeUsage>();
  private readonly charged = new Map<string, Charge>();

  observe(e: Pick<StoreEvent, 'type' | 'object'>): void {
    const pod = e.object;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    this.uncharge(key);
    if (e.type === 'DELETED' || !charges(pod)) return;
    const charge: Charge = { node: pod.spec.nodeName as string, requested: effectivePodRequests(pod.spec ?? {}), nonZero: nonZeroPodRequests(pod.spec ?? {}) };
    this.charged.set(key, charge);
    let u = this.byNode.get(charge.node);
    if (!u) this.byNode.set(charge.node, (u = emptyUsage()));
    apply(u, charge, 1);
  }

  /** The node's usage; callers must not modify it. */
  usage(node: string): NodeUsage | undefined {
    return this.byNode.get(node);
  }

  clear(): void {
    this.byNode.clear();
    this.charged.clear();
  }

  private uncharge(key: string): void {
    const charge = this.charged.get(key);
    if (!charge) return;
    this.charged.delete(key);
    const u = this.byNode.get(charge.node)!;
    apply(u, charge, -1);
    if (u.pods === 0) this.byNode.delete(charge.node);
  }
}

function apply(u: NodeUsage, c: Charge, sign: 1 | -1): void {
  for (const [k, v] of Object.entries(c.requested)) u.requested[k] = (u.requested[k] ?? 0) + sign * v;
  u.nonZero.cpu += sign * c.nonZero.cpu;
  u.nonZero.memory += sign * c.nonZero.memory;
  u.pods += sign;
}

export function copyUsage(u: NodeUsage | undefined): NodeUsage {
  return u ? { requested: { ...u.requested }, nonZero: { ...u.nonZero }, pods: u.pods } : emptyUsage();
}
