/**
 * The frame of the Job and CronJob create dialogs: a modal with a Form and a YAML tab (each
 * keeps its input when the other is shown), the server's refusal under them with the input
 * kept, and one Create button for the tab shown. Fields are a label, the control, a line of
 * help and the problem, if any.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { StatusBody } from '../../api/apiError.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ActionError } from '../workloads/ActionError.tsx';
import type { Problem } from './createChecks.ts';
import { problemText } from './createChecks.ts';
import './batchCreate.css';

export type CreateTab = 'form' | 'yaml';

interface CreateDialogProps {
  title: string;
  testId: string;
  tab: CreateTab;
  onTab(tab: CreateTab): void;
  form: ReactNode;
  yaml: ReactNode;
  /** Shown above the buttons: why nothing was sent. */
  refused: boolean;
  error?: StatusBody;
  context: string;
  busy: boolean;
  onSubmit(): void;
  onClose(): void;
}

export function CreateDialog(p: CreateDialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const tabButton = (tab: CreateTab, label: string) => (
    <button type="button" role="tab" className="batch-create__tab" aria-selected={p.tab === tab} onClick={() => p.onTab(tab)} data-testid={`${p.testId}-tab-${tab}`}>
      {label}
    </button>
  );
  return (
    <dialog
      ref={ref}
      className="panel dialog batch-create"
      aria-labelledby={titleId}
      data-testid={p.testId}
      onCancel={(e) => {
        e.preventDefault();
        p.onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!p.busy) p.onSubmit();
        }}
      >
        <h2 id={titleId} className="panel__title">
          {p.title}
        </h2>
        <div role="tablist" aria-label={t('jobs.create.tabs')} className="batch-create__tabs">
          {tabButton('form', t('jobs.create.tabForm'))}
          {tabButton('yaml', t('jobs.create.tabYaml'))}
        </div>
        <div role="tabpanel" className="batch-create__panel">
          {p.tab === 'form' ? p.form : p.yaml}
        </div>
        {p.refused && (
          <p className="tone tone--bad" role="alert" data-testid={`${p.testId}-refused`}>
            {t('jobs.create.refused')}
          </p>
        )}
        <ActionError error={p.error} context={p.context} />
        <div className="dialog__buttons">
          <button type="submit" className="button" disabled={p.busy} data-testid={`${p.testId}-submit`}>
            {p.busy ? t('jobs.create.busy') : t('jobs.create.submit')}
          </button>
          <button type="button" className="button" onClick={p.onClose} data-testid={`${p.testId}-cancel`}>
            {t('actions.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

interface FieldProps {
  label: string;
  help?: string;
  problem?: Problem;
  /** The control, given its id and whether it is invalid. */
  children(id: string, invalid: boolean): ReactNode;
  testId: string;
}

export function Field({ label, help, problem, children, testId }: FieldProps) {
  const t = useT();
  const id = useId();
  return (
    <>
      <label className="batch-create__label" htmlFor={id}>
        {label}
      </label>
      <div className="batch-create__control">
        {children(id, !!problem)}
        {problem ? (
          <p className="batch-create__problem tone tone--bad" data-testid={`${testId}-problem`} data-code={problem.code}>
            {problemText(problem, t)}
          </p>
        ) : (
          help && <p className="batch-create__help muted">{help}</p>
        )}
      </div>
    </>
  );
}
