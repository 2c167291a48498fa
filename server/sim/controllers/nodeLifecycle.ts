import { rfc3339 } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { ControlLoop, keyOf } from './controlLoop.ts';

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** nodeConditionToTaintKeyStatusMap: the NoSchedule taint a node condition in a given status stands for. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: 'node.kubernetes.io/not-ready', Unknown: 'node.kubernetes.io/unreachable' },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const MANAGED = new Set([UNSCHEDULABLE, ...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m))]);

/** The NoSchedule taints the controller wants on a node: one per condition in trouble, and one when cordoned. */
export function wantedNoScheduleTaints(node: { spec?: { unschedulable?: boolean }; status?: { conditions?: { type: string; status: string }[] } }): string[] {
  const keys: string[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) keys.push(key);
  }
  if (node.spec?.unschedulable) keys.push(UNSCHEDULABLE);
  return keys;
}

/**
 * The node lifecycle controller's NoSchedule tainting pass (doNoScheduleTaintingPass):
 * `kubectl cordon` (spec.unschedulable) gets `node.kubernetes.io/unschedulable:NoSchedule`,
 * and conditions such as Ready=False or MemoryPressure=True get theirs, each with the time
 * it was added; uncordoning or recovering takes them off again. Taints the controller does
 * not manage are left alone. (The NoExecute pass that evicts pods from unreachable nodes is
 * not simulated.)
 */
class NodeLifecycleController extends ControlLoop {
  readonly name = 'node-lifecycle';

  protected watch(): void {
    this.on('nodes', (e) => {
      if (e.type !== 'DELETED') this.queue.add(keyOf(e.object));
    });
    this.queueAll('nodes');
  }

  protected sync(name: string): void {
    const node = this.ctx.store.get('nodes', undefined, name);
    if (!node) return;
    const wanted = wantedNoScheduleTaints(node);
    const taints = (node.spec?.taints as Taint[] | undefined) ?? [];
    const managed = taints.filter((t) => t.effect === 'NoSchedule' && MANAGED.has(t.key));
    const toAdd = wanted.filter((k) => !managed.some((t) => t.key === k));
    const toDelete = managed.filter((t) => !wanted.includes(t.key));
    if (!toAdd.length && !toDelete.length) return;
    this.ctx.store.mutate('nodes', undefined, name, (n) => {
      if (n.metadata.uid !== node.metadata.uid) return false;
      const now = rfc3339();
      const kept = ((n.spec?.taints as Taint[] | undefined) ?? []).filter((t) => !toDelete.some((d) => d.key === t.key && d.effect === t.effect));
      const next = [...kept, ...toAdd.filter((k) => !kept.some((t) => t.key === k && t.effect === 'NoSchedule')).map((key) => ({ key, effect: 'NoSchedule', timeAdded: now }))];
      n.spec = { ...(n.spec ?? {}) };
      if (next.length) n.spec.taints = next;
      else delete n.spec.taints;
    });
  }
}

export function nodeLifecycleController(): Controller {
  return new NodeLifecycleController();
}
