/** The route element for the terminal: xterm and the page load on first visit, not with the app. */
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';

const TerminalPage = lazy(() => import('./TerminalPage.tsx').then((m) => ({ default: m.TerminalPage })));

export function LazyTerminalPage() {
  const t = useT();
  return (
    <Suspense fallback={<p className="muted">{t('terminal.loading')}</p>}>
      <TerminalPage />
    </Suspense>
  );
}
