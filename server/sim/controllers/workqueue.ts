import { performance } from 'node:perf_hooks';
import type { Clock } from '../context.ts';

/**
 * One drain runs at most this long before yielding to the event loop, so a burst of
 * thousands of keys (10,000 pods at --scale) never keeps the API server from answering.
 */
const SLICE_MS = 10;

/** Sync failures kept for inspection; older ones are only in the log. */
const KEPT_FAILURES = 50;

/** A sync that threw; the key was queued again after a back-off. */
export interface SyncFailure {
  key: string;
  error: unknown;
}

/**
 * A keyed work queue like client-go's: a key queued several times before it is processed
 * runs once; a key being processed that is queued again runs once more afterwards (never
 * two runs of one key at a time); processing always happens on a later turn of the event
 * loop (setImmediate), never inside the store listener that queued it.
 */
export class WorkQueue {
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  /** Keys queued while being processed: run again when the current run ends. */
  private readonly again = new Set<string>();
  private readonly delayed = new Map<string, { at: number; cancel: () => void }>();
  private scheduled: NodeJS.Immediate | undefined;
  private stopped = false;
  private readonly recentFailures: SyncFailure[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly handler: (key: string) => void,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.processing.has(key)) {
      this.again.add(key);
      return;
    }
    this.dirty.add(key);
    this.schedule();
  }

  /**
   * Queue `key` after a simulated delay. An earlier pending delay for the same key wins
   * (like client-go's AddAfter, the soonest deadline is kept).
   */
  addAfter(key: string, simMs: number): void {
    if (this.stopped) return;
    if (simMs <= 0) {
      this.add(key);
      return;
    }
    const at = Date.now() + this.clock.real(simMs);
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    pending?.cancel();
    const cancel = this.clock.after(simMs, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { at, cancel });
  }

  /** Keys waiting (queued, not yet processed); for tests and diagnostics. */
  get length(): number {
    return this.dirty.size;
  }

  /**
   * Syncs that threw, oldest first (the latest KEPT_FAILURES). The queue logs each and
   * retries the key, so the demo cluster carries on; tests assert this stays empty, as
   * an error in a sync would otherwise never reach the test that caused it.
   */
  get failures(): readonly SyncFailure[] {
    return this.recentFailures;
  }

  /**
   * Resolves once no key is queued or being processed, i.e. every change seen so far has
   * been synced. Keys waiting on a delay (addAfter) do not count, as in client-go's Len.
   */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    for (const d of this.delayed.values()) d.cancel();
    this.delayed.clear();
    this.dirty.clear();
    this.again.clear();
    this.wakeIdleWaiters();
  }

  private isIdle(): boolean {
    return this.stopped || (this.dirty.size === 0 && this.processing.size === 0);
  }

  private wakeIdleWaiters(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.drain();
    });
  }

  private drain(): void {
    // Keys queued during this drain wait for a later turn, as before slicing.
    const keys = [...this.dirty];
    const deadline = performance.now() + SLICE_MS;
    for (let i = 0; i < keys.length; i++) {
      if (this.stopped) return;
      if (i > 0 && performance.now() > deadline) {
        // The rest stays in `dirty`, in order, for the next slice.
        this.schedule();
        return;
      }
      const key = keys[i];
      this.dirty.delete(key);
      this.processing.add(key);
      try {
        this.handler(key);
      } catch (err) {
        // A failing sync is retried later, as client-go's rate-limited requeue does.
        console.error(`[sim] sync ${key} failed`, err);
        this.recentFailures.push({ key, error: err });
        if (this.recentFailures.length > KEPT_FAILURES) this.recentFailures.shift();
        this.addAfter(key, 1000);
      } finally {
        this.processing.delete(key);
      }
      if (this.again.delete(key)) {
        this.dirty.add(key);
        this.schedule();
      }
    }
    this.wakeIdleWaiters();
  }
}
