/**
 * Create a CronJob from a form or from YAML, in the batch version the cluster serves. The
 * schedule is checked with the controller's own parser as it is typed, described in words and
 * its first runs listed in the chosen time zone, as the schedule editor does; spec.timeZone only
 * where the cluster has it (batch/v1). Nothing invalid is sent; the API server's refusal shows
 * with the input kept; a created CronJob's page opens.
 */
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { detailPath } from '../../app/objectLinks.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useAction } from '../workloads/useAction.ts';
import { cronJobApi } from './cronJobApi.ts';
import { describeSchedule } from './cronText.ts';
import { checkCronJobForm, CONCURRENCY_POLICIES, visibleProblems, type CronJobFormInput } from './createChecks.ts';
import { checkManifest, cronJobTemplate } from './createManifest.ts';
import { CreateDialog, Field } from './CreateDialog.tsx';
import { useCreateTabs } from './useCreateTabs.ts';
import type { Created } from './jobApi.ts';
import { ScheduleRuns } from './ScheduleRuns.tsx';
import { YamlCreatePanel } from './YamlCreatePanel.tsx';

/** The batch version CronJobs are served in; batch/v1 until discovery answers (every cluster since 1.21). */
function useCronJobVersion(context: string): string {
  const [version, setVersion] = useState('v1');
  useEffect(() => {
    const abort = new AbortController();
    cronJobApi
      .version(context, abort.signal)
      .then((v) => setVersion(v.version))
      .catch(() => undefined); // the create itself reports an unreachable cluster
    return () => abort.abort();
  }, [context]);
  return version;
}

