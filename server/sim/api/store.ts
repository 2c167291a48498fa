import { randomUUID } from 'node:crypto';
import { alreadyExists, badRequest, conflict, expired, notFound } from '../../kube/status.ts';
import { clone, objectKey, rfc3339, type KubeObject } from '../../kube/object.ts';
import { ResourceRegistry, resourceKey, type ResourceType } from './resources.ts';
import { ResourceTable, type IndexKeys } from './resourceTable.ts';
import { compactCopy, sameJson } from '../../kube/jsonTree.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A committed change. `object` is the stored object itself: listeners must not mutate it. */
export interface StoreEvent {
  type: WatchEventType;
  rv: number;
  /** Resource key, e.g. `pods` or `deployments.apps`. */
  resource: string;
  object: Readonly<KubeObject>;
  /** The object before this change (MODIFIED, DELETED): watches with selectors need it. */
  old?: Readonly<KubeObject>;
}

export type StoreListener = (event: StoreEvent) => void;

/** A listener that threw while being told of a change. */
export interface ListenerFailure {
  event: StoreEvent;
  error: unknown;
}

export interface DeleteOptions {
  /** Foreground adds the foregroundDeletion finalizer, Orphan the orphan finalizer (the GC acts on both). */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  /** Mark with deletionTimestamp + grace period instead of removing (pods on a node: the kubelet finishes). */
  gracePeriodSeconds?: number;
}

export interface UpdateOptions {
  /** Only status may change (the status subresource); spec and metadata are kept from the stored object. */
  statusOnly?: boolean;
}

/** How many committed changes stay watchable before a resume gets 410 Gone. */
const DEFAULT_HISTORY = 20_000;

/** Listener failures kept for inspection; older ones are only in the log. */
const KEPT_FAILURES = 100;

/**
 * The demo cluster's etcd: every object of every resource, one global resourceVersion
 * counter, and a bounded history of changes that watches resume from.
 */
export class Store {
  private rv = 1000;
  private readonly tables = new Map<string, ResourceTable>();
  private history: StoreEvent[] = [];
  /** Changes with rv <= this are no longer in history. */
  private compactedThrough = 1000;
  private readonly listeners = new Set<{ resource?: string; fn: StoreListener }>();
  private readonly failures: ListenerFailure[] = [];

  constructor(
    readonly registry: ResourceRegistry,
    private readonly historyLimit = DEFAULT_HISTORY,
  ) {}

