/** A failed write under its form: the Status explained, and for a conflict a way to retry on the latest version. */
import type { StatusBody } from '../../api/apiError.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';

export function ActionError({ error, context, onRebase }: { error?: StatusBody; context: string; onRebase?: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <div className="action-error" data-testid="action-error">
      <StatusMessage status={error} context={context} />
      {error.code === 409 && onRebase && (
        <button type="button" className="button" onClick={onRebase}>
          {t('actions.rebase')}
        </button>
      )}
    </div>
  );
}
