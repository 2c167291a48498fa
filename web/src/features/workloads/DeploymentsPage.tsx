/** Deployments across the selected namespaces, live: ready/desired, up-to-date, available, images, rollout state. */
import { Link } from 'react-router';
import type { DeploymentRow } from '../../../../server/views/workloads/deploymentRow.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import { Images, RolloutBadge } from './RolloutBadge.tsx';
import { rolloutChips } from './rolloutChips.ts';
import { readyTone } from './rolloutTone.ts';
import { detailPath } from './workloadPaths.ts';

const spec: ListSpec<DeploymentRow> = {
  view: 'deployments',
  title: 'deployments.title',
  filterPlaceholder: 'workloads.filter',
  count: 'deployments.count',
  rowKey: (r) => r.key,
  defaultSort: { column: 'name', direction: 'asc' },
  text: (r) => `${r.name} ${r.namespace} ${r.images.join(' ')} ${r.rollout.state} ${r.rollout.reason}`,
  labels: (r) => r.labels,
  chips: rolloutChips<DeploymentRow>(),
  columns: (t, context) => [
    {
      id: 'name',
      header: t('workloads.col.name'),
      width: 'minmax(11rem, 2fr)',
      cell: (r) => (
        <Link className="mono" to={detailPath(context, 'deployments', r.namespace, r.name)}>
          {r.name}
        </Link>
      ),
      sortValue: (r) => r.name,
    },
    { id: 'namespace', header: t('workloads.col.namespace'), width: 'minmax(6rem, 1fr)', cell: (r) => r.namespace, sortValue: (r) => r.namespace },
    {
      id: 'ready',
      header: t('workloads.col.ready'),
      width: '4.5rem',
      cell: (r) => (
        <span className={`tone tone--${readyTone(r.readyReplicas, r.desired)}`} data-testid="ready">
          {r.ready}
        </span>
      ),
      sortValue: (r) => r.readyReplicas / Math.max(1, r.desired),
      align: 'end',
    },
    { id: 'upToDate', header: t('workloads.col.upToDate'), width: '5.5rem', cell: (r) => r.upToDate, sortValue: (r) => r.upToDate, align: 'end' },
    { id: 'available', header: t('workloads.col.available'), width: '5.5rem', cell: (r) => r.available, sortValue: (r) => r.available, align: 'end' },
    { id: 'images', header: t('workloads.col.images'), width: 'minmax(10rem, 2fr)', cell: (r) => <Images images={r.images} />, sortValue: (r) => r.images.join(',') },
    { id: 'rollout', header: t('workloads.col.rollout'), width: 'minmax(14rem, 2fr)', cell: (r) => <RolloutBadge rollout={r.rollout} />, sortValue: (r) => r.rollout.state },
    { id: 'age', header: t('workloads.col.age'), width: '4.5rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
  ],
};

export function DeploymentsPage() {
  return <LiveListPage spec={spec} />;
}
