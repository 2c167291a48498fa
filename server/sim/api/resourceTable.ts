import type { KubeObject } from '../../kube/object.ts';

/** The index values of an object (none: undefined or an empty array). */
export type IndexKeys = (o: Readonly<KubeObject>) => string | readonly string[] | undefined;

/** Store order: namespace, then name, as etcd returns keys. */
export function compareKeys(a: Readonly<KubeObject>, b: Readonly<KubeObject>): number {
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const ma = a.metadata.name ?? '';
  const mb = b.metadata.name ?? '';
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

const ALL = '\u0000all';

interface Index {
  keys: IndexKeys;
  /** Index value → object key, or keys when several share it (most values have one: event dedup keys). */
  buckets: Map<string, string | Set<string>>;
}

function valuesOf(keys: IndexKeys, o: Readonly<KubeObject>): readonly string[] {
  const v = keys(o);
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

/**
 * One resource's objects. Lookups by key, by namespace and by secondary index stay O(1)
 * per object found; the sorted views that lists need are built once and then kept sorted
 * on every write (binary-search insert, remove, replace), so no caller sorts a whole
 * table per change — at 10,000 pods that sort was the demo cluster's hottest function.
 */
export class ResourceTable {
  private readonly byKey = new Map<string, KubeObject>();
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  /** Sorted views: every object (ALL) or one namespace's; built on first use. */
  private readonly sorted = new Map<string, KubeObject[]>();
  private readonly indexes = new Map<string, Index>();

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): KubeObject | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Objects by reference in store order (a fresh array: callers may write to the store while iterating). */
  list(namespace?: string): KubeObject[] {
    const view = namespace ? namespace : ALL;
    let s = this.sorted.get(view);
    if (!s) {
      const source = namespace ? this.byNamespace.get(namespace)?.values() : this.byKey.values();
      s = source ? [...source].sort(compareKeys) : [];
      this.sorted.set(view, s);
    }
    return s.slice();
  }

  /** Objects whose index `name` has `value`, in store order. */
  lookup(name: string, value: string): KubeObject[] {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`no index ${name}`);
    const keys = index.buckets.get(value);
    if (keys === undefined) return [];
    if (typeof keys === 'string') return [this.byKey.get(keys)!];
    const out: KubeObject[] = [];
    for (const k of keys) out.push(this.byKey.get(k)!);
    return out.sort(compareKeys);
  }

  /** Add a secondary index; a second call with the same name keeps the first. */
  addIndex(name: string, keys: IndexKeys): void {
    if (this.indexes.has(name)) return;
    const index: Index = { keys, buckets: new Map() };
    this.indexes.set(name, index);
    for (const [k, o] of this.byKey) for (const v of valuesOf(keys, o)) this.addToBucket(index, v, k);
  }

  /** Insert or replace the object under `key`. */
  set(key: string, o: KubeObject): void {
    const old = this.byKey.get(key);
    this.byKey.set(key, o);
    const ns = o.metadata.namespace ?? '';
    let inNs = this.byNamespace.get(ns);
    if (!inNs) this.byNamespace.set(ns, (inNs = new Map()));
    inNs.set(key, o);
    for (const view of [ALL, ns]) {
      const s = this.sorted.get(view);
      if (!s) continue;
      const at = position(s, o);
      if (old) s[at] = o;
      else s.splice(at, 0, o);
    }
    for (const index of this.indexes.values()) this.reindex(index, key, old, o);
  }

  delete(key: string): void {
    const old = this.byKey.get(key);
    if (!old) return;
    this.byKey.delete(key);
    const ns = old.metadata.namespace ?? '';
    const inNs = this.byNamespace.get(ns);
    inNs?.delete(key);
    if (inNs?.size === 0) this.byNamespace.delete(ns);
    for (const view of [ALL, ns]) {
      const s = this.sorted.get(view);
      if (!s) continue;
      if (view === ns && inNs?.size === 0) this.sorted.delete(view);
      else s.splice(position(s, old), 1);
    }
    for (const index of this.indexes.values()) this.reindex(index, key, old, undefined);
  }

  private reindex(index: Index, key: string, old: KubeObject | undefined, next: KubeObject | undefined): void {
    const before = old ? valuesOf(index.keys, old) : [];
    const after = next ? valuesOf(index.keys, next) : [];
    for (const v of before) if (!after.includes(v)) this.removeFromBucket(index, v, key);
    for (const v of after) if (!before.includes(v)) this.addToBucket(index, v, key);
  }

  private addToBucket(index: Index, value: string, key: string): void {
    const b = index.buckets.get(value);
    if (b === undefined) index.buckets.set(value, key);
    else if (typeof b !== 'string') b.add(key);
    else if (b !== key) index.buckets.set(value, new Set([b, key]));
  }

  private removeFromBucket(index: Index, value: string, key: string): void {
    const b = index.buckets.get(value);
    if (b === key) index.buckets.delete(value);
    else if (typeof b !== 'string' && b?.delete(key) && b.size === 1) index.buckets.set(value, b.values().next().value!);
  }
}

/** Where `o` is (or would go) in a sorted view: the first element not before it. */
function position(s: readonly KubeObject[], o: Readonly<KubeObject>): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(s[mid], o) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
