/**
 * The detail page of a ReplicaSet: counts, the revision and pod-template-hash it holds, its
 * owner, scale (warning that an owning Deployment scales it back), delete, containers, pods,
 * events, YAML and merged logs. Set image, restart, pause and rollback belong to its Deployment.
 */
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { viewPath } from '../../app/selection.ts';
import { DetailError, isGone } from '../../components/DetailError.tsx';
import { DetailPending } from '../../components/DetailPending.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { terminalPath } from '../terminal/terminalLink.ts';
import { LazyYamlSection } from '../yaml/LazyYamlSection.tsx';
import { ContainersSection } from './ContainersSection.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { EventsSection } from '../../components/EventsSection.tsx';
import { PodsSection } from './PodsSection.tsx';
import { ReplicaSetOverview } from './ReplicaSetOverview.tsx';
import { ScaleControl } from './ScaleControl.tsx';
import { denial, useCanI } from './useCanI.ts';
import { useWorkloadDetail } from './useWorkloadDetail.ts';
import { seenOn, type WorkloadRef } from './workloadApi.ts';
import { detailPath } from '../../app/objectLinks.ts';
import './workloads.css';

const ASKS = [
  { verb: 'update' as const, resource: 'replicasets', group: 'apps' },
  { verb: 'delete' as const, resource: 'replicasets', group: 'apps' },
];

export function ReplicaSetDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { context = '', ns = '', name = '' } = useParams();
  const target: WorkloadRef = useMemo(() => ({ context, kind: 'replicasets', namespace: ns, name }), [context, ns, name]);
  const { detail, error, refresh } = useWorkloadDetail(target);
  const [deleting, setDeleting] = useState(false);
  const answers = useCanI(context, ns, name, ASKS);
  const deniedUpdate = denial(answers, 'update replicasets.apps', t);
  const deniedDelete = denial(answers, 'delete replicasets.apps', t);
  const names = useMemo(() => (detail ? [`ReplicaSet/${detail.name}`, ...detail.pods.map((p) => `Pod/${p.name}`)] : []), [detail]);
  const listPath = `${viewPath(context, 'replicasets')}?ns=${encodeURIComponent(ns)}`;
  const onDeleted = useCallback(() => navigate(listPath), [navigate, listPath]);

  const title = (
    <div className="page__bar">
      <h1 className="page__title">
        <Link to={listPath}>{t('nav.replicasets')}</Link> / <span className="mono">{name}</span> <span className="muted">({ns})</span>
      </h1>
      {detail && !isGone(error, detail) && (
        <div className="action-bar">
          <button type="button" className="button button--danger" disabled={!!deniedDelete} title={deniedDelete} onClick={() => setDeleting(true)} data-testid="delete">
            {t('actions.delete')}
          </button>
        </div>
      )}
      <Link className="button" to={`${detailPath(context, 'replicasets', ns, name)}/logs`} data-testid="workload-logs">
        {t('logs.title')}
      </Link>
      <Link className="button" to={terminalPath(context, { namespace: ns, workload: `ReplicaSet/${name}` })}>
        {t('nav.terminal')}
      </Link>
    </div>
  );
  const facts = detail?.replicaSet;
  if (!detail || !facts) {
    return <DetailPending bar={title} error={error} context={context} />;
  }
  const deployment = facts.owner?.kind === 'Deployment' ? facts.owner.name : undefined;
  return (
    <section className={`page detail${isGone(error, detail) ? ' detail--gone' : ''}`} data-testid="replicaset-detail" data-resource-version={detail.resourceVersion}>
      {title}
      <DetailError error={error} context={context} kind="ReplicaSet" name={name} back={{ to: listPath, label: t('detail.backTo', { list: t('nav.replicasets') }) }} />
      {deleting && <DeleteDialog target={target} seen={seenOn(detail)} dependents="pods" onClose={() => setDeleting(false)} onDeleted={onDeleted} />}
      <div className="detail__grid">
        <section className="panel" aria-label={t('actions.scale')}>
          <h2 className="panel__title">{t('actions.scaleTitle', { kind: 'ReplicaSet' })}</h2>
          {deployment && (
            <p className="notice notice--stale" role="note" data-testid="rs-scale-owned">
              {t('replicaset.scaleOwned', { name: deployment })}{' '}
              <Link to={detailPath(context, 'deployments', ns, deployment)}>{t('replicaset.scaleDeployment', { name: deployment })}</Link>
            </p>
          )}
          <ScaleControl target={target} replicas={facts.desired} ready={facts.ready} seen={seenOn(detail)} denied={deniedUpdate} onDone={refresh} />
        </section>
        <ReplicaSetOverview context={context} detail={detail} facts={facts} />
      </div>
      <ContainersSection containers={detail.containers} />
      <PodsSection context={context} pods={detail.pods} />
      <EventsSection context={context} namespace={ns} names={names} />
      <LazyYamlSection target={target} liveVersion={detail.resourceVersion} />
    </section>
  );
}
