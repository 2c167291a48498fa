/** The shell around every view: header (context, namespaces, connection, language, user), navigation, toasts. */
import { useCallback } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useContexts } from '../api/contexts.ts';
import { useConnectionPhaseChange } from '../api/live.ts';
import type { ConnectionState } from '../api/liveClient.ts';
import { StatusMessage } from '../components/StatusMessage.tsx';
import { useToast } from '../components/Toasts.tsx';
import { ServiceAccountBanner, UserMenu } from '../features/signIn/UserMenu.tsx';
import { useSession } from '../features/signIn/useSession.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { ContextSwitcher } from './ContextSwitcher.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NamespacePicker } from './NamespacePicker.tsx';
import { NavMenu } from './NavMenu.tsx';
import { viewPath } from './selection.ts';
import { useSelection } from './useSelection.ts';

export function Layout() {
  const t = useT();
  const toast = useToast();
  const location = useLocation();
  const { context, namespaces, updateNamespaces } = useSelection();
  const contexts = useContexts();
  const serviceAccountMode = useSession().info?.mode === 'serviceaccount';
  // `/c/{context}/{view}/...`: switching context keeps the list view, not a detail page that may not exist there.
  const view = location.pathname.split('/').filter(Boolean)[2] ?? 'pods';
  const unknownContext = contexts.list !== undefined && !contexts.list.contexts.some((c) => c.name === context);

  const onPhase = useCallback(
    (next: ConnectionState, previous: ConnectionState['phase']) => {
      if (next.phase === 'reconnecting' && previous === 'open') toast(t('conn.lost'), 'warning');
      if (next.phase === 'open' && previous === 'reconnecting') toast(t('conn.restored'), 'success');
    },
    [toast, t],
  );
  useConnectionPhaseChange(onPhase);

  return (
    <div className={serviceAccountMode ? 'shell shell--banner' : 'shell'}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="shell__header">
        <Link className="brand" to={viewPath(contexts.list?.current ?? context, 'pods')}>
          <span className="brand__mark" aria-hidden="true">
            ⎈
          </span>
          {t('app.title')}
        </Link>
        <ContextSwitcher contexts={contexts.list?.contexts ?? []} context={context} view={view} />
        <NamespacePicker context={context} selected={namespaces} onChange={updateNamespaces} />
        <div className="shell__spacer" />
        <ConnectionIndicator />
        <LanguageSwitch />
        <UserMenu />
      </header>
      <ServiceAccountBanner />
      <NavMenu context={context} />
      <main id="main" className="shell__main" tabIndex={-1}>
        {contexts.error && <StatusMessage status={contexts.error} />}
        {unknownContext ? (
          <div className="status-message" role="alert" data-testid="unknown-context">
            <p className="status-message__what">{t('context.unknown', { name: context })}</p>
            {contexts.list?.current && (
              <p className="status-message__todo">
                <Link to={viewPath(contexts.list.current, 'pods')}>{t('app.goHome')}</Link>
              </p>
            )}
          </div>
        ) : (
          <Outlet />
        )}
      </main>
    </div>
  );
}
