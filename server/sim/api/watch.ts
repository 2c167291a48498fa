import type { Socket } from 'node:net';
import { ApiError, badRequest } from '../../kube/status.ts';
import type { KubeObject } from '../../kube/object.ts';
import { objectFilter } from '../../kube/selectors.ts';
import type { StoreEvent } from './store.ts';
import type { Scope } from './scope.ts';
import { renderObject, representationOf } from './output.ts';
import { apiVersionOf } from './resources.ts';
import { sortKey } from './list.ts';
import { sendError } from './respond.ts';
import { queryBool, queryFlag } from '../../kube/queryBool.ts';

type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** Watch timeouts the real server picks when the client sets none: between 30 and 60 minutes. */
function defaultTimeoutMs(): number {
  return (1800 + Math.floor(Math.random() * 1800)) * 1000;
}

/**
 * A watch stream: one JSON event per line, flushed as it happens. Selectors are applied
 * per event with the previous object, like the watch cache: an object that stops
 * matching is DELETED for this watcher, one that starts matching is ADDED.
 */
export function serveWatch(scope: Scope): void {
  const { store } = scope.deps.ctx;
  const q = scope.query;
  const rep = representationOf(scope, true);
  const filter = objectFilter(q, scope.storeKey);
  const name = scope.name;
  const ns = scope.namespace;
  const inScope = (o: Readonly<KubeObject>) => (!ns || o.metadata.namespace === ns) && (!name || o.metadata.name === name);
  const matches = (o: Readonly<KubeObject> | undefined) => !!o && inScope(o) && filter.matches(o as KubeObject);

  const rvParam = q.get('resourceVersion') ?? '';
  const sendInitial = queryBool(q, 'sendInitialEvents');
  const bookmarks = queryFlag(q, 'allowWatchBookmarks');
  if (sendInitial === true && q.get('resourceVersionMatch') !== 'NotOlderThan') {
    throw new ApiError(422, 'Invalid', 'Invalid value: "": sendInitialEvents requires setting resourceVersionMatch to NotOlderThan', {
      causes: [{ reason: 'FieldValueRequired', field: 'resourceVersionMatch', message: 'Required value: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan' }],
    });
  }
  const timeoutParam = q.get('timeoutSeconds');
  if (timeoutParam !== null && !/^\d+$/.test(timeoutParam)) throw badRequest(`invalid value for timeoutSeconds: ${timeoutParam}`);
  const fromScratch = sendInitial === true || (sendInitial !== false && (rvParam === '' || rvParam === '0'));

  const res = scope.res;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  (res.socket as Socket | null)?.setNoDelay(true);
  res.flushHeaders();

  // As kube-apiserver's watchEmbeddedEncoder: a Table's columnDefinitions go out with the first
  // event only (whatever its type); every later event's Table says null (TableOptions.NoHeaders).
  let headersSent = false;
  const write = (type: WatchType, object: object) => {
    if (res.writableEnded) return;
    const out = headersSent && rep.as === 'Table' && 'columnDefinitions' in object ? { ...object, columnDefinitions: null } : object;
    headersSent = true;
    res.write(JSON.stringify({ type, object: out }) + '\n');
  };
  const send = (type: WatchType, o: Readonly<KubeObject>) => write(type, renderObject(scope, o, rep));
  const bookmark = (annotations?: Record<string, string>) => {
    const object: KubeObject = {
      kind: scope.type.kind,
      apiVersion: apiVersionOf(scope.type, scope.version),
      metadata: annotations ? { resourceVersion: String(store.currentRv()), annotations } : { resourceVersion: String(store.currentRv()) },
    };
    write('BOOKMARK', rep.as === 'Object' ? object : transformedBookmark(object));
  };
  // kube-apiserver transforms a bookmark like any event; when that fails it logs and sends the object as it is.
  const transformedBookmark = (object: KubeObject): object => {
    try {
      return renderObject(scope, object, rep);
    } catch (err) {
      console.error(`[sim] watch: bookmark of ${scope.type.plural} sent untransformed`, err);
      return object;
    }
  };

  const visible = new Set<string>();
  const onEvent = (e: StoreEvent) => {
    const now = matches(e.object);
    const key = sortKey(e.object as KubeObject);
    const before = e.type !== 'ADDED' && (filter.empty ? inScope(e.object) : e.old ? matches(e.old) : visible.has(key));
    if (e.type === 'DELETED') {
      if (before || now) send('DELETED', e.object);
      visible.delete(key);
    } else if (now) {
      send(before ? 'MODIFIED' : 'ADDED', e.object);
      visible.add(key);
    } else if (before) {
      send('DELETED', e.object);
      visible.delete(key);
    }
  };

  let unsubscribe = () => {};
  try {
    if (fromScratch) {
      for (const o of store.listRefs(scope.storeKey, ns)) {
        if (!matches(o)) continue;
        send('ADDED', o);
        visible.add(sortKey(o));
      }
      if (sendInitial === true) bookmark({ 'k8s.io/initial-events-end': 'true' });
      unsubscribe = store.subscribe(onEvent, scope.storeKey);
    } else {
      const from = Number(rvParam);
      if (!Number.isFinite(from)) throw badRequest(`invalid resource version: ${rvParam}`);
      unsubscribe = store.watch(scope.storeKey, Math.min(from, store.currentRv()), onEvent);
    }
  } catch (err) {
    if (err instanceof ApiError && err.code === 410) {
      write('ERROR', err.toStatus());
      res.end();
      return;
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    sendError(res, err);
    return;
  }

  const timers: NodeJS.Timeout[] = [];
  const finish = () => {
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    if (!res.writableEnded) res.end();
  };
  timers.push(setTimeout(finish, timeoutParam !== null && Number(timeoutParam) > 0 ? Number(timeoutParam) * 1000 : defaultTimeoutMs()));
  if (bookmarks) timers.push(setInterval(() => bookmark(), scope.deps.bookmarkIntervalMs));
  res.on('close', finish);
  scope.req.on('close', finish);
}
