/**
 * How the API layer tells the sign-in store that the session may be over, without importing
 * it: fetchJson reports a 401 from `/api` or `/k8s`, the live channel a lost connection (a
 * refused websocket upgrade shows the browser no status, so the store asks the BFF).
 * The store (features/signIn/sessionStore.ts) is the one place that decides.
 */
export type SessionDoubt = 'unauthorized' | 'connectionLost';

const listeners = new Set<(doubt: SessionDoubt) => void>();

export function onSessionDoubt(listener: (doubt: SessionDoubt) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportSessionDoubt(doubt: SessionDoubt): void {
  for (const listener of [...listeners]) listener(doubt);
}

/** True for the URLs whose 401 means "signed out": the BFF API and the Kubernetes proxy, not `auth/`. */
export function endsSessionOn401(url: string, base: string): boolean {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  return path.startsWith(`${base}api/`) || path.startsWith(`${base}k8s/`);
}
