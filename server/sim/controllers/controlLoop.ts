import type { KubeObject } from '../../kube/object.ts';
import type { StoreEvent } from '../api/store.ts';
import type { Controller, SimContext } from '../context.ts';
import { WorkQueue, type SyncFailure } from './workqueue.ts';

/** `namespace/name` (or `name` for cluster-scoped objects), the work-queue key of an object. */
export function keyOf(obj: Readonly<KubeObject>): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** The control loop behind a controller (factories return plain Controllers), for tests that wait on its queue. */
export function controlLoopOf(controller: Controller): ControlLoop {
  if (!(controller instanceof ControlLoop)) throw new Error(`${controller.name} has no work queue to wait on`);
  return controller;
}

/**
 * The shape every workload controller shares: informer-style subscriptions that only
 * queue keys, and a sync per key that reads the store and writes through it.
 */
export abstract class ControlLoop implements Controller {
  abstract readonly name: string;
  protected ctx!: SimContext;
  protected queue!: WorkQueue;
  private unsubscribes: (() => void)[] = [];

  start(ctx: SimContext): void {
    this.ctx = ctx;
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key));
    this.watch();
  }

  /** Syncs that threw (logged and retried); tests assert there were none. */
  get syncFailures(): readonly SyncFailure[] {
    return this.queue?.failures ?? [];
  }

  /** Resolves once every change queued so far has been synced (delayed retries aside). */
  idle(): Promise<void> {
    return this.queue?.idle() ?? Promise.resolve();
  }

  stop(): void {
    for (const u of this.unsubscribes) u();
    this.unsubscribes = [];
    this.queue?.stop();
  }

  /** Subscribe to a resource; the handler must only queue keys. */
  protected on(resource: string | undefined, fn: (e: StoreEvent) => void): void {
    this.unsubscribes.push(this.ctx.store.subscribe(fn, resource));
  }

  /** Queue every existing object of a resource, as an informer's initial list does. */
  protected queueAll(resource: string): void {
    for (const o of this.ctx.store.listRefs(resource)) this.queue.add(keyOf(o));
  }

  /** Queue the controller (by kind) of an object, e.g. the ReplicaSet of a changed pod. */
  protected queueController(obj: Readonly<KubeObject>, kind: string): void {
    const ref = obj.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind);
    if (ref) this.queue.add(obj.metadata.namespace ? `${obj.metadata.namespace}/${ref.name}` : ref.name);
  }

  protected abstract watch(): void;
  protected abstract sync(key: string): void;
}
