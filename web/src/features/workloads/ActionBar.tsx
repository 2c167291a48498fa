/** Restart, pause / resume (Deployments) and delete, each disabled with the reason when the identity may not. */
import { useT } from '../../i18n/I18nProvider.tsx';
import { useAction } from './useAction.ts';
import { ActionError } from './ActionError.tsx';
import { workloadApi, type SeenObject, type WorkloadRef } from './workloadApi.ts';

interface Props {
  target: WorkloadRef;
  /** The object the page shows: the writes are based on it. */
  seen: SeenObject;
  paused: boolean;
  deniedUpdate?: string;
  deniedDelete?: string;
  onDelete(): void;
  onDone(): void;
}

export function ActionBar({ target, seen, paused, deniedUpdate, deniedDelete, onDelete, onDone }: Props) {
  const t = useT();
  const action = useAction(onDone);
  const isDeployment = target.kind === 'deployments';
  return (
    <div className="action-bar">
      <button
        type="button"
        className="button"
        disabled={action.busy || !!deniedUpdate}
        title={deniedUpdate}
        onClick={() => void action.run(() => workloadApi.restart(target, seen), t('actions.restarted', { name: target.name }))}
      >
        {t('actions.restart')}
      </button>
      {isDeployment && (
        <button
          type="button"
          className="button"
          disabled={action.busy || !!deniedUpdate}
          title={deniedUpdate}
          data-testid={paused ? 'resume' : 'pause'}
          onClick={() =>
            void action.run(
              () => (paused ? workloadApi.resume(target, seen) : workloadApi.pause(target, seen)),
              t(paused ? 'actions.resumed' : 'actions.paused', { name: target.name }),
            )
          }
        >
          {t(paused ? 'actions.resume' : 'actions.pause')}
        </button>
      )}
      <button type="button" className="button button--danger" disabled={!!deniedDelete} title={deniedDelete} onClick={onDelete} data-testid="delete">
        {t('actions.delete')}
      </button>
      <ActionError error={action.error} context={target.context} />
    </div>
  );
}
