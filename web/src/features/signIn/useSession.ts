/** The tab's session store (one per tab, like the live client) and the hook components read it with. */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { createSessionStore, type SessionState, type SessionStore } from './sessionStore.ts';

let tabStore: SessionStore | undefined;

export function tabSessionStore(): SessionStore {
  tabStore ??= createSessionStore();
  return tabStore;
}

/** Lets a test hand in another store; the app uses the tab's one. */
export const SessionStoreContext = createContext<SessionStore | undefined>(undefined);

export function useSessionStore(): SessionStore {
  return useContext(SessionStoreContext) ?? tabSessionStore();
}

export function useSession(): SessionState {
  const store = useSessionStore();
  const subscribe = useCallback((fn: () => void) => store.subscribe(fn), [store]);
  return useSyncExternalStore(subscribe, store.get);
}
