/** What a live list says besides its rows: the subscription's error, or that rows are stale while reconnecting. */
import type { LiveList } from '../api/live.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { StatusMessage } from './StatusMessage.tsx';

export function ListState({ list, context }: { list: Pick<LiveList<never>, 'status' | 'error'>; context: string }) {
  const t = useT();
  if (list.status === 'error' && list.error) return <StatusMessage status={list.error} context={context} />;
  if (list.status === 'stale') {
    return (
      <p className="notice notice--stale" role="status">
        {t('table.stale')}
      </p>
    );
  }
  return null;
}
