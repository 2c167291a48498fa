/** A ReplicaSet's facts: replica counts, the Deployment revision and pod-template-hash it holds, its owner, selector and conditions. */
import { Link } from 'react-router';
import type { ReplicaSetFacts } from '../../../../server/views/workloads/replicaSetFacts.ts';
import type { WorkloadDetail } from '../../../../server/views/workloads/workloadDetail.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { LabelsAndAgeFacts } from '../../components/LabelsAndAgeFacts.tsx';
import { ConditionsTable } from '../../components/ConditionsTable.tsx';
import { readyTone } from './rolloutTone.ts';
import { kindPath } from '../../app/objectLinks.ts';

function Owner({ context, namespace, facts }: { context: string; namespace: string; facts: ReplicaSetFacts }) {
  const t = useT();
  const owner = facts.owner;
  if (!owner) return <span className="muted">{t('replicaset.none')}</span>;
  const label = `${owner.kind}/${owner.name}`;
  const to = kindPath(context, owner.kind, namespace, owner.name);
  return (
    <>
      {to ? <Link to={to}>{label}</Link> : label}
      {facts.ownerCurrent !== undefined && (
        <span className="muted" data-testid="rs-owner-current" data-current={facts.ownerCurrent}>
          {' · '}
          {t(facts.ownerCurrent ? 'replicaset.ownerCurrent' : 'replicaset.ownerOld', { name: owner.name })}
        </span>
      )}
    </>
  );
}

export function ReplicaSetOverview({ context, detail, facts }: { context: string; detail: WorkloadDetail; facts: ReplicaSetFacts }) {
  const t = useT();
  const counts = [
    ['desired', t('workloads.col.desired'), facts.desired, undefined],
    ['current', t('workloads.col.current'), facts.current, undefined],
    ['ready', t('workloads.col.ready'), facts.ready, readyTone(facts.ready, facts.desired)],
    ['available', t('workloads.col.available'), facts.available, readyTone(facts.available, facts.desired)],
    ['fully-labeled', t('replicaset.fullyLabeled'), facts.fullyLabeled, undefined],
  ] as const;
  return (
    <section className="panel" aria-labelledby="overview-title">
      <h2 id="overview-title" className="panel__title">
        {t('detail.overview')}
      </h2>
      <dl className="facts" data-testid="rs-overview">
        {counts.map(([id, label, n, tone]) => (
          <div key={id} className="facts__pair">
            <dt>{label}</dt>
            <dd data-testid={`rs-${id}`} className={tone ? `tone tone--${tone}` : undefined}>
              {n}
            </dd>
          </div>
        ))}
        <dt>{t('workloads.col.owner')}</dt>
        <dd data-testid="rs-owner">
          <Owner context={context} namespace={detail.namespace} facts={facts} />
        </dd>
        {facts.revision !== undefined && (
          <>
            <dt>{t('workloads.col.revision')}</dt>
            <dd data-testid="rs-revision">{facts.revision}</dd>
          </>
        )}
        {facts.podTemplateHash && (
          <>
            <dt>{t('replicaset.hash')}</dt>
            <dd className="mono" data-testid="rs-hash">
              {facts.podTemplateHash}
            </dd>
          </>
        )}
        <dt>{t('detail.selector')}</dt>
        <dd className="mono">{detail.selector}</dd>
        <LabelsAndAgeFacts labels={detail.labels} creationTimestamp={detail.creationTimestamp} />
      </dl>
      {!facts.observed && (
        <p className="notice notice--stale" role="status">
          {t('replicaset.notObserved')}
        </p>
      )}
      <ConditionsTable conditions={detail.conditions} />
    </section>
  );
}
