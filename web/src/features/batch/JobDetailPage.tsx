/**
 * A Job's page, live: the status sentence (why it failed, with the last failing pod's exit code
 * and log tail), progress, completion mode and indexes, retries against backoffLimit, the
 * deadline counting down, times, the owning CronJob, pods with exit codes, events and YAML;
 * suspend/resume, re-run under a new name, delete with the propagation choice.
 */
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { JobDetail } from '../../../../server/views/batch/jobDetail.ts';
import type { JobRow } from '../../../../server/views/batch/jobRow.ts';
import type { PodRow } from '../../../../server/views/pods/podRow.ts';
import { useLiveList } from '../../api/live.ts';
import { detailPath, objectHref } from '../../app/objectLinks.ts';
import { viewPath } from '../../app/selection.ts';
import { DetailError, isGone } from '../../components/DetailError.tsx';
import { DetailPending } from '../../components/DetailPending.tsx';
import { EventsSection } from '../../components/EventsSection.tsx';
import { ConditionsTable } from '../../components/ConditionsTable.tsx';
import { formatAge } from '../../components/formatAge.ts';
import { useNow } from '../../components/useNow.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { PhraseText, Raw } from '../../i18n/PhraseText.tsx';
import { ActionError } from '../workloads/ActionError.tsx';
import { DeleteDialog } from '../workloads/DeleteDialog.tsx';
import { useAction } from '../workloads/useAction.ts';
import { useRefreshingFetch } from '../workloads/useWorkloadDetail.ts';
import { seenOn } from '../workloads/workloadApi.ts';
import { LazyYamlSection } from '../yaml/LazyYamlSection.tsx';
import { jobApi, type JobRef } from './jobApi.ts';
import { durationText, failurePhrase, RUN_KIND_KEYS, STATUS_TONES } from './jobPhrases.ts';
import '../workloads/workloads.css';
import './jobs.css';

function StatusSentence({ d }: { d: JobDetail }) {
  const t = useT();
  const completions = d.completions ?? d.succeeded;
  if (d.failure) return <PhraseText phrase={failurePhrase(d.failure)} />;
  if (d.status === 'Complete') return <>{t('jobs.statusComplete', { completions })}</>;
  if (d.status === 'Suspended') return <>{t('jobs.statusSuspended')}</>;
  if (d.status === 'Pending') return <>{t('jobs.statusPending')}</>;
  return <>{t('jobs.statusRunning', { succeeded: d.succeeded, completions: d.completions ?? '∞' })}</>;
}

function Duration({ d }: { d: JobDetail }) {
  const now = useNow();
  if (!d.startTime) return <>—</>;
  const end = d.endTime ? Date.parse(d.endTime) : d.status === 'Running' ? now : undefined;
  return <>{end === undefined ? '—' : durationText(Math.max(0, Math.round((end - Date.parse(d.startTime)) / 1000)))}</>;
}

function Deadline({ d }: { d: JobDetail }) {
  const t = useT();
  const now = useNow();
  if (!d.deadline) return <>—</>;
  if (!d.deadline.deadlineAt) return <>{t('jobs.deadlineSet', { seconds: d.deadline.seconds })}</>;
  return <span data-testid="job-deadline">{t('jobs.deadlineLeft', { seconds: d.deadline.seconds, left: formatAge(Math.max(0, Date.parse(d.deadline.deadlineAt) - now)) })}</span>;
}

