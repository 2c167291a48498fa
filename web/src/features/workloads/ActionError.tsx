/** A failed write under its form: the Status explained, and for a conflict a way to retry on the latest version. */
import type { StatusBody } from '../../api/apiError.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { BasedOn } from './useBasedOn.ts';
import type { Action } from './useAction.ts';

/** For a conflict: follow the live version again and clear the error, keeping the user's input. */
interface Rebase {
  basedOn: BasedOn;
  action: Action;
}

export function ActionError({ error, context, rebase }: { error?: StatusBody; context: string; rebase?: Rebase }) {
  const t = useT();
  if (!error) return null;
  return (
    <div className="action-error" data-testid="action-error">
      <StatusMessage status={error} context={context} />
      {error.code === 409 && rebase && (
        <button
          type="button"
          className="button"
          onClick={() => {
            rebase.basedOn.release();
            rebase.action.clear();
          }}
        >
          {t('actions.rebase')}
        </button>
      )}
    </div>
  );
}
