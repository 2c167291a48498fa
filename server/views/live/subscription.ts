import type { KubeObject } from '../../kube/object.ts';
import type { Logger } from '../../log.ts';
import { resourceId } from '../cache/apiResource.ts';
import type { Informer, InformerEvent } from '../cache/informer.ts';
import type { ObjectCache } from '../cache/objectCache.ts';
import type { ViewCaches, ViewDefinition } from '../view.ts';
import { splitFirstScreen } from './firstScreen.ts';
import type { FirstScreen, Row, ServerMessage } from './protocol.ts';

/** Where a subscription's messages go: the socket, seen through what batching needs. */
export interface SubscriptionSink {
  send(msg: ServerMessage): void;
  /** True while the socket has a backlog: deltas wait and coalesce instead of queueing. */
  congested(): boolean;
}

/** A joined (not primary) resource the user may not list: its rows are joined with nothing. */
const forbidden = (inf: InformerSource) => inf.lastError?.code === 403;

/** What a subscription reads of an informer (tests feed it by hand). */
export type InformerSource = Pick<Informer, 'resource' | 'cache' | 'synced' | 'lastError' | 'on'> & Partial<Pick<Informer, 'format'>>;

export interface SubscriptionSpec {
  id: string;
  view: ViewDefinition;
  /** Empty: all namespaces. Ignored by cluster-scoped views. */
  namespaces: readonly string[];
  params: Readonly<Record<string, string>>;
  /** One informer per `view.resources`, same order. */
  informers: readonly InformerSource[];
  /** The first snapshot's first screen, sent ahead of the rest. */
  firstScreen?: FirstScreen;
}

/**
 * One view subscription of one socket. State is only the keys already sent and the keys
 * changed since the last flush: a change marks a key dirty, a flush (at most every
 * `flushMs`) projects the current object of each dirty key. A burst of changes to the
 * same pod is one upsert, a burst of 1,000 pods one delta message, and nothing is copied
 * per event. A congested socket just keeps accumulating dirty keys (bounded by the cache).
 * Rows that change with time alone (ViewDefinition.recheckAt) are marked dirty when their
 * instant comes, by one timer set for the earliest of them.
 *
 * The first snapshot of a list bigger than the client's first screen goes in two messages: the
 * first screen, then (on the next turn of the event loop, so the first is on the wire while the
 * rest is serialised) the other rows, all projected at the same instant. Changes in between are
 * dirty keys like any other, flushed after the rest: nothing is lost, nothing comes twice.
 */
export class Subscription {
  private readonly sent = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly primary: ObjectCache;
  private readonly caches: ViewCaches;
  private readonly namespaceFilter: ReadonlySet<string> | undefined;
  private readonly unlisten: (() => void)[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  /** Per row key, the instant (ms) its row could change with time alone. */
  private readonly recheck = new Map<string, number>();
  private recheckTimer: NodeJS.Timeout | undefined;
  private recheckArmedFor: number | undefined;
  private snapshotSent = false;
  /** The rows of the first snapshot not yet sent (a `rest` message is due). */
  private rest: Row[] | undefined;
  private restTimer: NodeJS.Immediate | undefined;
  private disposed = false;

  constructor(
    private readonly spec: SubscriptionSpec,
    private readonly sink: SubscriptionSink,
    private readonly flushMs: number,
    private readonly log: Logger,
  ) {
    const byId = new Map(spec.informers.map((inf) => [resourceId(inf.resource), inf.cache]));
    this.caches = {
      get(id) {
        const cache = byId.get(id);
        if (!cache) throw new Error(`view reads ${id} without declaring it in resources`);
        return cache;
      },
    };
    this.primary = spec.informers[0].cache;
    const namespaced = spec.view.resources[0].namespaced;
    this.namespaceFilter = namespaced && spec.namespaces.length > 0 ? new Set(spec.namespaces) : undefined;
  }

  get id(): string {
    return this.spec.id;
  }

  start(): void {
    this.spec.informers.forEach((informer, index) => {
      this.unlisten.push(informer.on((e) => this.onEvent(index, e)));
    });
    const failing = this.spec.informers.find((inf, index) => inf.lastError && !(index > 0 && forbidden(inf)));
    if (this.allSynced()) this.sendSnapshot();
    if (failing?.lastError) this.sink.send({ type: 'error', id: this.id, status: failing.lastError });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.recheckTimer);
    clearImmediate(this.restTimer);
    this.rest = undefined;
    for (const off of this.unlisten) off();
    this.sent.clear();
    this.dirty.clear();
    this.recheck.clear();
  }

  private allSynced(): boolean {
    return this.spec.informers.every((inf, index) => inf.synced || (index > 0 && forbidden(inf)));
  }

