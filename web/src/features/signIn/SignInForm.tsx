/**
 * The sign-in controls of the page and of the session-ended dialog: in token mode a password
 * field whose value lives only in this component's state until the POST (never in storage or
 * the URL); in oidc mode the identity provider's button. The API server's refusal is a sentence.
 */
import { useId, useState } from 'react';
import { toStatus, type StatusBody } from '../../api/apiError.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { oidcLoginUrl, signInWithToken, type SessionInfo, type SignInMode } from './sessionApi.ts';

interface Props {
  mode: SignInMode;
  onSignedIn(info: SessionInfo): void;
  /** The dialog opens the identity provider in a new tab, so the page under it keeps its input. */
  oidcInNewTab?: boolean;
}

export function SignInForm({ mode, onSignedIn, oidcInNewTab = false }: Props) {
  const t = useT();
  const id = useId();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StatusBody | undefined>();
  const [empty, setEmpty] = useState(false);

  if (mode === 'oidc') {
    const href = oidcLoginUrl(window.location.pathname + window.location.search);
    return (
      <a className="sign-in__button" href={href} data-testid="sign-in-oidc" {...(oidcInNewTab ? { target: '_blank', rel: 'opener' } : {})}>
        {t('signIn.oidc')}
      </a>
    );
  }

  const submit = async () => {
    const value = token.trim();
    if (!value) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    setBusy(true);
    setError(undefined);
    try {
      const info = await signInWithToken(value);
      setToken('');
      onSignedIn(info);
    } catch (err) {
      setError(toStatus(err));
    } finally {
      setBusy(false);
    }
  };

  // The API server said no to the token (401) or the token was malformed (400): the refusal as a sentence.
  const refused = error && (error.code === 401 || error.code === 400) && error.reason !== 'NetworkError';
  return (
    <form
      className="sign-in__form"
      method="post"
      autoComplete="off"
      data-testid="sign-in-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <label htmlFor={`${id}-token`} className="sign-in__label">
        {t('signIn.token')}
      </label>
      <input
        id={`${id}-token`}
        type="password"
        name="token"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => setToken(e.target.value)}
        aria-describedby={`${id}-help`}
        aria-invalid={refused || empty ? true : undefined}
        data-testid="sign-in-token"
      />
      <p id={`${id}-help`} className="sign-in__help">
        {t('signIn.tokenHelp')}
      </p>
      {empty && (
        <p className="tone tone--bad" role="alert">
          {t('signIn.empty')}
        </p>
      )}
      {refused ? (
        <div className="status-message" role="alert" data-testid="sign-in-refused" data-code={error.code}>
          <p className="status-message__what">{t('signIn.refused', { message: error.message || error.reason })}</p>
          <p className="status-message__todo">{t('signIn.refused.do')}</p>
        </div>
      ) : (
        error && <StatusMessage status={error} />
      )}
      <button type="submit" className="sign-in__button" disabled={busy} data-testid="sign-in-submit">
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </button>
    </form>
  );
}

