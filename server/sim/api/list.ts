import { badRequest, expired } from '../../kube/status.ts';
import type { KubeObject } from '../../kube/object.ts';
import { checkContinue, decodeContinue, encodeContinue } from './continueTokens.ts';
import { objectFilter, type ObjectFilter } from '../../kube/selectors.ts';
import type { Store } from './store.ts';
import type { Scope } from './scope.ts';
import { renderList, representationOf, type ListMeta } from './output.ts';
import { sendJson } from './respond.ts';

/** Sort key matching the store's order (namespace, then name). */
export function sortKey(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}\u0000${o.metadata.name ?? ''}`;
}

/**
 * The objects of a resource as they were at `rv`: the current table with the retained
 * changes after `rv` undone. 410 Expired when `rv` is compacted away.
 *
 * A paged list asks for the same past `rv` once per page while the store moves on (an informer
 * listing 10,000 pods in pages of 500 under churn asked 20 times): the state at a past `rv` never
 * changes, so the last one computed is kept per store and answered again. Sorted by the keys
 * already computed for the map, not recomputed on every comparison.
 */
export function objectsAt(store: Store, resource: string, namespace: string | undefined, rv: number): readonly KubeObject[] {
  if (rv >= store.currentRv()) return store.listRefs(resource, namespace);
  const id = `${resource}\u0000${namespace ?? ''}\u0000${rv}`;
  const cached = lastSnapshot.get(store);
  if (cached?.id === id) return cached.items;
  const changes = store.changesSince(resource, rv);
  const byKey = new Map<string, KubeObject>();
  for (const o of store.listRefs(resource, namespace)) byKey.set(sortKey(o), o);
  for (let i = changes.length - 1; i >= 0; i--) {
    const e = changes[i];
    if (namespace && e.object.metadata.namespace !== namespace) continue;
    const key = sortKey(e.object as KubeObject);
    if (e.type === 'ADDED') byKey.delete(key);
    else if (e.old) byKey.set(key, e.old as KubeObject);
  }
  const items = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
  lastSnapshot.set(store, { id, items });
  return items;
}

const lastSnapshot = new WeakMap<Store, { id: string; items: readonly KubeObject[] }>();

/** The index of the first object after `start` in a list sorted by sortKey. */
function firstAfter(all: readonly KubeObject[], start: string): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortKey(all[mid]) <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ListResult {
  items: readonly KubeObject[];
  meta: ListMeta;
}

/** limit/continue/resourceVersion/selectors semantics of a list, over stored objects. */
export function listObjects(scope: Scope, filter: ObjectFilter = objectFilter(scope.query, scope.storeKey)): ListResult {
  const { store } = scope.deps.ctx;
  const q = scope.query;
  const rvParam = q.get('resourceVersion') ?? '';
  const match = q.get('resourceVersionMatch') ?? '';
  const continueParam = q.get('continue') ?? '';
  // resourceVersion=0 is answered from the watch cache, which has no pages: the whole list in
  // one answer whatever the limit (client-go's reflectors list so).
  const fromCache = rvParam === '0' && !continueParam && match !== 'Exact';
  const limit = fromCache ? 0 : Math.max(0, Number.parseInt(q.get('limit') ?? '0', 10) || 0);
  const now = Date.now();

  let rv = store.currentRv();
  let start = '';
  if (continueParam) {
    if (rvParam && rvParam !== '0') throw badRequest('specifying resource version is not allowed when using continue');
    const token = decodeContinue(continueParam);
    checkContinue(token, store.oldestWatchableRv(), now, scope.deps.continueTtlMs);
    if (token.rv > 0) rv = token.rv;
    start = token.start;
  } else if (rvParam && match === 'Exact') {
    const wanted = Number(rvParam);
    if (!Number.isFinite(wanted)) throw badRequest(`invalid resource version: ${rvParam}`);
    if (wanted < store.oldestWatchableRv()) throw expired(`too old resource version: ${wanted} (${store.oldestWatchableRv()})`);
    rv = Math.min(wanted, rv);
  } else if (match && !rvParam) {
    throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  }

  const all = rv === store.currentRv() ? store.listRefs(scope.storeKey, scope.namespace) : objectsAt(store, scope.storeKey, scope.namespace, rv);
  const items: KubeObject[] = [];
  let i = start ? firstAfter(all, start) : 0;
  for (; i < all.length; i++) {
    const o = all[i];
    if (!filter.matches(o)) continue;
    if (limit && items.length === limit) break;
    items.push(o);
  }
  const meta: ListMeta = { resourceVersion: String(rv) };
  if (limit && i < all.length) {
    // More may follow; the real server also hands out a token when the rest turns out not to match.
    const last = items[items.length - 1];
    meta.continue = encodeContinue({ rv, start: last ? sortKey(last) : start, issuedAt: continueParam ? decodeContinue(continueParam).issuedAt : now });
    if (filter.empty) meta.remainingItemCount = all.length - i;
  }
  return { items, meta };
}

export function serveList(scope: Scope): void {
  const rep = representationOf(scope, true);
  const { items, meta } = listObjects(scope);
  sendJson(scope.res, 200, renderList(scope, items, meta, rep));
}
