/**
 * One CronJob, live (the `cronjobs` view narrowed to it): its schedule in words and its next
 * five runs (the controller's own parser, server/kube/cronSchedule.ts), settings and status,
 * warnings, and its Jobs newest first; trigger now, suspend/resume, edit the schedule with a
 * preview (validated here before anything is sent, and again by the BFF), delete.
 */
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { cronScheduleError, formatInZone } from '../../../../server/kube/cronSchedule.ts';
import type { CronJobRow } from '../../../../server/views/batch/cronJobRow.ts';
import { useLiveList } from '../../api/live.ts';
import { objectHref } from '../../app/objectLinks.ts';
import { viewPath } from '../../app/selection.ts';
import { Age } from '../../components/Age.tsx';
import { DetailPending } from '../../components/DetailPending.tsx';
import { EventsSection } from '../../components/EventsSection.tsx';
import { formatAge } from '../../components/formatAge.ts';
import { useNow } from '../../components/useNow.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ActionError } from '../workloads/ActionError.tsx';
import { DeleteDialog } from '../workloads/DeleteDialog.tsx';
import { useAction } from '../workloads/useAction.ts';
import { cronJobApi, type CronJobRef } from './cronJobApi.ts';
import { describeSchedule, warningText } from './cronText.ts';
import { ScheduleRuns } from './ScheduleRuns.tsx';
import './cronjobs.css';

function ScheduleEditor({ target, row }: { target: CronJobRef; row: CronJobRow }) {
  const { t, language } = useI18n();
  const [schedule, setSchedule] = useState(row.schedule);
  const action = useAction();
  const zone = row.timeZone ?? 'UTC';
  const problem = schedule.trim() ? cronScheduleError(schedule) : 'empty spec string';
  return (
    <section className="panel" data-testid="schedule-editor">
      <h2 className="panel__title">{t('cronjobs.editSchedule')}</h2>
      <label className="field">
        <span className="field__label">{t('cronjobs.newSchedule')}</span>
        <input className="input mono" value={schedule} onChange={(e) => setSchedule(e.target.value)} spellCheck={false} data-testid="schedule-input" />
      </label>
      {problem ? (
        <p className="notice notice--stale" role="alert" data-testid="schedule-invalid">
          {t('cronjobs.invalid', { reason: problem })}
        </p>
      ) : (
        <div data-testid="schedule-preview">
          <p>
            {t('cronjobs.preview')}: <span data-testid="schedule-preview-text">{describeSchedule(schedule, language)}</span>
          </p>
          <ScheduleRuns schedule={schedule} zone={zone} testId="preview-runs" />
        </div>
      )}
      <ActionError error={action.error} context={target.context} />
      <button
        type="button"
        className="button"
        disabled={!!problem || action.busy || schedule === row.schedule}
        onClick={() => void action.run(() => cronJobApi.schedule(target, schedule, row.timeZone, { uid: row.uid, generation: row.generation }), t('cronjobs.saved', { name: row.name }))}
        data-testid="schedule-save"
      >
        {t('cronjobs.save')}
      </button>
    </section>
  );
}

