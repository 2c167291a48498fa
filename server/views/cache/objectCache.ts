import type { KubeObject } from '../../kube/object.ts';

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones: the row key deltas refer to. */
export function keyOf(obj: KubeObject): string {
  const { namespace, name = '' } = obj.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * The objects of one resource in one cluster, as the last list + watch events left them.
 * Keyed by namespace/name (a recreated object keeps its key, so the SPA's row stays put),
 * with a namespace index so a namespace-filtered snapshot never walks the whole cluster.
 * Objects are stored by reference and must be treated as read-only.
 */
export class ObjectCache {
  private readonly objects = new Map<string, KubeObject>();
  private readonly byNamespace = new Map<string, Set<string>>();

  get size(): number {
    return this.objects.size;
  }

  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  values(): IterableIterator<KubeObject> {
    return this.objects.values();
  }

  /** Objects of the given namespaces; every object when `namespaces` is empty. */
  *inNamespaces(namespaces: readonly string[]): Generator<KubeObject> {
    if (namespaces.length === 0) {
      yield* this.objects.values();
      return;
    }
    for (const ns of new Set(namespaces)) {
      for (const key of this.byNamespace.get(ns) ?? []) {
        const obj = this.objects.get(key);
        if (obj) yield obj;
      }
    }
  }

  /** Replace everything with a fresh list (after a list or a 410 relist). */
  replace(items: readonly KubeObject[]): void {
    this.objects.clear();
    this.byNamespace.clear();
    for (const item of items) this.upsert(item);
  }

  /** Store an added or modified object. Returns false when the cache already held this resourceVersion. */
  upsert(obj: KubeObject): boolean {
    const key = keyOf(obj);
    const old = this.objects.get(key);
    if (old && old.metadata.resourceVersion !== undefined && old.metadata.resourceVersion === obj.metadata.resourceVersion) {
      return false;
    }
    this.objects.set(key, obj);
    const ns = obj.metadata.namespace;
    if (ns !== undefined && !old) {
      let keys = this.byNamespace.get(ns);
      if (!keys) this.byNamespace.set(ns, (keys = new Set()));
      keys.add(key);
    }
    return true;
  }

  /** Forget a deleted object. Returns false when it was not cached. */
  remove(obj: KubeObject): boolean {
    const key = keyOf(obj);
    if (!this.objects.delete(key)) return false;
    const ns = obj.metadata.namespace;
    if (ns !== undefined) {
      const keys = this.byNamespace.get(ns);
      keys?.delete(key);
      if (keys?.size === 0) this.byNamespace.delete(ns);
    }
    return true;
  }
}
