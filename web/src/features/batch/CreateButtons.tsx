/**
 * The "Create" buttons of the Jobs and CronJobs lists. The dialogs load on first open (they
 * bring the YAML parser); they start in the namespace the list shows when it shows one.
 */
import { lazy, Suspense, useState, type ComponentType } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/en.ts';

const JobCreateDialog = lazy(() => import('./JobCreateDialog.tsx').then((m) => ({ default: m.JobCreateDialog })));
const CronJobCreateDialog = lazy(() => import('./CronJobCreateDialog.tsx').then((m) => ({ default: m.CronJobCreateDialog })));

type Dialog = ComponentType<{ context: string; namespace: string; onClose(): void }>;

function CreateButton({ context, namespaces, label, testId, Dialog }: { context: string; namespaces: readonly string[]; label: MessageKey; testId: string; Dialog: Dialog }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid={testId}>
        {t(label)}
      </button>
      {open && (
        <Suspense fallback={null}>
          <Dialog context={context} namespace={namespaces.length === 1 ? namespaces[0] : 'default'} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

export function JobCreateButton(p: { context: string; namespaces: readonly string[] }) {
  return <CreateButton {...p} label="jobs.create" testId="job-create-open" Dialog={JobCreateDialog} />;
}

export function CronJobCreateButton(p: { context: string; namespaces: readonly string[] }) {
  return <CreateButton {...p} label="cronjobs.create" testId="cronjob-create-open" Dialog={CronJobCreateDialog} />;
}
