/** A detail page before its first answer: the page's bar, then "Loading…" or why it failed. */
import type { ReactNode } from 'react';
import type { StatusBody } from '../api/apiError.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { StatusMessage } from './StatusMessage.tsx';

export function DetailPending({ bar, error, context }: { bar: ReactNode; error?: StatusBody; context: string }) {
  const t = useT();
  return (
    <section className="page detail">
      {bar}
      {error ? <StatusMessage status={error} context={context} /> : <p className="muted">{t('table.loading')}</p>}
    </section>
  );
}
