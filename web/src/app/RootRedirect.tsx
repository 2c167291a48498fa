/** `/` → the current context's pods (the current context is the kubeconfig's, or `demo`). */
import { Navigate } from 'react-router';
import { useContexts } from '../api/contexts.ts';
import { StatusMessage } from '../components/StatusMessage.tsx';
import { useT } from '../i18n/I18nProvider.tsx';
import { viewPath } from './selection.ts';

export function RootRedirect() {
  const t = useT();
  const { list, error } = useContexts();
  if (error) {
    return (
      <main className="standalone">
        <StatusMessage status={error} />
      </main>
    );
  }
  if (!list) {
    return (
      <main className="standalone" aria-busy="true">
        <p>{t('app.loadingContexts')}</p>
      </main>
    );
  }
  return <Navigate to={viewPath(list.current, 'pods')} replace />;
}
