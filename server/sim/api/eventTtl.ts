/**
 * Events expire a while after their last write (kube-apiserver's `--event-ttl`, default one
 * hour): the API server stores each Event in etcd under a lease that every write renews, and
 * the expiry reaches watchers as an ordinary DELETED event. Without it a demo cluster left
 * running keeps every event it ever wrote.
 *
 * The store's resourceVersion only grows, so one (resourceVersion, time) checkpoint per sweep
 * says which events were last written before the cutoff: no bookkeeping per event. The TTL is
 * wall-clock time, like timestamps: `--speed` does not shorten it.
 */
import { ApiError } from '../../kube/status.ts';
import type { Store } from './store.ts';

export const DEFAULT_EVENT_TTL_MS = 60 * 60_000;

/** Start expiring events; returns the function that stops it. */
export function expireEvents(store: Store, ttlMs: number = DEFAULT_EVENT_TTL_MS): () => void {
  // Events live between ttl and ttl + one sweep.
  const sweepMs = Math.max(100, Math.round(ttlMs / 60));
  const checkpoints: { rv: number; at: number }[] = [{ rv: store.currentRv(), at: Date.now() }];

  const sweep = () => {
    const now = Date.now();
    checkpoints.push({ rv: store.currentRv(), at: now });
    // The newest checkpoint that is at least ttl old: everything written up to its rv has expired.
    while (checkpoints.length > 1 && checkpoints[1].at <= now - ttlMs) checkpoints.shift();
    if (checkpoints[0].at > now - ttlMs) return;
    const cutoff = checkpoints[0].rv;
    const expired = store.listRefs('events').filter((e) => Number(e.metadata.resourceVersion) <= cutoff);
    for (const e of expired) {
      try {
        store.delete('events', e.metadata.namespace, e.metadata.name!);
      } catch (err) {
        // Deleted meanwhile by a client: nothing left to expire.
        if (!(err instanceof ApiError) || err.code !== 404) throw err;
      }
    }
  };

  const timer = setInterval(sweep, sweepMs);
  timer.unref();
  return () => clearInterval(timer);
}
