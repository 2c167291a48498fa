/**
 * The state of one live list subscription and the pure reducer that applies the server's
 * messages to it. Rows live in a Map keyed by `row.key`: a delta costs O(changes + copy),
 * and deriving the sorted array is left to the view, once per batch.
 */
import type { DeltaMessage, RestMessage, Row, SnapshotMessage, TableColumn } from '../../../server/views/live/protocol.ts';
import type { StatusBody } from './apiError.ts';

/**
 * loading: subscribed, no snapshot yet, or only its first screen (rows are the first ones in
 * the table's order, the total is not known). live: rows are current. stale: the socket dropped,
 * rows are the last known ones until the fresh snapshot after reconnecting. error: the server
 * refused or failed the subscription.
 */
export type LiveListStatus = 'loading' | 'live' | 'stale' | 'error';

export interface LiveListState<R extends Row> {
  status: LiveListStatus;
  rows: ReadonlyMap<string, R>;
  error?: StatusBody;
  /** Views of the API server's Table: the columns the rows' cells follow, from the last snapshot. */
  columns?: readonly TableColumn[];
  /** Bumped on every change, so views can memoise derived arrays on it. */
  version: number;
}

export type LiveListEvent<R extends Row> =
  | SnapshotMessage<R>
  | RestMessage<R>
  | DeltaMessage<R>
  | { type: 'error'; status: StatusBody }
  | { type: 'disconnected' }
  | { type: 'resubscribing' };

export function initialLiveListState<R extends Row>(): LiveListState<R> {
  return { status: 'loading', rows: new Map(), version: 0 };
}

export function applyLiveListEvent<R extends Row>(state: LiveListState<R>, event: LiveListEvent<R>): LiveListState<R> {
  switch (event.type) {
    case 'snapshot': {
      const rows = new Map<string, R>();
      for (const row of event.rows) rows.set(row.key, row);
      return { status: event.more ? 'loading' : 'live', rows, version: state.version + 1, ...(event.columns ? { columns: event.columns } : {}) };
    }
    case 'rest': {
      const rows = new Map(state.rows);
      for (const row of event.rows) rows.set(row.key, row);
      return { ...state, status: state.status === 'loading' ? 'live' : state.status, rows, version: state.version + 1 };
    }
    case 'delta': {
      if (event.upserts.length === 0 && event.removes.length === 0) return state;
      const rows = new Map(state.rows);
      for (const key of event.removes) rows.delete(key);
      for (const row of event.upserts) rows.set(row.key, row);
      return { ...state, rows, version: state.version + 1 };
    }
    case 'error':
      return { ...state, status: 'error', error: event.status, version: state.version + 1 };
    case 'disconnected':
      // Keep the rows on screen; they are shown as stale until the next snapshot.
      if (state.status === 'error') return state;
      return { ...state, status: state.status === 'loading' ? 'loading' : 'stale', version: state.version + 1 };
    case 'resubscribing':
      return state.status === 'error' ? { ...state, status: 'loading', error: undefined, version: state.version + 1 } : state;
  }
}
