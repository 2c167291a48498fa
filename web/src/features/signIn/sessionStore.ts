/**
 * The one place that decides whether this tab is signed in. It loads `auth/session` once,
 * and when the API layer doubts the session (a 401 from `/api` or `/k8s`, a lost live
 * channel) it decides: a 401 ends the session at once; a lost connection asks the BFF.
 * `ended` marks a session lost while pages were open: the app then shows a dialog over the
 * page instead of replacing it, so forms keep their input.
 */
import { toStatus, type StatusBody } from '../../api/apiError.ts';
import { onSessionDoubt, type SessionDoubt } from '../../api/sessionSignal.ts';
import { loadSession, type SessionInfo } from './sessionApi.ts';

export interface SessionState {
  phase: 'loading' | 'signedIn' | 'signedOut';
  info?: SessionInfo;
  /** True once a session this tab had was lost (not for a first visit without one). */
  ended: boolean;
  /** Why auth/session could not be read (network, 5xx). */
  error?: StatusBody;
}

export interface SessionStore {
  get(): SessionState;
  subscribe(listener: () => void): () => void;
  /** Reads auth/session again (start-up, after the identity provider's tab, on a doubt). */
  refresh(): Promise<void>;
  /** A successful sign-in (POST auth/token answered SessionInfo). */
  signedIn(info: SessionInfo): void;
  /** Signed out on purpose: the sign-in page, not the dialog. */
  signedOut(): void;
  dispose(): void;
}

export function createSessionStore(load: () => Promise<SessionInfo> = () => loadSession()): SessionStore {
  let state: SessionState = { phase: 'loading', ended: false };
  const listeners = new Set<() => void>();
  const set = (next: SessionState) => {
    state = next;
    for (const l of [...listeners]) l();
  };
  let checking: Promise<void> | undefined;

  const lost = () => {
    if (state.phase === 'signedOut') return;
    // Local and serviceaccount modes have no session to lose: a 401 there is the kubeconfig's, worded by statusSentence.
    if (state.info && (state.info.mode === 'local' || state.info.mode === 'serviceaccount')) return;
    set({ phase: 'signedOut', info: state.info && { ...state.info, signedIn: false, user: undefined }, ended: state.phase === 'signedIn' || state.ended });
  };

  const refresh = (): Promise<void> =>
    (checking ??= load()
      .then(
        (info) => {
          if (info.signedIn) set({ phase: 'signedIn', info, ended: false });
          else if (state.phase !== 'signedOut') set({ phase: 'signedOut', info, ended: state.phase === 'signedIn' || state.ended });
          else set({ ...state, info });
        },
        (err: unknown) => {
          // The BFF did not answer: keep what we knew; on first load, say why.
          if (state.phase === 'loading') set({ ...state, error: toStatus(err) });
        },
      )
      .finally(() => (checking = undefined)));

  const onDoubt = (doubt: SessionDoubt) => {
    if (doubt === 'unauthorized') lost();
    else if (state.phase === 'signedIn' && state.info?.mode !== 'local') void refresh();
  };
  const unlisten = onSessionDoubt(onDoubt);

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    signedIn: (info) => set({ phase: 'signedIn', info, ended: false }),
    signedOut: () => set({ phase: 'signedOut', info: state.info && { ...state.info, signedIn: false, user: undefined }, ended: false }),
    dispose: unlisten,
  };
}
