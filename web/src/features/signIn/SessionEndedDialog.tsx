/**
 * Shown over the page when the session ends (expired, revoked, signed out in another tab): a
 * modal dialog, so whatever is under it — an open YAML editor, a create dialog — stays mounted
 * with its input. Opened last, it sits above any other modal. It cannot be dismissed: nothing
 * under it would work until the user signs in again.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { SignInMode } from './sessionApi.ts';
import type { SessionStore } from './sessionStore.ts';
import { SignInForm } from './SignInForm.tsx';

export function SessionEndedDialog({ mode, store }: { mode: SignInMode; store: SessionStore }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [still, setStill] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  // Back from the identity provider's tab: the session cookie may be there now.
  useEffect(() => {
    if (mode !== 'oidc') return;
    const onFocus = () => void store.refresh();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [mode, store]);

  const check = async () => {
    await store.refresh();
    setStill(store.get().phase !== 'signedIn');
  };

  return (
    <dialog ref={ref} className="panel dialog sign-in__dialog" aria-labelledby={titleId} data-testid="session-ended" onCancel={(e) => e.preventDefault()}>
      <h2 id={titleId} className="panel__title">
        {t('signIn.ended.title')}
      </h2>
      <p>{t('signIn.ended.intro')}</p>
      <SignInForm mode={mode} onSignedIn={store.signedIn} oidcInNewTab />
      {mode === 'oidc' && (
        <>
          <p className="muted">{t('signIn.ended.oidc')}</p>
          <button type="button" onClick={() => void check()}>
            {t('signIn.ended.check')}
          </button>
          {still && <p role="status">{t('signIn.ended.still')}</p>}
        </>
      )}
    </dialog>
  );
}