  currentRv(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch may still resume from. */
  oldestWatchableRv(): number {
    return this.compactedThrough;
  }

  type(resource: string): ResourceType {
    return this.registry.get(resource);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.table(resource).get(objectKey(namespace, name));
    return o && clone(o);
  }

  /** The stored object itself (no copy), for readers that keep it: callers must not mutate it. */
  getRef(resource: string, namespace: string | undefined, name: string): Readonly<KubeObject> | undefined {
    return this.table(resource).get(objectKey(namespace, name));
  }

  /** Stored objects by reference, sorted by namespace/name as etcd returns them. Callers must not mutate them. */
  listRefs(resource: string, namespace?: string): readonly KubeObject[] {
    return this.table(resource).list(namespace);
  }

  /**
   * Keep a secondary index of a resource up to date on every write, e.g. pods by node.
   * Index names are shared: a second registration under the same name keeps the first.
   */
  index(resource: string, name: string, keys: IndexKeys): void {
    this.table(resource).addIndex(name, keys);
  }

  /** Stored objects (by reference, in store order) whose index `name` has `value`. Callers must not mutate them. */
  byIndex(resource: string, name: string, value: string): readonly KubeObject[] {
    return this.table(resource).lookup(name, value);
  }

  list(resource: string, namespace?: string): KubeObject[] {
    return this.listRefs(resource, namespace).map(clone);
  }

  count(resource: string): number {
    return this.table(resource).size;
  }

  /** `createdAt` backdates creationTimestamp: only the seed uses it, for history that predates start-up. */
  create(resource: string, input: KubeObject, createdAt?: Date): KubeObject {
    const type = this.type(resource);
    const obj = clone(input);
    const meta = obj.metadata ?? (obj.metadata = {});
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    if (!meta.name) throw badRequest('resource name may not be empty');
    if (!type.namespaced) delete meta.namespace;
    const key = objectKey(meta.namespace, meta.name);
    const table = this.table(resource);
    if (table.has(key)) throw alreadyExists(type.plural, type.group, meta.name);
    meta.uid = meta.uid ?? randomUUID();
    meta.creationTimestamp = rfc3339(createdAt);
    delete meta.deletionTimestamp;
    if (type.generation) meta.generation = 1;
    meta.resourceVersion = String(++this.rv);
    const stored = compactCopy(obj);
    table.set(key, stored);
    this.emit({ type: 'ADDED', rv: this.rv, resource, object: stored });
    return obj;
  }

  /**
   * Replace an object. A non-empty metadata.resourceVersion must match the stored one
   * (optimistic concurrency, 409 Conflict otherwise).
   */
  update(resource: string, input: KubeObject, opts: UpdateOptions = {}): KubeObject {
    return this.replace(resource, input, opts, false);
  }

  /** `owned`: input is a private copy (mutate's), taken as is instead of copied again. */
  private replace(resource: string, input: KubeObject, opts: UpdateOptions, owned: boolean): KubeObject {
    const type = this.type(resource);
    const name = input.metadata?.name ?? '';
    const key = objectKey(type.namespaced ? input.metadata?.namespace : undefined, name);
    const table = this.table(resource);
    const current = table.get(key);
    if (!current) throw notFound(type.plural, type.group, name);
    const wanted = input.metadata.resourceVersion;
    if (wanted && wanted !== current.metadata.resourceVersion) throw conflict(type.plural, type.group, name);

    let next: KubeObject;
    if (opts.statusOnly) {
      // Stored objects are never modified in place, so the new version can share spec with
      // the old one: a status write (most writes) copies only metadata, not the whole pod.
      next = { ...current, metadata: clone(current.metadata), status: owned ? input.status : clone(input.status) };
    } else {
      next = owned ? input : clone(input);
      if ('status' in current && !('status' in input)) next.status = clone(current.status);
      // Immutable and server-owned metadata survives every update.
      const m = next.metadata;
      m.uid = current.metadata.uid;
      m.creationTimestamp = current.metadata.creationTimestamp;
      m.namespace = current.metadata.namespace;
      if (current.metadata.deletionTimestamp) {
        m.deletionTimestamp = current.metadata.deletionTimestamp;
        m.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
      } else {
        delete m.deletionTimestamp;
      }
      if (type.generation) {
        m.generation = current.metadata.generation ?? 1;
        if (!sameJson(current.spec, next.spec)) m.generation += 1;
      } else {
        delete m.generation;
      }
    }
    if (!opts.statusOnly && type.generation && current.status && next.status === undefined) next.status = clone(current.status);

    if (sameContent(current, next)) return clone(current);
    next.metadata.resourceVersion = String(++this.rv);
    next = opts.statusOnly ? compactStatusWrite(next) : compactCopy(next);
    if (next.metadata.deletionTimestamp && !holdsDeletion(resource, next)) {
      table.delete(key);
      this.emit({ type: 'DELETED', rv: this.rv, resource, object: next, old: current });
      return clone(next);
    }
    table.set(key, next);
    this.emit({ type: 'MODIFIED', rv: this.rv, resource, object: next, old: current });
    return clone(next);
  }

  /** Read-modify-write with retry on conflict, for controllers. Returns undefined when the object is gone. */
  mutate(resource: string, namespace: string | undefined, name: string, change: (o: KubeObject) => void | false, opts: UpdateOptions = {}): KubeObject | undefined {
    const current = this.get(resource, namespace, name);
    if (!current) return undefined;
    if (change(current) === false) return current;
    return this.replace(resource, current, opts, true);
  }

  /**
   * Delete an object. With finalizers (or a propagation policy that adds one, or a grace
   * period) it is only marked with deletionTimestamp; it goes when the last finalizer does.
   */
  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const type = this.type(resource);
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const table = this.table(resource);
    const current = table.get(key);
    if (!current) throw notFound(type.plural, type.group, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw conflict(type.plural, type.group, name);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(type.plural, type.group, name);
    }

    const finalizers = [...(current.metadata.finalizers ?? [])];
    if (!current.metadata.deletionTimestamp) {
      if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
      if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    }
    const graceful = opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds > 0;
    const specFinalizers = resource === 'namespaces' && holdsDeletion(resource, { ...current, metadata: { ...current.metadata, finalizers: [] } });
    if (finalizers.length > 0 || graceful || specFinalizers) {
      if (specFinalizers && current.metadata.deletionTimestamp && !graceful && finalizers.length === (current.metadata.finalizers?.length ?? 0)) return clone(current);
      if (current.metadata.deletionTimestamp && finalizers.length === (current.metadata.finalizers?.length ?? 0) && !graceful) {
        return clone(current);
      }
      const next = clone(current);
      next.metadata.finalizers = finalizers.length ? finalizers : undefined;
      if (!next.metadata.finalizers) delete next.metadata.finalizers;
      next.metadata.deletionTimestamp ??= rfc3339();
      if (graceful) next.metadata.deletionGracePeriodSeconds = opts.gracePeriodSeconds;
      if (type.generation) next.metadata.generation = (next.metadata.generation ?? 1) + 1;
      next.metadata.resourceVersion = String(++this.rv);
      const stored = compactCopy(next);
      table.set(key, stored);
      this.emit({ type: 'MODIFIED', rv: this.rv, resource, object: stored, old: current });
      return next;
    }
    table.delete(key);
    const gone = clone(current);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ type: 'DELETED', rv: this.rv, resource, object: gone, old: current });
    return clone(gone);
  }

  /**
   * Replay changes after `fromRv` for one resource, then follow live ones.
   * Throws 410 Expired when `fromRv` is older than the retained history.
   */
  watch(resource: string, fromRv: number, fn: StoreListener): () => void {
    if (fromRv < this.compactedThrough) {
      throw expired(`too old resource version: ${fromRv} (${this.compactedThrough})`);
    }
    for (const e of this.history) {
      if (e.rv > fromRv && e.resource === resource) fn(e);
    }
    return this.subscribe(fn, resource);
  }

  /**
   * Retained changes of one resource after `fromRv`, oldest first (lists at an older
   * resourceVersion are rebuilt from them). Throws 410 Expired when `fromRv` is compacted.
   */
  changesSince(resource: string, fromRv: number): StoreEvent[] {
    if (fromRv < this.compactedThrough) {
      throw expired(`too old resource version: ${fromRv} (${this.compactedThrough})`);
    }
    return this.history.filter((e) => e.rv > fromRv && e.resource === resource);
  }

  /** Live changes only (controllers). With `resource`, only that resource's. */
  subscribe(fn: StoreListener, resource?: string): () => void {
    const entry = { resource, fn };
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /**
   * Listeners that threw, oldest first (the latest KEPT_FAILURES). A write never fails
   * because a listener did, so each failure is only logged; tests assert this stays empty,
   * as an assertion inside a listener would otherwise never reach the test that made it.
   */
  get listenerFailures(): readonly ListenerFailure[] {
    return this.failures;
  }

  /** Forget all history, as etcd compaction does: every resuming watch gets 410 Gone. */
  compact(): void {
    this.history = [];
    this.compactedThrough = this.rv;
  }

  resourceOf(type: ResourceType): string {
    return resourceKey(type);
  }

  private table(resource: string): ResourceTable {
    let t = this.tables.get(resource);
    if (!t) {
      this.registry.get(resource);
      t = new ResourceTable();
      this.tables.set(resource, t);
    }
    return t;
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length > this.historyLimit) {
      const drop = this.history.length - Math.floor(this.historyLimit * 0.9);
      this.compactedThrough = this.history[drop - 1].rv;
      this.history = this.history.slice(drop);
    }
    for (const l of [...this.listeners]) {
      if (!l.resource || l.resource === e.resource) {
        try {
          l.fn(e);
        } catch (err) {
          // The change is committed and the other listeners still hear of it.
          console.error(`[sim] listener failed on ${e.type} ${e.resource}`, err);
          this.failures.push({ event: e, error: err });
          if (this.failures.length > KEPT_FAILURES) this.failures.shift();
        }
      }
    }
  }
}

/**
 * An object marked for deletion stays while finalizers remain: metadata.finalizers, and
 * for namespaces also spec.finalizers (the namespace controller empties them via /finalize).
 */
function holdsDeletion(resource: string, o: KubeObject): boolean {
  if (o.metadata.finalizers?.length) return true;
  return resource === 'namespaces' && Array.isArray(o.spec?.finalizers) && o.spec.finalizers.length > 0;
}

/** A status write shares spec with the version before it; only metadata and status are new. */
function compactStatusWrite(next: KubeObject): KubeObject {
  const out: KubeObject = { ...next, metadata: compactCopy(next.metadata) };
  if (next.status !== undefined) out.status = compactCopy(next.status);
  return out;
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return sameJson(strip(a), strip(b));
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix the API server appends to generateName. */
export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHANUMS[Math.floor(Math.random() * ALPHANUMS.length)];
  return s;
}
