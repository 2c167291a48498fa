import type { StatusBody } from '../../kube/status.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { Logger } from '../../log.ts';
import { kubeJson, streamLines, type OpenStream } from '../../clusters/kubeRequest.ts';
import { failureStatus, KubeStatusError } from '../../clusters/kubeStatus.ts';
import type { ClusterContext } from '../../clusters/types.ts';
import { collectionPath, resourceId, type ApiResource } from './apiResource.ts';
import { formatFor, type InformerFormat } from './informerFormat.ts';
import { keyOf, ObjectCache } from './objectCache.ts';

export type InformerEvent =
  /** One object was added, modified or deleted; the cache already reflects it. */
  | { type: 'change'; key: string; object: KubeObject; deleted: boolean }
  /** The cache was (re)filled from a full list: everything may have changed. */
  | { type: 'synced' }
  /** A list or watch could not be made; the informer retries with backoff and says `synced` when it is back. */
  | { type: 'error'; status: StatusBody };

export interface InformerTiming {
  /** Server-side watch timeout for each watch request; client-go picks 5-10 minutes at random. */
  watchTimeoutSeconds(): number;
  /** Retry delay after the n-th consecutive failure (n starts at 1). */
  backoffMs(failures: number): number;
  /** Items per list page. */
  pageSize: number;
}

export const defaultTiming: InformerTiming = {
  watchTimeoutSeconds: () => 300 + Math.floor(Math.random() * 300),
  backoffMs: (n) => Math.min(30_000, 500 * 2 ** (n - 1)) * (0.75 + Math.random() * 0.5),
  pageSize: 500,
};

/** A list page's metadata: the same for an object list and a Table. */
interface ListResponse {
  metadata?: { resourceVersion?: string; continue?: string };
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: { metadata?: { resourceVersion?: string } } & Partial<StatusBody>;
}

/**
 * List + watch of one resource in one cluster, like client-go's reflector: list (paged),
 * watch from the list's resourceVersion with bookmarks, resume from the last seen
 * resourceVersion when a watch ends, relist on 410 Gone, back off on errors.
 */
export class Informer {
  readonly cache = new ObjectCache();
  /** The cache holds a complete list (possibly stale while `lastError` is set). */
  synced = false;
  /** Set while lists or watches fail; cleared by the next successful list. */
  lastError: StatusBody | undefined;

  private rv = '';
  private failures = 0;
  private stopped = false;
  private stream: OpenStream | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(e: InformerEvent) => void>();
  private readonly path: string;
  /** Whole objects, or Table rows when `resource.as` asks for them. */
  readonly format: InformerFormat;

  constructor(
    private readonly cluster: ClusterContext,
    readonly resource: ApiResource,
    private readonly log: Logger,
    private readonly timing: InformerTiming = defaultTiming,
  ) {
    this.path = collectionPath(resource);
    this.format = formatFor(resource);
  }

  start(): void {
    void this.relist();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.stream?.abort();
    this.stream = undefined;
    this.listeners.clear();
  }

