/**
 * Several namespace-scoped informers of one resource read as one: what a subscription gets
 * for a user whose Role lets them list pods in team-a and team-b but not across the cluster.
 * The parts' objects never collide (keys are namespace/name), so the merged cache is their
 * union, kept by reference; it is synced when every part is.
 */
import type { StatusBody } from '../../kube/status.ts';
import type { ApiResource } from './apiResource.ts';
import type { Informer, InformerEvent } from './informer.ts';
import { ObjectCache } from './objectCache.ts';

type Part = Pick<Informer, 'cache' | 'synced' | 'lastError' | 'on'> & Partial<Pick<Informer, 'format'>>;

export class MergedInformer {
  readonly cache = new ObjectCache();
  private readonly listeners = new Set<(e: InformerEvent) => void>();
  private readonly unlisten: (() => void)[] = [];

  constructor(
    /** The resource without a namespace: the subscription knows caches by resource id. */
    readonly resource: ApiResource,
    private readonly parts: readonly Part[],
  ) {
    this.refill();
    for (const part of parts) this.unlisten.push(part.on((e) => this.onPart(e)));
  }

  get synced(): boolean {
    return this.parts.every((p) => p.synced);
  }

  get lastError(): StatusBody | undefined {
    return this.parts.find((p) => p.lastError)?.lastError;
  }

  get format(): Informer['format'] | undefined {
    return this.parts[0]?.format;
  }

  on(fn: (e: InformerEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Stop listening to the parts (their leases are released by whoever acquired them). */
  dispose(): void {
    for (const off of this.unlisten) off();
    this.listeners.clear();
  }

  private refill(): void {
    this.cache.replace(this.parts.flatMap((p) => [...p.cache.values()]));
  }

  private onPart(e: InformerEvent): void {
    if (e.type === 'change') {
      if (e.deleted) this.cache.remove(e.object);
      else this.cache.upsert(e.object);
    } else if (e.type === 'synced') {
      // One part relisted: the union is rebuilt, and the subscription hears `synced` once all are.
      this.refill();
      if (!this.synced) return;
    }
    for (const fn of [...this.listeners]) fn(e);
  }
}