export function JobDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { context = '', ns = '', name = '' } = useParams();
  const ref: JobRef = useMemo(() => ({ context, namespace: ns, name }), [context, ns, name]);
  const jobs = useLiveList<JobRow>('jobs', context, [ns]);
  const pods = useLiveList<PodRow>('pods', context, [ns]);
  const row = useMemo(() => jobs.rows.find((r) => r.key === `${ns}/${name}`), [jobs.rows, ns, name]);
  const ownPods = useMemo(() => pods.rows.filter((p) => p.owner?.kind === 'Job' && p.owner.name === name), [pods.rows, name]);
  // The page asks again whenever the Job's row or one of its pods changes.
  const signal = `${row ? JSON.stringify(row) : jobs.status}|${ownPods.map((p) => `${p.name}:${p.status}`).join(',')}`;
  const load = useCallback((abort: AbortSignal) => jobApi.detail(ref, abort), [ref]);
  const { detail, error, refresh } = useRefreshingFetch(load, signal, `${context}/${ns}/${name}`);
  const action = useAction(refresh);
  const [deleting, setDeleting] = useState(false);
  const [rerunName, setRerunName] = useState<string>();
  const list = `${viewPath(context, 'jobs')}?ns=${encodeURIComponent(ns)}`;
  const gone = isGone(error, detail);
  const names = useMemo(() => [`Job/${name}`, ...(detail?.pods ?? []).map((p) => `Pod/${p.name}`)], [name, detail]);

  const finished = detail?.status === 'Complete' || detail?.status === 'Failed';
  const bar = (
    <div className="page__bar">
      <h1 className="page__title">
        <Link to={list}>{t('nav.jobs')}</Link> / <span className="mono">{name}</span> <span className="muted">({ns})</span>
      </h1>
      <div className="action-bar">
        <Link className="button" to={viewPath(context, `jobs/${encodeURIComponent(ns)}/${encodeURIComponent(name)}/logs`)} data-testid="job-logs">
          {t('jobs.logs')}
        </Link>
        {detail && !finished && (
          <button
            type="button"
            className="button"
            disabled={action.busy || gone}
            data-testid={detail.suspend ? 'job-resume' : 'job-suspend'}
            onClick={() =>
              void action.run(
                () => (detail.suspend ? jobApi.resume(ref, seenOn(detail)) : jobApi.suspend(ref, seenOn(detail))),
                t(detail.suspend ? 'jobs.resumed' : 'jobs.suspended', { name }),
              )
            }
          >
            {t(detail.suspend ? 'jobs.resume' : 'jobs.suspend')}
          </button>
        )}
        {detail && finished && (
          <button type="button" className="button" disabled={gone} data-testid="job-rerun" onClick={() => setRerunName(`${name.slice(0, 56)}-rerun`)}>
            {t('jobs.rerun')}
          </button>
        )}
        <button type="button" className="button button--danger" disabled={!detail || gone} onClick={() => setDeleting(true)}>
          {t('actions.delete')}
        </button>
      </div>
    </div>
  );
  if (!detail) return <DetailPending bar={bar} error={error} context={context} />;
  const seen = seenOn(detail);
  return (
    <section className={`page detail${gone ? ' detail--gone' : ''}`} data-testid="job-detail" data-resource-version={detail.resourceVersion}>
      {bar}
      <DetailError error={error} context={context} kind="Job" name={name} back={{ to: list, label: t('detail.backTo', { list: t('nav.jobs') }) }} />
      <ActionError error={action.error} context={context} />
      {deleting && <DeleteDialog target={{ context, kind: 'jobs', namespace: ns, name }} seen={seen} dependents="pods" onClose={() => setDeleting(false)} onDeleted={() => navigate(list)} />}
      {rerunName !== undefined && (
        <section className="panel" aria-label={t('jobs.rerun')}>
          <p className="muted">{t('jobs.rerunHelp')}</p>
          <div className="job-rerun">
            <label className="field">
              <span className="field__label">{t('jobs.rerunName')}</span>
              <input className="input mono" value={rerunName} onChange={(e) => setRerunName(e.target.value)} spellCheck={false} data-testid="job-rerun-name" />
            </label>
            <button
              type="button"
              className="button button--primary"
              disabled={action.busy || !rerunName}
              data-testid="job-rerun-start"
              onClick={() =>
                void action.run(() => jobApi.rerun(ref, rerunName, seen), t('jobs.rerunDone', { name: rerunName })).then((ok) => {
                  if (ok) navigate(detailPath(context, 'jobs', ns, rerunName));
                })
              }
            >
              {t('jobs.rerunStart')}
            </button>
          </div>
        </section>
      )}
      <section className="panel" aria-labelledby="job-status-title">
        <h2 id="job-status-title" className="panel__title">
          <span className={`tone tone--${STATUS_TONES[detail.status]}`} data-testid="job-status">
            {t(`jobs.status.${detail.status}`)}
          </span>
        </h2>
        <p className="job-sentence" data-testid="job-sentence">
          <StatusSentence d={detail} />
        </p>
        {detail.failure?.logTail && detail.failure.logTail.length > 0 && (
          <>
            <div className="muted">{t('jobs.logTail')}</div>
            <pre className="job-logtail" data-testid="job-log-tail">
              <Raw>{detail.failure.logTail.join('\n')}</Raw>
            </pre>
          </>
        )}
      </section>
      <div className="detail__grid">
        <section className="panel" aria-labelledby="job-progress-title">
          <h2 id="job-progress-title" className="panel__title">
            {t('jobs.progress')}
          </h2>
          <dl className="job-facts">
            <dt>{t('jobs.col.progress')}</dt>
            <dd data-testid="job-progress">{detail.completions === null ? t('jobs.progressQueue', { succeeded: detail.succeeded }) : t('jobs.progressOf', { succeeded: detail.succeeded, completions: detail.completions })}</dd>
            <dt>{t('jobs.col.active')}</dt>
            <dd>{t('jobs.activeFailed', { active: detail.active, failed: detail.failed })}</dd>
            <dt>{t('jobs.col.runKind')}</dt>
            <dd data-testid="job-run-kind">{t(RUN_KIND_KEYS[detail.runKind])}</dd>
            <dt>{t('jobs.parallelism')}</dt>
            <dd>{detail.parallelism}</dd>
            <dt>{t('jobs.completionMode')}</dt>
            <dd>{detail.completionMode}</dd>
            {detail.completionMode === 'Indexed' && (
              <>
                <dt>{t('jobs.completedIndexes')}</dt>
                <dd className="mono" data-testid="job-completed-indexes">
                  {detail.completedIndexes || t('jobs.completedIndexesNone')}
                </dd>
              </>
            )}
            <dt>{t('jobs.backoff')}</dt>
            <dd data-testid="job-backoff">{t('jobs.backoffOf', { used: detail.backoff.used, limit: detail.backoff.limit })}</dd>
            <dt>{t('jobs.deadline')}</dt>
            <dd>
              <Deadline d={detail} />
            </dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="job-times-title">
          <h2 id="job-times-title" className="panel__title">
            {t('detail.overview')}
          </h2>
          <dl className="job-facts">
            <dt>{t('jobs.started')}</dt>
            <dd>{detail.startTime ? <time dateTime={detail.startTime}>{new Date(detail.startTime).toLocaleString()}</time> : '—'}</dd>
            <dt>{t('jobs.finished')}</dt>
            <dd>{detail.endTime ? <time dateTime={detail.endTime}>{new Date(detail.endTime).toLocaleString()}</time> : '—'}</dd>
            <dt>{t('jobs.duration')}</dt>
            <dd data-testid="job-duration">
              <Duration d={detail} />
            </dd>
            <dt>{t('jobs.cronJob')}</dt>
            <dd data-testid="job-cronjob">
              {detail.cronJob ? <Link to={objectHref(context, { group: 'batch', plural: 'cronjobs', namespace: ns, name: detail.cronJob })}>{detail.cronJob}</Link> : '—'}
            </dd>
            <dt>{t('jobs.col.age')}</dt>
            <dd>{formatAge(Date.now() - Date.parse(detail.creationTimestamp))}</dd>
          </dl>
        </section>
      </div>
      <section className="panel" aria-labelledby="job-pods-title">
        <h2 id="job-pods-title" className="panel__title">
          {t('jobs.pods')}
        </h2>
        {detail.pods.length === 0 ? (
          <p className="muted">{t('jobs.podsNone')}</p>
        ) : (
          <table className="grid" data-testid="job-pods">
            <thead>
              <tr>
                {detail.completionMode === 'Indexed' && <th>{t('jobs.col.index')}</th>}
                <th>{t('jobs.col.pod')}</th>
                <th>{t('jobs.col.phase')}</th>
                <th>{t('jobs.col.exitCode')}</th>
                <th>{t('jobs.col.reason')}</th>
                <th>{t('jobs.col.node')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.pods.map((p) => (
                <tr key={p.name}>
                  {detail.completionMode === 'Indexed' && <td>{p.index ?? ''}</td>}
                  <td>
                    <Link className="mono" to={detailPath(context, 'pods', ns, p.name)}>
                      {p.name}
                    </Link>
                  </td>
                  <td>{p.phase}</td>
                  <td className="mono" data-testid="job-pod-exit">{p.exitCode ?? ''}</td>
                  <td>{p.reason ?? ''}</td>
                  <td className="mono">{p.node ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <ConditionsTable conditions={detail.conditions} />
      </section>
      <EventsSection context={context} namespace={ns} names={names} />
      <LazyYamlSection target={{ context, kind: 'jobs', namespace: ns, name }} liveVersion={detail.resourceVersion} />
    </section>
  );
}