  on(fn: (e: InformerEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(e: InformerEvent): void {
    for (const fn of [...this.listeners]) fn(e);
  }

  private fields(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { context: this.cluster.name, resource: resourceId(this.resource), ...extra };
  }

  private async list(): Promise<{ items: KubeObject[]; rv: string }> {
    const items: KubeObject[] = [];
    let cont = '';
    let rv = '';
    // The first list asks for resourceVersion=0, as client-go's reflector does: the API server
    // answers it from its watch cache, all at once, without reading etcd. A relist (after 410
    // Gone) asks for the latest state, in pages.
    const fromCache = !this.synced;
    do {
      const query: Record<string, string> = { ...this.format.query, limit: String(this.timing.pageSize) };
      if (cont) query.continue = cont;
      else if (fromCache) query.resourceVersion = '0';
      const page = await kubeJson<ListResponse>(this.cluster, this.path, { query, accept: this.format.accept });
      for (const item of this.format.items(page)) items.push(item);
      rv = page.metadata?.resourceVersion ?? rv;
      cont = page.metadata?.continue ?? '';
    } while (cont && !this.stopped);
    return { items, rv };
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    try {
      const { items, rv } = await this.list();
      if (this.stopped) return;
      this.cache.replace(items);
      this.rv = rv;
      this.synced = true;
      this.lastError = undefined;
      this.failures = 0;
      this.emit({ type: 'synced' });
      void this.watch();
    } catch (err) {
      if (this.stopped) return;
      const status = statusOf(err);
      // An expired continue token: the paged list just starts over.
      if (status.code === 410) this.retry(() => this.relist());
      else this.fail('list', status);
    }
  }

  private async watch(): Promise<void> {
    const timeoutSeconds = this.timing.watchTimeoutSeconds();
    const startedAt = Date.now();
    let events = 0;
    try {
      const stream = await streamLines(
        this.cluster,
        this.path,
        { ...this.format.query, watch: 'true', resourceVersion: this.rv, allowWatchBookmarks: 'true', timeoutSeconds: String(timeoutSeconds) },
        {
          line: (text) => {
            events++;
            this.onWatchLine(text);
          },
          end: (err) => {
            this.stream = undefined;
            if (this.stopped) return;
            // A watch that ends at once with nothing in it would spin: back off instead.
            const quick = Date.now() - startedAt < 1000 && events === 0;
            if (err || quick) {
              if (err) this.log.warn('watch broke, resuming', this.fields({ rv: this.rv, error: err.message }));
              this.retry(() => this.watch());
            } else {
              if (events > 0) this.failures = 0;
              this.log.debug('watch ended, resuming', this.fields({ rv: this.rv }));
              void this.watch();
            }
          },
        },
        (timeoutSeconds + 60) * 1000,
        this.format.accept,
      );
      if (this.stopped) stream.abort();
      else this.stream = stream;
    } catch (err) {
      if (this.stopped) return;
      const status = statusOf(err);
      if (status.code === 410) {
        this.log.info('watch expired, relisting', this.fields({ rv: this.rv }));
        void this.relist();
      } else {
        this.fail('watch', status);
      }
    }
  }

  private onWatchLine(text: string): void {
    let event: WatchEvent;
    try {
      event = JSON.parse(text) as WatchEvent;
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      return; // A torn line cannot be applied; the next relist or event brings the truth.
    }
    if (!event.object) return;
    const obj = event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED' ? this.format.object(event.object) : undefined;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        if (!obj) return;
        this.rv = obj.metadata.resourceVersion ?? this.rv;
        if (this.cache.upsert(obj)) this.emit({ type: 'change', key: keyOf(obj), object: obj, deleted: false });
        break;
      case 'DELETED':
        if (!obj) return;
        this.rv = obj.metadata.resourceVersion ?? this.rv;
        if (this.cache.remove(obj)) this.emit({ type: 'change', key: keyOf(obj), object: obj, deleted: true });
        break;
      case 'BOOKMARK':
        // An object's metadata, or a Table's list metadata: both carry the resourceVersion.
        this.rv = event.object.metadata?.resourceVersion ?? this.rv;
        break;
      case 'ERROR': {
        this.stream?.abort();
        this.stream = undefined;
        const status = statusOf(new KubeStatusError(event.object as StatusBody));
        if (status.code === 410) {
          this.log.info('watch expired, relisting', this.fields({ rv: this.rv, message: status.message }));
          void this.relist();
        } else {
          this.log.warn('watch error event', this.fields({ code: status.code, message: status.message }));
          this.retry(() => this.watch());
        }
        break;
      }
    }
  }

  /** A list or watch could not be made: tell subscribers, then relist after a backoff. */
  private fail(what: 'list' | 'watch', status: StatusBody): void {
    const repeated = this.lastError?.message === status.message;
    this.lastError = status;
    this.log.warn(`informer ${what} failed`, this.fields({ code: status.code, message: status.message, failures: this.failures + 1 }));
    // Subscribers hear about a failure once, not on every retry while the cluster stays down.
    if (!repeated) this.emit({ type: 'error', status });
    this.retry(() => this.relist());
  }

  private retry(fn: () => Promise<void>): void {
    this.failures++;
    const delay = this.timing.backoffMs(this.failures);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) void fn();
    }, delay);
  }
}

function statusOf(err: unknown): StatusBody {
  if (err instanceof KubeStatusError) {
    const s = err.status;
    return typeof s.code === 'number' ? s : { ...s, code: 500 };
  }
  return failureStatus(500, 'InternalError', err instanceof Error ? err.message : String(err));
}
