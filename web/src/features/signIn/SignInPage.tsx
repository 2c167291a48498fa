/** The page a visit without a session gets: what the console is, how to sign in, in the chosen language. */
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { SessionInfo, SignInMode } from './sessionApi.ts';
import { SignInForm } from './SignInForm.tsx';

export function SignInPage({ mode, onSignedIn }: { mode: SignInMode; onSignedIn(info: SessionInfo): void }) {
  const t = useT();
  return (
    <main className="sign-in" data-testid="sign-in-page" data-mode={mode}>
      <div className="sign-in__card">
        <div className="sign-in__top">
          <span className="brand">
            <span className="brand__mark" aria-hidden="true">
              ⎈
            </span>
            {t('app.title')}
          </span>
          <LanguageSwitch />
        </div>
        <h1 className="sign-in__title">{t('signIn.title')}</h1>
        <p className="sign-in__intro">{mode === 'oidc' ? t('signIn.intro.oidc') : t('signIn.intro.token')}</p>
        <SignInForm mode={mode} onSignedIn={onSignedIn} />
        <p className="sign-in__mode muted">{mode === 'oidc' ? t('signIn.mode.oidc') : t('signIn.mode.token')}</p>
      </div>
    </main>
  );
}
