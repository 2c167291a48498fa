/**
 * The detail page of a Deployment, StatefulSet or DaemonSet: live rollout, scale, set image,
 * restart, pause/resume, roll back with the template diff, delete; containers, revisions, pods
 * and events. Writes name the object as the page shows it (uid, generation, resourceVersion).
 */
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { DaemonSetRollout } from '../../../../server/views/workloads/daemonSetRollout.ts';
import type { Revision } from '../../../../server/views/workloads/revisionHistory.ts';
import type { DeploymentRollout } from '../../../../server/views/workloads/rolloutStatus.ts';
import type { StatefulSetRollout } from '../../../../server/views/workloads/statefulSetRollout.ts';
import { viewPath } from '../../app/selection.ts';
import { DetailError, isGone } from '../../components/DetailError.tsx';
import { DetailPending } from '../../components/DetailPending.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { terminalPath } from '../terminal/terminalLink.ts';
import { LazyYamlSection } from '../yaml/LazyYamlSection.tsx';
import { ReferencesSection } from '../references/ReferencesSection.tsx';
import { ActionBar } from './ActionBar.tsx';
import { ActionError } from './ActionError.tsx';
import { ContainersSection } from './ContainersSection.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { EventsSection } from '../../components/EventsSection.tsx';
import { OverviewSection } from './OverviewSection.tsx';
import { PodsSection } from './PodsSection.tsx';
import { RevisionList } from './RevisionList.tsx';
import { RollbackDialog } from './RollbackDialog.tsx';
import { RolloutPanel } from './RolloutPanel.tsx';
import { ScaleControl } from './ScaleControl.tsx';
import { SetImageForm } from './SetImageForm.tsx';
import { DaemonSetProgress, StatefulSetProgress } from './SetProgress.tsx';
import { useAction } from './useAction.ts';
import { denial, useCanI } from './useCanI.ts';
import { useWorkloadDetail } from './useWorkloadDetail.ts';
import { detailPath } from '../../app/objectLinks.ts';
import { kindEntry } from '../../../../server/kube/kinds.ts';
import { seenOn, workloadApi, type WorkloadKind, type WorkloadRef } from './workloadApi.ts';
import './workloads.css';

/** `Deployment` for `deployments`: the workload kinds are the catalogue's apps/v1 kinds. */
const kindName = (kind: WorkloadKind): string => kindEntry(`${kind}.apps`)?.kind ?? kind;

