/** The workload's facts: selector, strategy, labels, and its conditions. */
import type { WorkloadDetail } from '../../../../server/views/workloads/workloadDetail.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { LabelsAndAgeFacts } from '../../components/LabelsAndAgeFacts.tsx';
import { ConditionsTable } from '../../components/ConditionsTable.tsx';

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
        <LabelsAndAgeFacts labels={detail.labels} creationTimestamp={detail.creationTimestamp} />
      </dl>
      <ConditionsTable conditions={detail.conditions} />
    </section>
  );
}
