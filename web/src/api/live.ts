/**
 * React binding of the live channel: one `LiveClient` per tab (created on first use) and the
 * hooks views use — `useLiveList` for a subscribed list, `useConnectionState` for the indicator.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { FirstScreen, Row, TableColumn } from '../../../server/views/live/protocol.ts';
import type { StatusBody } from './apiError.ts';
import { LiveClient, liveRequestFromKey, liveRequestKey, type ConnectionState, type LiveRequest } from './liveClient.ts';
import type { LiveListState, LiveListStatus } from './liveListState.ts';
import { liveSocketUrl } from './urls.ts';

let tabClient: LiveClient | undefined;

/** The tab's live client; reconnects at once when the browser reports it is back online. */
export function tabLiveClient(): LiveClient {
  if (!tabClient) {
    const client = new LiveClient(liveSocketUrl(window.location));
    window.addEventListener('online', () => client.retryNow());
    tabClient = client;
  }
  return tabClient;
}

/** After a sign-in or sign-out: the open socket was admitted for the previous session (no socket yet, nothing to do). */
export function reconnectTabLiveClient(): void {
  tabClient?.reconnect();
}

/** Lets a test or a storybook hand in another client; the app uses the tab's one. */
export const LiveClientContext = createContext<LiveClient | undefined>(undefined);

function useLiveClient(): LiveClient {
  return useContext(LiveClientContext) ?? tabLiveClient();
}

export function useConnectionState(): ConnectionState {
  const client = useLiveClient();
  const subscribe = useCallback((fn: () => void) => client.onConnectionChange(fn), [client]);
  return useSyncExternalStore(subscribe, () => client.connection());
}

export interface LiveList<R extends Row> {
  /** In server order; sort and filter in a memo on this array (it changes once per batch). */
  rows: readonly R[];
  status: LiveListStatus;
  error?: StatusBody;
  /** Table views only: the columns of the cells. */
  columns?: readonly TableColumn[];
}

/**
 * Subscribes to a live view while the component is mounted. `namespaces` empty = all.
 * Re-subscribes when the view, context, namespaces or params change. `firstScreen`: a big list's
 * first rows in this order come first (status stays `loading` until the rest is there).
 */
export function useLiveList<R extends Row>(
  view: string,
  context: string,
  namespaces: readonly string[] = [],
  params?: Readonly<Record<string, string>>,
  firstScreen?: FirstScreen,
): LiveList<R> {
  const client = useLiveClient();
  const key = liveRequestKey({ view, context, namespaces, params });
  // Built from the key, which captures every input: callers' fresh arrays each render keep the subscription.
  const request: LiveRequest = useMemo(() => liveRequestFromKey(key), [key]);
  const screenKey = firstScreen ? JSON.stringify(firstScreen) : '';
  // A new order re-attaches the listener; the subscription itself lingers and is kept.
  const subscribe = useCallback(
    (fn: () => void) => client.subscribe(request, fn, screenKey ? (JSON.parse(screenKey) as FirstScreen) : undefined),
    [client, request, screenKey],
  );
  const state = useSyncExternalStore(subscribe, () => client.peek<R>(request)) as LiveListState<R>;
  const rows = useMemo(() => [...state.rows.values()], [state.rows]);
  return { rows, status: state.status, error: state.error, columns: state.columns };
}

/** Runs `onChange` when the connection phase changes (toasts on drop/recovery). */
export function useConnectionPhaseChange(onChange: (next: ConnectionState, previous: ConnectionState['phase']) => void): void {
  const client = useLiveClient();
  useEffect(() => {
    let previous = client.connection().phase;
    return client.onConnectionChange(() => {
      const next = client.connection();
      if (next.phase !== previous) {
        const was = previous;
        previous = next.phase;
        onChange(next, was);
      }
    });
  }, [client, onChange]);
}
