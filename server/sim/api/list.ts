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
 */
export function objectsAt(store: Store, resource: string, namespace: string | undefined, rv: number): KubeObject[] {
  if (rv >= store.currentRv()) return [...store.listRefs(resource, namespace)];
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
  return [...byKey.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

export interface ListResult {
  items: readonly KubeObject[];
  meta: ListMeta;
}

/** limit/continue/resourceVersion/selectors semantics of a list, over stored objects. */
export function listObjects(scope: Scope, filter: ObjectFilter = objectFilter(scope.query, scope.storeKey)): ListResult {
  const { store } = scope.deps.ctx;
  const q = scope.query;
  const limit = Math.max(0, Number.parseInt(q.get('limit') ?? '0', 10) || 0);
  const rvParam = q.get('resourceVersion') ?? '';
  const match = q.get('resourceVersionMatch') ?? '';
  const continueParam = q.get('continue') ?? '';
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
  let i = 0;
  if (start) while (i < all.length && sortKey(all[i]) <= start) i++;
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
