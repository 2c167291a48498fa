import { cacheKeyOf, type ClusterContext } from '../../clusters/types.ts';
import type { Logger } from '../../log.ts';
import { resourceId, type ApiResource } from './apiResource.ts';
import { defaultTiming, Informer, type InformerTiming } from './informer.ts';

export interface InformerLease {
  informer: Informer;
  release(): void;
}

interface Entry {
  informer: Informer;
  refs: number;
  idleTimer: NodeJS.Timeout | undefined;
}

/**
 * Informers shared by every subscription of every socket, one per (context, resource).
 * All users of this BFF reach a context with the BFF's own credentials for it, so one
 * context is one identity and sharing its cache across tabs and users leaks nothing a
 * user could not list anyway. An informer starts with its first lease and stops a grace
 * period after its last one is released (a page reload or a view switch keeps it warm).
 */
export class InformerPool {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly log: Logger,
    private readonly graceMs: number,
    private readonly timing: InformerTiming = defaultTiming,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  acquire(cluster: ClusterContext, resource: ApiResource): InformerLease {
    const id = `${cacheKeyOf(cluster)}\u0000${resourceId(resource)}\u0000${resource.as ?? ''}\u0000${resource.namespace ?? ''}`;
    let entry = this.entries.get(id);
    if (!entry) {
      const informer = new Informer(cluster, resource, this.log, this.timing);
      entry = { informer, refs: 0, idleTimer: undefined };
      this.entries.set(id, entry);
      informer.start();
    }
    clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    entry.refs++;
    const held = entry;
    let released = false;
    return {
      informer: held.informer,
      release: () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs > 0) return;
        held.idleTimer = setTimeout(() => {
          if (held.refs > 0 || this.entries.get(id) !== held) return;
          this.entries.delete(id);
          held.informer.stop();
        }, this.graceMs);
      },
    };
  }

  /** Stop every informer now (shutdown). */
  close(): void {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.idleTimer);
      entry.informer.stop();
    }
    this.entries.clear();
  }
}
