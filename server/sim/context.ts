import type { KubeObject } from '../kube/object.ts';
import { rfc3339 } from '../kube/object.ts';
import type { Store } from './api/store.ts';
import type { KubeMinor } from './api/resources.ts';

/** The longest delay setTimeout honours. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Simulated durations (image pulls, probe delays, job run times, back-offs) are divided
 * by `speed`, so tests run the same story faster. Timestamps stay wall-clock time so
 * clients compute ages correctly.
 */
export class Clock {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly speed = 1) {}

  now(): Date {
    return new Date();
  }

  /** Real milliseconds for a simulated duration. */
  real(simMs: number): number {
    return Math.max(0, Math.round(simMs / this.speed));
  }

  after(simMs: number, fn: () => void): () => void {
    let t: NodeJS.Timeout;
    // setTimeout fires at once for a delay above 2^31-1 ms (about 24.8 days), which would end
    // `sleep infinity` (the usual keep-alive container command) immediately: wait in steps.
    const arm = (realMs: number) => {
      const step = Math.min(realMs, MAX_TIMEOUT_MS);
      t = setTimeout(() => {
        this.timers.delete(t);
        if (realMs > step) arm(realMs - step);
        else fn();
      }, step);
      t.unref();
      this.timers.add(t);
    };
    arm(this.real(simMs));
    return () => {
      clearTimeout(t);
      this.timers.delete(t);
    };
  }

  every(simMs: number, fn: () => void): () => void {
    const t = setInterval(fn, Math.max(1, this.real(simMs)));
    t.unref();
    this.timers.add(t);
    return () => {
      clearInterval(t);
      this.timers.delete(t);
    };
  }

  stopAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/**
 * Timers owned by one thing (a pod, a container) that may all be cancelled when it goes.
 * A fired timer forgets itself, so a long-lived owner keeps nothing for timers that ran.
 */
export class Timers {
  private readonly pending = new Set<() => void>();
  private stopped = false;

  constructor(private readonly clock: Clock) {}

  after(simMs: number, fn: () => void): void {
    if (this.stopped) return;
    const cancel = this.clock.after(simMs, () => {
      this.pending.delete(cancel);
      if (!this.stopped) fn();
    });
    this.pending.add(cancel);
  }

  /** Timers still to fire. */
  get size(): number {
    return this.pending.size;
  }

  /** Cancel every pending timer; later `after` calls do nothing. */
  stop(): void {
    this.stopped = true;
    for (const cancel of this.pending) cancel();
    this.pending.clear();
  }
}

export type EventType = 'Normal' | 'Warning';

/**
 * Writes core/v1 Events the way client-go's recorder does: one Event per object, reason
 * and message; a repeat bumps `count` and `lastTimestamp` instead of adding another.
 */
export class EventRecorder {
  constructor(private readonly store: Store) {
    // One lookup per recording instead of a scan of every event (tens of thousands at --scale).
    store.index('events', DEDUP_INDEX, (e) => dedupKey(e.metadata.namespace, (e.involvedObject as { uid?: string } | undefined)?.uid, e.reason, e.message, (e.source as { component?: string } | undefined)?.component));
  }

  record(involved: Readonly<KubeObject>, type: EventType, reason: string, message: string, component: string, host?: string): void {
    const ns = involved.metadata.namespace || 'default';
    const name = involved.metadata.name ?? '';
    const existing = this.store.byIndex('events', DEDUP_INDEX, dedupKey(ns, involved.metadata.uid, reason, message, component))[0];
    const now = rfc3339();
    if (existing) {
      this.store.mutate('events', ns, existing.metadata.name!, (e) => {
        e.count = ((e.count as number | undefined) ?? 1) + 1;
        e.lastTimestamp = now;
      });
      return;
    }
    this.store.create('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${name}.${eventSuffix()}`, namespace: ns },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name,
        namespace: involved.metadata.namespace,
        uid: involved.metadata.uid,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason,
      message,
      type,
      source: host ? { component, host } : { component },
      firstTimestamp: now,
      lastTimestamp: now,
      eventTime: null,
      count: 1,
      reportingComponent: component,
      reportingInstance: host ?? '',
    });
  }
}

const DEDUP_INDEX = 'event-recorder-dedup';

/** Events that aggregate into one: same namespace, involved object, reason, message and source. */
function dedupKey(namespace: unknown, uid: unknown, reason: unknown, message: unknown, component: unknown): string {
  return JSON.stringify([namespace, uid, reason, message, component]);
}

let eventSequence = 0n;

/**
 * client-go names events `<object>.<hex nanoseconds>`. A counter stands in for the
 * nanoseconds so names stay unique and in recording order within a millisecond.
 */
function eventSuffix(): string {
  eventSequence = (eventSequence + 1n) % 1_000_000n;
  return (BigInt(Date.now()) * 1_000_000n + eventSequence).toString(16);
}


export interface SimContext {
  store: Store;
  clock: Clock;
  events: EventRecorder;
  kubeMinor: KubeMinor;
}

/** A control loop of the demo cluster. It reacts to store changes and writes through the store. */
export interface Controller {
  readonly name: string;
  start(ctx: SimContext): void;
  stop(): void;
}
