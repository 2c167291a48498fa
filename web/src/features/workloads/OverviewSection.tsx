/** The workload's facts: selector, strategy, labels, and its conditions. */
import type { WorkloadDetail } from '../../../../server/views/workloads/workloadDetail.ts';
import { Age } from '../../components/Age.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';

const text = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

export function OverviewSection({ detail }: { detail: WorkloadDetail }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="overview-title">
      <h2 id="overview-title" className="panel__title">
        {t('detail.overview')}
      </h2>
      <dl className="facts">
        <dt>{t('detail.selector')}</dt>
        <dd className="mono">{detail.selector}</dd>
        <dt>{t('detail.strategy')}</dt>
        <dd className="mono" data-testid="strategy">
          {Object.entries(detail.strategy)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${k}: ${text(v)}`)
            .join('; ')}
        </dd>
        <dt>{t('detail.labels')}</dt>
        <dd className="mono">
          {Object.entries(detail.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ') || '—'}
        </dd>
        <dt>{t('workloads.col.age')}</dt>
        <dd>
          <Age since={detail.creationTimestamp} />
        </dd>
      </dl>
      {detail.conditions.length > 0 && (
        <table className="grid" data-testid="conditions">
          <thead>
            <tr>
              <th>{t('detail.condition')}</th>
              <th>{t('detail.conditionStatus')}</th>
              <th>{t('events.col.reason')}</th>
              <th>{t('events.col.message')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.conditions.map((c) => (
              <tr key={c.type}>
                <td>{c.type}</td>
                <td className={`tone tone--${c.status === 'True' ? (c.type === 'ReplicaFailure' ? 'bad' : 'ok') : 'progress'}`}>{c.status}</td>
                <td>{c.reason}</td>
                <td>{c.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
