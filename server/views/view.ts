import type { ClusterContext } from '../clusters/types.ts';
import type { KubeObject } from '../kube/object.ts';
import type { ApiResource } from './cache/apiResource.ts';
import type { ObjectCache } from './cache/objectCache.ts';
import type { Row } from './live/protocol.ts';

/** The caches a view reads, by resource id (`pods`, `deployments.apps`); each one is in `resources`. */
export interface ViewCaches {
  get(resourceId: string): ObjectCache;
}

/**
 * One live view: which informers it needs and how an object becomes a slim row.
 * Rows are keyed like the primary cache (`namespace/name`), one per primary object.
 * Adding a view is a file exporting one of these and a line in registry.ts.
 */
export interface ViewDefinition<R extends Row = Row> {
  /** The first is the primary resource (one row per object); the rest are joined in by `project`. */
  resources: readonly ApiResource[];
  /** The row for one primary object; `key` must be the object's cache key. */
  project(obj: KubeObject, caches: ViewCaches, params: Readonly<Record<string, string>>): R;
  /** Subscription parameters narrowing the rows (a label selector, say); all rows when absent. */
  matches?(obj: KubeObject, params: Readonly<Record<string, string>>): boolean;
  /**
   * Joined views: the primary row keys a change of a secondary object touches
   * (e.g. a pod change touches its deployment's row). Called with the object as it
   * was before a delete and after an add/modify.
   */
  affectedBy?(resourceId: string, obj: KubeObject, caches: ViewCaches): Iterable<string>;
  /**
   * Rows that change with time alone (a CronJob's missed schedule): the next instant after
   * `now` at which the object's row could differ though nothing changed; undefined if never.
   * The subscription projects the row again then.
   */
  recheckAt?(obj: KubeObject, now: Date): Date | undefined;
}

/**
 * A view whose resource the subscription names in its params (the generic Table list): made per
 * subscription once the cluster confirms the resource; a thrown KubeStatusError refuses it.
 */
export type ViewResolver = (cluster: ClusterContext, params: Readonly<Record<string, string>>) => Promise<ViewDefinition>;
