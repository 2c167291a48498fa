import type { KubeObject } from '../../kube/object.ts';
import { ApiError } from '../../kube/status.ts';
import { rfc3339 } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { ControlLoop } from './controlLoop.ts';
import { deleteObject } from './podDeletion.ts';

interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/**
 * Empties a terminating namespace (every namespaced object, pods gracefully), reports what
 * remains in the namespace conditions, then drops the `kubernetes` finalizer from
 * spec.finalizers so the store removes the namespace.
 */
class NamespaceController extends ControlLoop {
  readonly name = 'namespace';

  protected watch(): void {
    this.on('namespaces', (e) => this.queue.add(e.object.metadata.name!));
    // Content going away in a terminating namespace: check whether it is empty now.
    this.on(undefined, (e) => {
      if (e.type !== 'DELETED' || !e.object.metadata.namespace || e.resource === 'namespaces') return;
      const ns = this.ctx.store.get('namespaces', undefined, e.object.metadata.namespace);
      if (ns && ns.metadata.deletionTimestamp) this.queue.add(e.object.metadata.namespace);
    });
    this.queueAll('namespaces');
  }

  private namespacedResources(): string[] {
    const { store } = this.ctx;
    return store.registry.types.filter((t) => t.namespaced && !t.virtual).map((t) => store.resourceOf(t));
  }

  protected sync(name: string): void {
    const { store } = this.ctx;
    const ns = store.get('namespaces', undefined, name);
    if (ns && !ns.metadata.deletionTimestamp) {
      if (!ns.status?.phase) store.mutate('namespaces', undefined, name, (o) => void (o.status = { ...(o.status ?? {}), phase: 'Active' }), { statusOnly: true });
      return;
    }
    // Delete the content (also when the namespace itself is already gone).
    for (const resource of this.namespacedResources()) {
      for (const o of store.listRefs(resource, name)) {
        if (o.metadata.deletionTimestamp) continue;
        try {
          deleteObject(store, resource, o, { propagationPolicy: 'Background' });
        } catch (err) {
          if (!(err instanceof ApiError) || (err.code !== 404 && err.code !== 409)) throw err;
        }
      }
    }
    if (!ns) return;
    const remaining = new Map<string, number>();
    const byFinalizer = new Map<string, number>();
    for (const resource of this.namespacedResources()) {
      const left = store.listRefs(resource, name);
      if (left.length) remaining.set(resource.includes('.') ? resource : `${resource}.`, left.length);
      for (const o of left) for (const f of o.metadata.finalizers ?? []) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + 1);
    }
    this.writeConditions(ns, remaining, byFinalizer);
    if (remaining.size) {
      this.queue.addAfter(name, 2000);
      return;
    }
    store.mutate('namespaces', undefined, name, (o) => {
      const f = ((o.spec?.finalizers as string[] | undefined) ?? []).filter((x) => x !== 'kubernetes');
      if (f.length === (o.spec?.finalizers?.length ?? 0)) return false;
      o.spec = { ...(o.spec ?? {}), finalizers: f };
    });
  }

  /** The five deletion conditions the real controller keeps on a terminating namespace (status_condition_utils.go). */
  private writeConditions(ns: KubeObject, remaining: Map<string, number>, byFinalizer: Map<string, number>): void {
    const old = (ns.status?.conditions as NamespaceCondition[] | undefined) ?? [];
    const cond = (type: string, status: 'True' | 'False', reason: string, message: string): NamespaceCondition => {
      const prev = old.find((c) => c.type === type);
      const lastTransitionTime = prev && prev.status === status ? prev.lastTransitionTime : rfc3339();
      return { type, status, lastTransitionTime, reason, message };
    };
    const conditions = [
      cond('NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'),
      cond('NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
      cond('NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
      // ProcessContentTotals: the lists sorted for stable updates; the reason is spelled "SomeFinalizerRemain".
      remaining.size
        ? cond('NamespaceContentRemaining', 'True', 'SomeResourcesRemain', `Some resources are remaining: ${[...remaining].map(([r, n]) => `${r} has ${n} resource instances`).sort().join(', ')}`)
        : cond('NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'),
      byFinalizer.size
        ? cond('NamespaceFinalizersRemaining', 'True', 'SomeFinalizerRemain', `Some finalizers are remaining: ${[...byFinalizer].map(([f, n]) => `${f} in ${n} resource instances`).sort().join(', ')}`)
        : cond('NamespaceFinalizersRemaining', 'False', 'ContentRemoved', 'All content successfully removed'),
    ];
    const status = { ...(ns.status ?? {}), phase: 'Terminating', conditions };
    if (JSON.stringify(status) === JSON.stringify(ns.status)) return;
    this.ctx.store.mutate('namespaces', undefined, ns.metadata.name!, (o) => void (o.status = status), { statusOnly: true });
  }
}

export function namespaceController(): Controller {
  return new NamespaceController();
}
