/**
 * Decides what the tab shows from the session: the sign-in page for a visit without one, the
 * app once signed in, and — when a session this tab had ends — the app still mounted with the
 * sign-in dialog over it, so open forms keep their input. After any sign-in the live channel
 * reconnects, so it never keeps serving the previous identity's subscriptions.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { reconnectTabLiveClient } from '../../api/live.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { SessionEndedDialog } from './SessionEndedDialog.tsx';
import { SignInPage } from './SignInPage.tsx';
import { useSession, useSessionStore } from './useSession.ts';
import './signIn.css';

export function SessionGate({ children }: { children: ReactNode }) {
  const t = useT();
  const store = useSessionStore();
  const session = useSession();
  const wasSignedOut = useRef(false);

  useEffect(() => {
    void store.refresh();
  }, [store]);

  // Signed in again in this tab (after an end or a sign-out): the socket still speaks for the old session.
  // Only that transition reconnects; a session check after a dropped socket leaves the back-off alone.
  const phase = session.phase;
  useEffect(() => {
    if (phase === 'signedOut') wasSignedOut.current = true;
    if (phase !== 'signedIn' || !wasSignedOut.current) return;
    wasSignedOut.current = false;
    reconnectTabLiveClient();
  }, [phase]);

  if (session.phase === 'loading') {
    return (
      <main className="sign-in standalone" data-testid="session-loading">
        {session.error ? (
          <>
            <p>{t('signIn.unreachable')}</p>
            <StatusMessage status={session.error} />
            <button type="button" onClick={() => void store.refresh()}>
              {t('signIn.retry')}
            </button>
          </>
        ) : (
          <p className="muted">{t('signIn.loading')}</p>
        )}
      </main>
    );
  }
  if (session.phase === 'signedOut' && !session.ended) return <SignInPage mode={session.info?.mode ?? 'token'} onSignedIn={store.signedIn} />;
  return (
    <>
      {children}
      {session.phase === 'signedOut' && <SessionEndedDialog mode={session.info?.mode ?? 'token'} store={store} />}
    </>
  );
}