export function CronJobCreateDialog({ context, namespace, onClose }: { context: string; namespace: string; onClose(): void }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const version = useCronJobVersion(context);
  const tabs = useCreateTabs();
  const { tab } = tabs;
  const [form, setForm] = useState<CronJobFormInput>({
    namespace,
    name: '',
    schedule: '*/15 * * * *',
    timeZone: '',
    concurrencyPolicy: 'Forbid',
    suspend: false,
    startingDeadlineSeconds: '',
    image: 'busybox:1.36',
    command: '',
  });
  const [yaml, setYaml] = useState<string>();
  const action = useAction();
  const checked = useMemo(() => checkCronJobForm(form, version), [form, version]);
  const text = yaml ?? cronJobTemplate(form.namespace || namespace, version);
  const manifest = useMemo(() => checkManifest(text, 'CronJob', form.namespace || namespace, version), [text, form.namespace, namespace, version]);
  const shown = visibleProblems(checked.problems, tabs.refusedTab === 'form');
  const set = <K extends keyof CronJobFormInput>(key: K) => (value: CronJobFormInput[K]) => setForm((f) => ({ ...f, [key]: value }));
  const zone = form.timeZone.trim() && !checked.problems.timeZone ? form.timeZone.trim() : 'UTC';

  const submit = async () => {
    let result: Created | undefined;
    if (tab === 'form') {
      const body = tabs.admit(checked.body);
      if (!body) return;
      await action.run(async () => (result = await cronJobApi.create(context, form.namespace, body)), t('cronjobs.created', { name: body.name }));
    } else {
      const sent = tabs.admit(manifest.ok ? manifest : undefined);
      if (!sent) return;
      await action.run(async () => (result = await cronJobApi.create(context, sent.namespace, { manifest: sent.object })), t('cronjobs.created', { name: sent.name }));
    }
    if (result) navigate(detailPath(context, 'cronjobs', result.metadata.namespace, result.metadata.name));
  };

  const input = (key: 'namespace' | 'name' | 'schedule' | 'timeZone' | 'startingDeadlineSeconds' | 'image', extra: { placeholder?: string; disabled?: boolean } = {}) => (id: string, invalid: boolean) => (
    <input
      id={id}
      className={`input mono${key === 'startingDeadlineSeconds' ? ' batch-create__number' : ''}`}
      value={form[key]}
      onChange={(e) => set(key)(e.target.value)}
      spellCheck={false}
      autoComplete="off"
      aria-invalid={invalid}
      data-testid={`cronjob-create-${key}`}
      {...extra}
    />
  );

  const formTab = (
    <div className="batch-create__grid">
      <Field label={t('jobs.create.namespace')} problem={shown.namespace} testId="cronjob-create-namespace">
        {input('namespace')}
      </Field>
      <Field label={t('jobs.create.name')} problem={shown.name} testId="cronjob-create-name">
        {input('name')}
      </Field>
      <Field label={t('cronjobs.create.schedule')} help={t('cronjobs.create.scheduleHelp')} problem={shown.schedule} testId="cronjob-create-schedule">
        {input('schedule')}
      </Field>
      <Field label={t('cronjobs.create.timeZone')} help={version === 'v1' ? t('cronjobs.create.timeZoneHelp') : t('jobs.problem.timeZoneVersion', { version })} problem={shown.timeZone} testId="cronjob-create-timeZone">
        {input('timeZone', { placeholder: 'Asia/Shanghai', disabled: version !== 'v1' && !form.timeZone })}
      </Field>
      {!checked.problems.schedule && (
        <div className="batch-create__preview" data-testid="cronjob-create-preview">
          <p>
            <span data-testid="cronjob-create-description">{describeSchedule(form.schedule, language)}</span>
          </p>
          <p className="muted">{t('cronjobs.create.runs', { zone })}</p>
          <ScheduleRuns schedule={form.schedule} zone={zone} testId="cronjob-create-runs" count={3} />
        </div>
      )}
      <Field label={t('cronjobs.create.concurrencyPolicy')} testId="cronjob-create-concurrencyPolicy">
        {(id) => (
          <select id={id} className="input" value={form.concurrencyPolicy} onChange={(e) => set('concurrencyPolicy')(CONCURRENCY_POLICIES.find((p) => p === e.target.value) ?? 'Allow')} data-testid="cronjob-create-concurrencyPolicy">
            {CONCURRENCY_POLICIES.map((p) => (
              <option key={p} value={p}>
                {t(`cronjobs.create.policy.${p}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('cronjobs.create.startingDeadline')} help={t('cronjobs.create.startingDeadlineHelp')} problem={shown.startingDeadlineSeconds} testId="cronjob-create-startingDeadlineSeconds">
        {input('startingDeadlineSeconds')}
      </Field>
      <span />
      <label className="batch-create__check">
        <input type="checkbox" checked={form.suspend} onChange={(e) => set('suspend')(e.target.checked)} data-testid="cronjob-create-suspend" /> {t('cronjobs.create.suspend')}
      </label>
      <Field label={t('jobs.create.image')} problem={shown.image} testId="cronjob-create-image">
        {input('image')}
      </Field>
      <Field label={t('jobs.create.command')} help={t('jobs.create.commandHelp')} problem={shown.command} testId="cronjob-create-command">
        {(id, invalid) => (
          <textarea id={id} className="input mono batch-create__command" rows={3} value={form.command} onChange={(e) => set('command')(e.target.value)} spellCheck={false} aria-invalid={invalid} placeholder="date; echo hello" data-testid="cronjob-create-command" />
        )}
      </Field>
    </div>
  );

  const yamlTab = (
    <YamlCreatePanel
      label={t('cronjobs.create.yaml')}
      help={t('cronjobs.create.yamlHelp', { version, namespace: form.namespace || namespace })}
      text={text}
      onText={setYaml}
      check={manifest}
      ready={manifest.ok ? t('cronjobs.create.yamlReady', { name: manifest.name, namespace: manifest.namespace }) : ''}
      refusals={tabs.refusals}
      testId="cronjob-create"
    />
  );

  return (
    <CreateDialog
      title={t('cronjobs.create.title')}
      testId="cronjob-create"
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
