/** Roll back to revision N: the pod template diff (running vs revision N) first, then confirm. */
import { useEffect, useState } from 'react';
import { toStatus, type StatusBody } from '../../api/apiError.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ActionError } from './ActionError.tsx';
import { sideBySide } from './sideBySide.ts';
import { useAction } from './useAction.ts';
import { seenOn, workloadApi, type RevisionDiff, type WorkloadRef } from './workloadApi.ts';

export function RollbackDialog({ target, revision, onClose, onDone }: { target: WorkloadRef; revision: number; onClose(): void; onDone(): void }) {
  const t = useT();
  const [diff, setDiff] = useState<RevisionDiff>();
  const [loadError, setLoadError] = useState<StatusBody>();
  const action = useAction(onDone);
  useEffect(() => {
    let live = true;
    workloadApi.revisionDiff(target, revision).then(
      (d) => live && setDiff(d),
      (err: unknown) => live && setLoadError(toStatus(err)),
    );
    return () => {
      live = false;
    };
  }, [target, revision]);
  const confirm = async () => {
    if (!diff) return;
    // Based on the version whose template the diff was computed from: what the user reviewed.
    const ok = await action.run(() => workloadApi.rollback(target, diff.revision, seenOn(diff)), t('actions.rolledBack', { name: target.name, revision: diff.revision }));
    if (ok) onClose();
  };
  return (
    <section className="panel dialog" role="dialog" aria-labelledby="rollback-title" data-testid="rollback-dialog">
      <h2 id="rollback-title" className="panel__title">
        {t('rollback.title', { revision })}
      </h2>
      {loadError && <StatusMessage status={loadError} context={target.context} />}
      {!diff && !loadError && <p className="muted">{t('table.loading')}</p>}
      {diff && !diff.changed && <p>{t('rollback.same')}</p>}
      {diff && diff.changed && (
        <div className="diff" role="table" aria-label={t('rollback.diff')} data-testid="template-diff">
          <div className="diff__row diff__row--head" role="row">
            <span role="columnheader">{t('rollback.running')}</span>
            <span role="columnheader">{t('rollback.target', { revision: diff.revision })}</span>
          </div>
          {sideBySide(diff.lines).map((row, i) => (
            <div className="diff__row" role="row" key={i}>
              <span role="cell" className={`diff__cell${row.left?.changed ? ' diff__cell--removed' : ''}`}>
                {row.left?.text ?? ''}
              </span>
              <span role="cell" className={`diff__cell${row.right?.changed ? ' diff__cell--added' : ''}`}>
                {row.right?.text ?? ''}
              </span>
            </div>
          ))}
        </div>
      )}
      <ActionError error={action.error} context={target.context} />
      <div className="dialog__buttons">
        <button type="button" className="button button--danger" disabled={!diff || action.busy} onClick={() => void confirm()} data-testid="rollback-confirm">
          {t('rollback.confirm', { revision })}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('actions.cancel')}
        </button>
      </div>
    </section>
  );
}
