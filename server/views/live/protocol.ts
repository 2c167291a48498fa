/**
 * The `/api/live` websocket protocol: one socket per browser tab, many subscriptions.
 * Server and SPA both import these types (the SPA type-only).
 */
import type { StatusBody } from '../../kube/status.ts';

/** Every row carries a stable key (usually `namespace/name`) that deltas refer to. */
export interface Row {
  key: string;
}

export interface SubscribeMessage {
  type: 'subscribe';
  /** Chosen by the client, unique within the socket. */
  id: string;
  /** A view name registered on the server, e.g. `namespaces`, `pods`. */
  view: string;
  context: string;
  /** Empty or absent: all namespaces. Ignored by cluster-scoped views. */
  namespaces?: string[];
  /** View-specific parameters (e.g. a label selector). */
  params?: Record<string, string>;
  /** Absent: the first snapshot comes whole. */
  firstScreen?: FirstScreen;
}

/** A row field and direction the client sorts by: numbers as numbers, text in natural order (`pod-2` before `pod-10`). */
export interface RowOrder {
  field: string;
  descending?: boolean;
}

/**
 * The rows a client shows first: the first snapshot of a bigger list comes in two messages, the
 * first `rows` rows in `order` (a `snapshot` with `more`), then the rest (a `rest` message), so
 * the first screen is built, sent and parsed without the other 10,000 rows.
 */
export interface FirstScreen {
  rows: number;
  order: RowOrder;
}

export interface UnsubscribeMessage {
  type: 'unsubscribe';
  id: string;
}

export interface PingMessage {
  type: 'ping';
  t: number;
}

export type ClientMessage = SubscribeMessage | UnsubscribeMessage | PingMessage;

export interface HelloMessage {
  type: 'hello';
  /** Server instance id: a change after a reconnect means another replica answered. */
  server: string;
}

/** A column of the API server's Table (meta.k8s.io/v1 TableColumnDefinition); priority 0 is kubectl's default set, the rest `-o wide`. */
export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** The full state of one subscription: sent first, and again after a relist (410) or resync. */
export interface SnapshotMessage<R extends Row = Row> {
  type: 'snapshot';
  id: string;
  rows: R[];
  /** Views of the API server's Table only: its columns, which the rows' cells follow. */
  columns?: TableColumn[];
  /**
   * The list has more rows than these (the first screen the subscribe asked for): the rest follow
   * in one `rest` message, before any delta. Until then the client does not know the total.
   */
  more?: true;
}

/** The rows of a snapshot sent with `more` that were not in it; deltas after this apply to the whole list. */
export interface RestMessage<R extends Row = Row> {
  type: 'rest';
  id: string;
  rows: R[];
}

/** Changes since the last message for this subscription, batched (at most one per ~100 ms). */
export interface DeltaMessage<R extends Row = Row> {
  type: 'delta';
  id: string;
  upserts: R[];
  removes: string[];
}

/**
 * A subscription failed (unknown view/context, forbidden, cluster unreachable). `id` absent: the socket itself.
 * Unknown view/context (404) and bad requests end the subscription. A failing cluster (503, or a 403
 * relayed from the API server) does not: the server keeps retrying with backoff, the last rows stay
 * valid but stale, and the next `snapshot` for the id means it recovered.
 */
export interface ErrorMessage {
  type: 'error';
  id?: string;
  status: StatusBody;
}

export interface PongMessage {
  type: 'pong';
  t: number;
}

export type ServerMessage = HelloMessage | SnapshotMessage | RestMessage | DeltaMessage | ErrorMessage | PongMessage;