export function WorkloadDetailPage({ kind }: { kind: WorkloadKind }) {
  const t = useT();
  const navigate = useNavigate();
  const { context = '', ns = '', name = '' } = useParams();
  const target: WorkloadRef = useMemo(() => ({ context, kind, namespace: ns, name }), [context, kind, ns, name]);
  const { detail, error, refresh } = useWorkloadDetail(target);
  const [rollbackTo, setRollbackTo] = useState<number>();
  const [deleting, setDeleting] = useState(false);
  const asks = useMemo(() => [{ verb: 'update' as const, resource: kind, group: 'apps' }, { verb: 'delete' as const, resource: kind, group: 'apps' }], [kind]);
  const answers = useCanI(context, ns, name, asks);
  const deniedUpdate = denial(answers, `update ${kind}.apps`, t);
  const deniedDelete = denial(answers, `delete ${kind}.apps`, t);
  const oneClick = useAction(refresh);
  const names = useMemo(
    () => (detail ? [`${detail.kind}/${detail.name}`, ...detail.revisions.map((r) => `ReplicaSet/${r.name}`), ...detail.pods.map((p) => `Pod/${p.name}`)] : []),
    [detail],
  );
  const onDeleted = useCallback(() => navigate(`${viewPath(context, kind)}?ns=${encodeURIComponent(ns)}`), [navigate, context, kind, ns]);

  const title = (
    <div className="page__bar">
      <h1 className="page__title">
        <Link to={`${viewPath(context, kind)}?ns=${encodeURIComponent(ns)}`}>{t(`nav.${kind}`)}</Link> / <span className="mono">{name}</span>{' '}
        <span className="muted">({ns})</span>
      </h1>
      {detail && !isGone(error, detail) && (
        <ActionBar
          target={target}
          seen={seenOn(detail)}
          paused={detail.rollout?.state === 'paused'}
          deniedUpdate={deniedUpdate}
          deniedDelete={deniedDelete}
          onDelete={() => setDeleting(true)}
          onDone={refresh}
        />
      )}
      <Link className="button" to={`${viewPath(context, `${kind}/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`)}/logs`} data-testid="workload-logs">
        {t('logs.title')}
      </Link>
      <Link className="button" to={terminalPath(context, { namespace: ns, workload: `${kind}/${name}` })}>
        {t('nav.terminal')}
      </Link>
    </div>
  );
  if (!detail) {
    return <DetailPending bar={title} error={error} context={context} />;
  }
  const seen = seenOn(detail);
  const rollout = detail.rollout;
  return (
    <section className={`page detail${isGone(error, detail) ? ' detail--gone' : ''}`} data-testid="workload-detail" data-resource-version={detail.resourceVersion}>
      {title}
      <DetailError error={error} context={context} kind={detail.kind} name={name} back={{ to: `${viewPath(context, kind)}?ns=${encodeURIComponent(ns)}`, label: t('detail.backTo', { list: t(`nav.${kind}`) }) }} />
      {deleting && <DeleteDialog target={target} seen={seen} onClose={() => setDeleting(false)} onDeleted={onDeleted} />}
      {rollbackTo !== undefined && <RollbackDialog target={target} revision={rollbackTo} onClose={() => setRollbackTo(undefined)} onDone={refresh} />}
      <div className="detail__grid">
        {rollout && kind === 'deployments' && (
          <RolloutPanel
            rollout={rollout as DeploymentRollout}
            replicaSetPath={(rsName) => detailPath(context, 'replicasets', ns, rsName)}
            rollback={{
              busy: oneClick.busy,
              denied: deniedUpdate,
              run: () => void oneClick.run(() => workloadApi.rollback(target, 0, seen), t('actions.rolledBackPrevious', { name })),
            }}
          />
        )}
        {rollout && kind === 'statefulsets' && <StatefulSetProgress rollout={rollout as StatefulSetRollout} />}
        {rollout && kind === 'daemonsets' && <DaemonSetProgress rollout={rollout as DaemonSetRollout} />}
        <ActionError error={oneClick.error} context={context} />
        {detail.replicas !== undefined && kind !== 'daemonsets' && (
          <section className="panel" aria-label={t('actions.scale')}>
            <h2 className="panel__title">{t('actions.scaleTitle', { kind: kindName(kind) })}</h2>
            <ScaleControl
              target={target}
              replicas={detail.replicas}
              ready={(rollout as DeploymentRollout | StatefulSetRollout | undefined)?.ready ?? 0}
              seen={seen}
              denied={deniedUpdate}
              onDone={refresh}
            />
          </section>
        )}
        <OverviewSection detail={detail} />
      </div>
      <ContainersSection
        containers={detail.containers}
        action={(c) => <SetImageForm key={`${c.name}-${c.image}`} target={target} container={c} seen={seen} denied={deniedUpdate} onDone={refresh} />}
      />
      <RevisionList
        revisions={detail.revisions}
        onRollback={setRollbackTo}
        denied={deniedUpdate}
        {...(kind === 'deployments' ? { pageOf: (r: Revision) => detailPath(context, 'replicasets', ns, r.name) } : {})}
      />
      <PodsSection context={context} pods={detail.pods} />
      <ReferencesSection context={context} kind={kind} namespace={ns} name={name} version={detail.resourceVersion} />
      <EventsSection context={context} namespace={ns} names={names} />
      <LazyYamlSection target={target} liveVersion={detail.resourceVersion} />
    </section>
  );
}
