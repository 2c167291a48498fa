/** Deployments across the selected namespaces, live: ready/desired, up-to-date, available, images, rollout state. */
import type { DeploymentRow } from '../../../../server/views/workloads/deploymentRow.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage } from '../../components/LiveListPage.tsx';
import { Images, RolloutBadge } from './RolloutBadge.tsx';
import { rolloutListSpec } from './rolloutListSpec.tsx';
import { readyTone } from './rolloutTone.ts';

const spec = rolloutListSpec<DeploymentRow>('deployments', (t) => [
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
]);

export function DeploymentsPage() {
  return <LiveListPage spec={spec} />;
}
