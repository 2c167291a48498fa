/**
 * The resource quota controller (pkg/controller/resourcequota): keeps each ResourceQuota's
 * status.hard equal to spec.hard and status.used equal to what the namespace's objects charge,
 * recounting when a quota changes and when an object it counts is created, changed or deleted
 * (replenishment: a pod that finishes or goes gives its share back).
 */
import type { KubeObject } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { ControlLoop, splitKey } from './controlLoop.ts';
import { resourceKey } from '../api/resources.ts';
import { QUOTAS } from '../api/admission/resourceQuota.ts';
import { addInto, amountOf, evaluatorFor, resourceCounted, usageToList, type Usage } from '../api/admission/quotaUsage.ts';

type ResourceList = Record<string, string>;

/** status.used for `quota` over the objects `list` returns (CalculateUsage). */
export function quotaUsed(quota: Readonly<KubeObject>, list: (resource: string) => readonly Readonly<KubeObject>[] | undefined): ResourceList {
  const hard = (quota.spec?.hard ?? {}) as ResourceList;
  const names = Object.keys(hard);
  const used: Usage = new Map(names.map((n) => [n, amountOf(0)]));
  const resources = new Set(names.map(resourceCounted).filter((r): r is string => r !== undefined));
  for (const resource of resources) {
    const evaluator = evaluatorFor(resource);
    const objects = list(resource) ?? [];
    for (const o of objects) {
      if (!evaluator.inScope(quota, o)) continue;
      const usage = evaluator.usage(o);
      addInto(used, new Map([...usage].filter(([k]) => k in hard)));
    }
  }
  return usageToList(used);
}

function sameList(a: unknown, b: ResourceList): boolean {
  const x = (a ?? {}) as ResourceList;
  const keys = Object.keys(b);
  return Object.keys(x).length === keys.length && keys.every((k) => x[k] === b[k]);
}

const RESYNC_MS = 5 * 60_000;

class ResourceQuotaController extends ControlLoop {
  readonly name = 'resourcequota';
  private stopResync?: () => void;

  private isStored(resource: string): boolean {
    const type = this.ctx.store.registry.types.find((t) => resourceKey(t) === resource);
    return type !== undefined && !type.virtual;
  }

  protected watch(): void {
    this.on(undefined, (e) => {
      const ns = e.object.metadata.namespace;
      if (!ns) return;
      if (e.resource === QUOTAS && e.type !== 'DELETED') this.queue.add(`${ns}/${e.object.metadata.name}`);
      for (const quota of this.ctx.store.listRefs(QUOTAS, ns)) {
        const hard = Object.keys((quota.spec?.hard ?? {}) as ResourceList);
        if (hard.some((n) => resourceCounted(n) === e.resource)) this.queue.add(`${ns}/${quota.metadata.name}`);
      }
    });
    this.queueAll(QUOTAS);
    // --resource-quota-sync-period: a full recount every 5 minutes catches what no event announces
    // (a terminating pod's grace period running out).
    this.stopResync = this.ctx.clock.every(RESYNC_MS, () => this.queueAll(QUOTAS));
  }

  override stop(): void {
    this.stopResync?.();
    super.stop();
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const quota = this.ctx.store.getRef(QUOTAS, namespace, name);
    if (!quota || quota.metadata.deletionTimestamp) return;
    const { store } = this.ctx;
    const hard = { ...((quota.spec?.hard ?? {}) as ResourceList) };
    // A count/ of a kind this cluster does not serve (or does not store) counts nothing.
    const used = quotaUsed(quota, (resource) => (this.isStored(resource) ? store.listRefs(resource, namespace) : undefined));
    if (sameList(quota.status?.hard, hard) && sameList(quota.status?.used, used)) return;
    store.mutate(QUOTAS, namespace, name, (q) => {
      q.status = { hard, used };
    });
  }
}

export function resourceQuotaController(): Controller {
  return new ResourceQuotaController();
}