export function CronJobDetailPage() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const { context = '', ns = '', name = '' } = useParams();
  const target: CronJobRef = useMemo(() => ({ context, namespace: ns, name }), [context, ns, name]);
  const params = useMemo(() => ({ name }), [name]);
  const list = useLiveList<CronJobRow>('cronjobs', context, [ns], params);
  const row = list.rows[0];
  const now = useNow();
  const [jobName, setJobName] = useState('');
  const [deleting, setDeleting] = useState(false);
  const action = useAction();
  const listPath = `${viewPath(context, 'cronjobs')}?ns=${encodeURIComponent(ns)}`;
  const onDeleted = useCallback(() => navigate(listPath), [navigate, listPath]);
  const at = useCallback((iso: string) => formatInZone(new Date(iso), row?.timeZone ?? 'UTC'), [row?.timeZone]);
  const title = (
    <div className="page__bar">
      <h1 className="page__title">
        <Link to={listPath}>{t('cronjobs.title')}</Link> / <span className="mono">{name}</span> <span className="muted">({ns})</span>
      </h1>
      {row && (
        <span className="badge" data-testid="cronjob-api-version">
          {t('cronjobs.served', { apiVersion: row.apiVersion })}
        </span>
      )}
    </div>
  );
  if (!row) return <DetailPending bar={title} error={list.error} context={context} />;
  const seen = { uid: row.uid, generation: row.generation };
  const zone = row.timeZone ?? 'UTC';
  return (
    <section className="page detail" data-testid="cronjob-detail" data-suspended={String(row.suspend)}>
      {title}
      <div className="action-bar">
        <input className="input mono" value={jobName} placeholder={t('cronjobs.triggerName', { name: row.name })} onChange={(e) => setJobName(e.target.value)} data-testid="trigger-name" />
        <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(() => cronJobApi.trigger(target, row.uid, jobName.trim()), t('cronjobs.triggered', { name: row.name }))} data-testid="trigger">
          {t('cronjobs.trigger')}
        </button>
        {row.suspend ? (
          <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(() => cronJobApi.resume(target, seen), t('cronjobs.resumed', { name: row.name }))} data-testid="resume">
            {t('cronjobs.resume')}
          </button>
        ) : (
          <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(() => cronJobApi.suspend(target, seen), t('cronjobs.suspended', { name: row.name }))} data-testid="suspend">
            {t('cronjobs.suspend')}
          </button>
        )}
        <button type="button" className="button button--danger" onClick={() => setDeleting(true)} data-testid="delete">
          {t('actions.delete')}
        </button>
      </div>
      <ActionError error={action.error} context={context} />
      {deleting && (
        <DeleteDialog
          target={{ context, kind: 'cronjobs', namespace: ns, name }}
          seen={seen}
          dependents="objects"
          remove={(policy) => cronJobApi.remove(target, name, policy, seen)}
          onClose={() => setDeleting(false)}
          onDeleted={onDeleted}
        />
      )}
      {row.warnings.length > 0 && (
        <ul className="cron__warnings" data-testid="cronjob-warnings">
          {row.warnings.map((w) => (
            <li key={w.code} className="notice notice--stale" data-code={w.code}>
              {warningText(w, t, at)}
            </li>
          ))}
        </ul>
      )}
      <div className="detail__grid">
        <section className="panel">
          <h2 className="panel__title">{t('cronjobs.schedule')}</h2>
          <p>
            <span className="mono">{row.schedule}</span> — <span data-testid="schedule-description">{describeSchedule(row.schedule, language)}</span>
          </p>
          {row.suspend && <p className="muted" data-testid="suspended-note">{t('cronjobs.suspendedNote')}</p>}
          <h3>{t('cronjobs.nextRuns')}</h3>
          <p className="muted" data-testid="runs-zone">{row.timeZone ? t('cronjobs.zoneOwn', { zone }) : t('cronjobs.zoneCluster')}</p>
          <ScheduleRuns schedule={row.schedule} zone={zone} testId="next-runs" />
        </section>
        <section className="panel">
          <h2 className="panel__title">{t('cronjobs.facts')}</h2>
          <dl className="facts">
            <dt>{t('cronjobs.col.suspended')}</dt>
            <dd data-testid="fact-suspend">{t(row.suspend ? 'cronjobs.suspendedYes' : 'cronjobs.suspendedNo')}</dd>
            <dt>{t('cronjobs.concurrencyPolicy')}</dt>
            <dd>{row.concurrencyPolicy}</dd>
            <dt>{t('cronjobs.startingDeadline')}</dt>
            <dd>{row.startingDeadlineSeconds !== undefined ? t('cronjobs.seconds', { n: row.startingDeadlineSeconds }) : t('cronjobs.none')}</dd>
            <dt>{t('cronjobs.historyLimits')}</dt>
            <dd>{t('cronjobs.historyLimitsValue', { ok: row.successfulJobsHistoryLimit, failed: row.failedJobsHistoryLimit })}</dd>
            <dt>{t('cronjobs.lastSchedule')}</dt>
            <dd>{row.lastScheduleTime ? `${at(row.lastScheduleTime)}` : t('cronjobs.never')}</dd>
            <dt>{t('cronjobs.lastSuccessful')}</dt>
            <dd>{row.lastSuccessfulTime ? `${at(row.lastSuccessfulTime)}` : t('cronjobs.never')}</dd>
            <dt>{t('cronjobs.active')}</dt>
            <dd>{row.active.length ? row.active.join(', ') : t('cronjobs.none')}</dd>
          </dl>
        </section>
      </div>
      <ScheduleEditor key={row.schedule} target={target} row={row} />
      <section className="panel">
        <h2 className="panel__title">{t('cronjobs.history')}</h2>
        {row.jobs.length === 0 ? (
          <p className="muted">{t('cronjobs.noJobs')}</p>
        ) : (
          <table className="table" data-testid="job-history">
            <thead>
              <tr>
                <th>{t('cronjobs.job.name')}</th>
                <th>{t('cronjobs.job.outcome')}</th>
                <th>{t('cronjobs.job.started')}</th>
                <th>{t('cronjobs.job.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {row.jobs.map((j) => (
                <tr key={j.name} data-job={j.name} data-status={j.status}>
                  <td>
                    <Link className="mono" to={objectHref(context, { group: 'batch', plural: 'jobs', namespace: ns, name: j.name })}>
                      {j.name}
                    </Link>
                    {j.manual && <span className="badge">{t('cronjobs.job.manual')}</span>}
                  </td>
                  <td>{t(`cronjobs.status.${j.status}`)}</td>
                  <td>{j.startTime ? <Age since={j.startTime} /> : '—'}</td>
                  <td>{j.durationSeconds !== undefined ? formatAge(j.durationSeconds * 1000) : j.startTime ? formatAge(now - Date.parse(j.startTime)) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <EventsSection context={context} namespace={ns} names={[`CronJob/${name}`]} />
    </section>
  );
}
