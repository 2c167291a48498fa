/** DaemonSets across the selected namespaces, live: desired, current, ready, up-to-date, available, images, rollout. */
import type { DaemonSetRow } from '../../../../server/views/workloads/daemonSetRow.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage } from '../../components/LiveListPage.tsx';
import { Images, RolloutBadge } from './RolloutBadge.tsx';
import { rolloutListSpec } from './rolloutListSpec.tsx';
import { readyTone } from './rolloutTone.ts';

const number = (id: 'desired' | 'current' | 'upToDate' | 'available', value: (r: DaemonSetRow) => number, header: string) => ({
  id,
  header,
  width: '5.5rem',
  cell: value,
  sortValue: value,
  align: 'end' as const,
});

const spec = rolloutListSpec<DaemonSetRow>('daemonsets', (t) => [
  number('desired', (r) => r.desired, t('workloads.col.desired')),
  number('current', (r) => r.current, t('workloads.col.current')),
  {
    id: 'ready',
    header: t('workloads.col.ready'),
    width: '4.5rem',
    cell: (r) => <span className={`tone tone--${readyTone(r.ready, r.desired)}`}>{r.ready}</span>,
    sortValue: (r) => r.ready,
    align: 'end',
  },
  number('upToDate', (r) => r.upToDate, t('workloads.col.upToDate')),
  number('available', (r) => r.available, t('workloads.col.available')),
  { id: 'images', header: t('workloads.col.images'), width: 'minmax(10rem, 2fr)', cell: (r) => <Images images={r.images} />, sortValue: (r) => r.images.join(',') },
  { id: 'rollout', header: t('workloads.col.rollout'), width: 'minmax(13rem, 1.8fr)', cell: (r) => <RolloutBadge rollout={r.rollout} />, sortValue: (r) => r.rollout.state },
  { id: 'age', header: t('workloads.col.age'), width: '4.5rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
]);

export function DaemonSetsPage() {
  return <LiveListPage spec={spec} />;
}
