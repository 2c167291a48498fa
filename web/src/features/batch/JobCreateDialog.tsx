/**
 * Create a Job from a form (namespace, name, image, shell command, completions, parallelism,
 * backoff limit, completion mode, restart policy) or from YAML. Nothing invalid is sent: the
 * problems show as typed and a refused create says so. The API server's refusal (a name that
 * exists, an invalid spec) shows under the form with the input kept; a created Job's page opens.
 */
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { detailPath } from '../../app/objectLinks.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useAction } from '../workloads/useAction.ts';
import { checkJobForm, visibleProblems, type JobFormInput } from './createChecks.ts';
import { checkManifest, jobTemplate } from './createManifest.ts';
import { CreateDialog, Field } from './CreateDialog.tsx';
import { useCreateTabs } from './useCreateTabs.ts';
import { jobApi, type Created } from './jobApi.ts';
import { YamlCreatePanel } from './YamlCreatePanel.tsx';

const NUMBERS: readonly string[] = ['completions', 'parallelism', 'backoffLimit'];

export function JobCreateDialog({ context, namespace, onClose }: { context: string; namespace: string; onClose(): void }) {
  const t = useT();
  const navigate = useNavigate();
  const tabs = useCreateTabs();
  const { tab } = tabs;
  const [form, setForm] = useState<JobFormInput>({
    namespace,
    name: '',
    image: 'busybox:1.36',
    command: '',
    completions: '1',
    parallelism: '1',
    backoffLimit: '',
    completionMode: 'NonIndexed',
    restartPolicy: 'Never',
  });
  const [yaml, setYaml] = useState<string>();
  const action = useAction();
  const checked = useMemo(() => checkJobForm(form), [form]);
  const text = yaml ?? jobTemplate(form.namespace || namespace);
  const manifest = useMemo(() => checkManifest(text, 'Job', form.namespace || namespace), [text, form.namespace, namespace]);
  const shown = visibleProblems(checked.problems, tabs.refusedTab === 'form');
  const set = <K extends keyof JobFormInput>(key: K) => (value: JobFormInput[K]) => setForm((f) => ({ ...f, [key]: value }));

  const created = (obj: Created) => navigate(detailPath(context, 'jobs', obj.metadata.namespace, obj.metadata.name));
  const submit = async () => {
    let result: Created | undefined;
    if (tab === 'form') {
      const body = tabs.admit(checked.body);
      if (!body) return;
      await action.run(async () => (result = await jobApi.create({ context, namespace: form.namespace }, { form: body })), t('jobs.created', { name: body.name }));
    } else {
      const sent = tabs.admit(manifest.ok ? manifest : undefined);
      if (!sent) return;
      await action.run(async () => (result = await jobApi.create({ context, namespace: sent.namespace }, { manifest: text })), t('jobs.created', { name: sent.name }));
    }
    if (result) created(result);
  };

  const input = (key: 'namespace' | 'name' | 'image' | 'completions' | 'parallelism' | 'backoffLimit') => (id: string, invalid: boolean) => (
    <input
      id={id}
      className={`input mono${NUMBERS.includes(key) ? ' batch-create__number' : ''}`}
      value={form[key]}
      onChange={(e) => set(key)(e.target.value)}
      spellCheck={false}
      autoComplete="off"
      aria-invalid={invalid}
      inputMode={NUMBERS.includes(key) ? 'numeric' : undefined}
      data-testid={`job-create-${key}`}
    />
  );

  const formTab = (
    <div className="batch-create__grid">
      <Field label={t('jobs.create.namespace')} problem={shown.namespace} testId="job-create-namespace">
        {input('namespace')}
      </Field>
      <Field label={t('jobs.create.name')} problem={shown.name} testId="job-create-name">
        {input('name')}
      </Field>
      <Field label={t('jobs.create.image')} problem={shown.image} testId="job-create-image">
        {input('image')}
      </Field>
      <Field label={t('jobs.create.command')} help={t('jobs.create.commandHelp')} problem={shown.command} testId="job-create-command">
        {(id, invalid) => (
          <textarea id={id} className="input mono batch-create__command" rows={3} value={form.command} onChange={(e) => set('command')(e.target.value)} spellCheck={false} aria-invalid={invalid} placeholder="echo hello; sleep 5" data-testid="job-create-command" />
        )}
      </Field>
      <Field label={t('jobs.create.completions')} help={t('jobs.create.completionsHelp')} problem={shown.completions} testId="job-create-completions">
        {input('completions')}
      </Field>
      <Field label={t('jobs.create.parallelism')} help={t('jobs.create.parallelismHelp')} problem={shown.parallelism} testId="job-create-parallelism">
        {input('parallelism')}
      </Field>
      <Field label={t('jobs.create.backoffLimit')} help={t('jobs.create.backoffLimitHelp')} problem={shown.backoffLimit} testId="job-create-backoffLimit">
        {input('backoffLimit')}
      </Field>
      <Field label={t('jobs.create.completionMode')} testId="job-create-completionMode">
        {(id) => (
          <select id={id} className="input" value={form.completionMode} onChange={(e) => set('completionMode')(e.target.value === 'Indexed' ? 'Indexed' : 'NonIndexed')} data-testid="job-create-completionMode">
            <option value="NonIndexed">{t('jobs.create.completionModeNonIndexed')}</option>
            <option value="Indexed">{t('jobs.create.completionModeIndexed')}</option>
          </select>
        )}
      </Field>
      <Field label={t('jobs.create.restartPolicy')} testId="job-create-restartPolicy">
        {(id) => (
          <select id={id} className="input" value={form.restartPolicy} onChange={(e) => set('restartPolicy')(e.target.value === 'OnFailure' ? 'OnFailure' : 'Never')} data-testid="job-create-restartPolicy">
            <option value="Never">{t('jobs.create.restartNever')}</option>
            <option value="OnFailure">{t('jobs.create.restartOnFailure')}</option>
          </select>
        )}
      </Field>
    </div>
  );

  const yamlTab = (
    <YamlCreatePanel
      label={t('jobs.create.yaml')}
      help={t('jobs.create.yamlHelp', { namespace: form.namespace || namespace })}
      text={text}
      onText={setYaml}
      check={manifest}
      ready={manifest.ok ? t('jobs.create.yamlReady', { name: manifest.name, namespace: manifest.namespace }) : ''}
      refusals={tabs.refusals}
      testId="job-create"
    />
  );

  return (
    <CreateDialog
      title={t('jobs.create.title')}
      testId="job-create"
      tab={tab}
      onTab={tabs.onTab}
      form={formTab}
      yaml={yamlTab}
      refused={tabs.refusedTab === tab && (tab === 'form' ? !checked.body : !manifest.ok)}
      error={action.error}
      context={context}
      busy={action.busy}
      onSubmit={() => void submit()}
      onClose={onClose}
    />
  );
}
