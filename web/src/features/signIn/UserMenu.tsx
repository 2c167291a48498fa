/**
 * Who the console acts as, in the header: the user name (groups in its tooltip and menu), when
 * the session ends, and Sign out in the modes that have sessions. In serviceaccount mode the
 * banner beside it says that everyone shares one identity.
 */
import { useState } from 'react';
import { toStatus } from '../../api/apiError.ts';
import { reconnectTabLiveClient } from '../../api/live.ts';
import { useToast } from '../../components/Toasts.tsx';
import { statusSentence } from '../../components/statusSentence.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { signOut } from './sessionApi.ts';
import { useSession, useSessionStore } from './useSession.ts';

export function UserMenu() {
  const { t, language } = useI18n();
  const toast = useToast();
  const store = useSessionStore();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const info = session.info;
  if (!info) return null;
  const user = info.user;
  const canSignOut = info.mode === 'token' || info.mode === 'oidc';
  // No user while the session-ended dialog is up: the old name would be wrong, the dialog says it all.
  if (!user) return null;

  const groups = user?.groups ?? [];
  const expires = info.expiresAt ? new Date(info.expiresAt) : undefined;
  const onSignOut = async () => {
    setBusy(true);
    try {
      await signOut();
      store.signedOut();
      // The open live socket was admitted with the session just ended: drop it now, not when the tab closes.
      reconnectTabLiveClient();
    } catch (err) {
      toast(statusSentence(toStatus(err), t).what, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="user-menu" data-testid="user-menu">
      <summary className="user-menu__summary" title={groups.length ? `${t('user.groups')}: ${groups.join(', ')}` : undefined}>
        <svg className="user-menu__icon" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="5" r="3" />
          <path d="M2 15c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5z" />
        </svg>
        <span className="user-menu__name" data-testid="user-name">
          {user.name}
        </span>
      </summary>
      <div className="user-menu__panel panel">
        <p className="user-menu__who">{t('user.label', { name: user.name })}</p>
        <p className="field__label">{t('user.groups')}</p>
        {groups.length ? (
          <ul className="user-menu__groups" data-testid="user-groups">
            {groups.map((g) => (
              <li key={g} className="mono">
                {g}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('user.noGroups')}</p>
        )}
        {expires && !Number.isNaN(expires.getTime()) && (
          <p className="muted">{t('user.expires', { time: expires.toLocaleString(language === 'zh' ? 'zh-CN' : 'en') })}</p>
        )}
        {canSignOut && (
          <button type="button" onClick={() => void onSignOut()} disabled={busy} data-testid="sign-out">
            {busy ? t('user.signingOut') : t('user.signOut')}
          </button>
        )}
      </div>
    </details>
  );
}

/** Everyone acts as the console's service account: said on every page, never dismissed. */
export function ServiceAccountBanner() {
  const { t } = useI18n();
  const session = useSession();
  if (session.info?.mode !== 'serviceaccount') return null;
  const name = session.info.user?.name;
  return (
    <div className="sa-banner" role="status" data-testid="serviceaccount-banner">
      <span aria-hidden="true">⚠</span> {t('banner.serviceAccount', { name: name ? ` (${name})` : '' })}
    </div>
  );
}