  private onEvent(index: number, e: InformerEvent): void {
    if (this.disposed) return;
    if (e.type === 'synced') {
      if (this.allSynced()) this.sendSnapshot();
      return;
    }
    if (e.type === 'error') {
      // A joined resource the user may not list (a namespaced user and the cluster's volumes)
      // leaves its part of the rows empty; the rows themselves still come.
      if (index > 0 && e.status.code === 403) {
        if (!this.snapshotSent && this.allSynced()) this.sendSnapshot();
        return;
      }
      this.sink.send({ type: 'error', id: this.id, status: e.status });
      return;
    }
    if (!this.snapshotSent) return; // the snapshot will carry it
    if (index === 0) {
      if (this.inScope(e.object) || this.sent.has(e.key)) this.markDirty(e.key);
      return;
    }
    const resource = resourceId(this.spec.view.resources[index]);
    for (const key of this.spec.view.affectedBy?.(resource, e.object, this.caches) ?? []) this.markDirty(key);
  }

  private inScope(obj: KubeObject): boolean {
    return !this.namespaceFilter || this.namespaceFilter.has(obj.metadata.namespace ?? '');
  }

  private wanted(obj: KubeObject): boolean {
    return this.inScope(obj) && (this.spec.view.matches?.(obj, this.spec.params) ?? true);
  }

  private project(obj: KubeObject): Row | undefined {
    try {
      const row = this.spec.view.project(obj, this.caches, this.spec.params);
      this.noteRecheck(row.key, obj);
      return row;
    } catch (err) {
      // One odd object must not take the whole list down; it is left out and logged.
      this.log.warn('view projection failed', { subscription: this.id, key: obj.metadata.name, err });
      return undefined;
    }
  }

  private sendSnapshot(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.dirty.clear();
    this.sent.clear();
    this.recheck.clear();
    // A relist's snapshot replaces everything, a rest still due included.
    clearImmediate(this.restTimer);
    this.rest = undefined;
    const first = !this.snapshotSent;
    const rows: Row[] = [];
    for (const obj of this.primary.inNamespaces(this.namespaceFilter ? [...this.namespaceFilter] : [])) {
      if (!this.wanted(obj)) continue;
      const row = this.project(obj);
      if (!row) continue;
      rows.push(row);
      this.sent.add(row.key);
    }
    this.snapshotSent = true;
    this.armRecheck();
    // A Table view's columns travel once per snapshot; deltas are cells in the same order.
    const columns = this.spec.informers[0].format?.columns;
    const screen = this.spec.firstScreen;
    // Only the first snapshot: a relist's comes whole, so a list on screen never goes back to loading.
    if (first && screen && rows.length > screen.rows) {
      const split = splitFirstScreen(rows, screen.rows, screen.order);
      this.rest = split.rest;
      this.restTimer = setImmediate(() => this.sendRest());
      this.sink.send({ type: 'snapshot', id: this.id, rows: split.first, ...(columns ? { columns: [...columns] } : {}), more: true });
      return;
    }
    this.sink.send(columns ? { type: 'snapshot', id: this.id, rows, columns: [...columns] } : { type: 'snapshot', id: this.id, rows });
  }

  private sendRest(): void {
    clearImmediate(this.restTimer);
    this.restTimer = undefined;
    const rows = this.rest;
    this.rest = undefined;
    if (rows && !this.disposed) this.sink.send({ type: 'rest', id: this.id, rows });
  }

  private markDirty(key: string): void {
    this.dirty.add(key);
    this.flushTimer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  private flush(): void {
    this.flushTimer = undefined;
    // Deltas are about the whole list: the rest goes first.
    this.sendRest();
    if (this.disposed || this.dirty.size === 0) return;
    if (this.sink.congested()) {
      this.flushTimer = setTimeout(() => this.flush(), this.flushMs);
      return;
    }
    const upserts: Row[] = [];
    const removes: string[] = [];
    for (const key of this.dirty) {
      const obj = this.primary.get(key);
      const row = obj && this.wanted(obj) ? this.project(obj) : undefined;
      if (row) {
        upserts.push(row);
        this.sent.add(key);
      } else {
        this.recheck.delete(key);
        if (this.sent.delete(key)) removes.push(key);
      }
    }
    this.dirty.clear();
    this.armRecheck();
    if (upserts.length || removes.length) this.sink.send({ type: 'delta', id: this.id, upserts, removes });
  }

  private noteRecheck(key: string, obj: KubeObject): void {
    const at = this.spec.view.recheckAt?.(obj, new Date())?.getTime();
    if (at === undefined) this.recheck.delete(key);
    else this.recheck.set(key, at);
  }

  /** One timer, for the earliest instant a shown row changes with time alone. */
  private armRecheck(): void {
    let earliest: number | undefined;
    for (const at of this.recheck.values()) if (earliest === undefined || at < earliest) earliest = at;
    if (earliest === this.recheckArmedFor) return;
    clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
    this.recheckArmedFor = earliest;
    if (earliest === undefined || this.disposed) return;
    // setTimeout takes at most 2^31 - 1 ms (about 24 days); a later instant re-arms on the way.
    this.recheckTimer = setTimeout(() => this.recheckDue(), Math.min(Math.max(0, earliest - Date.now()), 2 ** 31 - 1));
    this.recheckTimer.unref?.();
  }

  private recheckDue(): void {
    this.recheckTimer = undefined;
    this.recheckArmedFor = undefined;
    if (this.disposed) return;
    const now = Date.now();
    for (const [key, at] of this.recheck) {
      if (at > now) continue;
      this.recheck.delete(key);
      this.markDirty(key);
    }
    this.armRecheck();
  }
}
