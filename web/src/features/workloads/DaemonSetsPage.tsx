/** DaemonSets across the selected namespaces, live: desired, current, ready, up-to-date, available, images, rollout. */
import { Link } from 'react-router';
import type { DaemonSetRow } from '../../../../server/views/workloads/daemonSetRow.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import { Images, RolloutBadge } from './RolloutBadge.tsx';
import { rolloutChips } from './rolloutChips.ts';
import { readyTone } from './rolloutTone.ts';
import { detailPath } from './workloadPaths.ts';

const number = (id: 'desired' | 'current' | 'upToDate' | 'available', value: (r: DaemonSetRow) => number, header: string) => ({
  id,
  header,
  width: '5.5rem',
  cell: value,
  sortValue: value,
  align: 'end' as const,
});

const spec: ListSpec<DaemonSetRow> = {
  view: 'daemonsets',
  title: 'daemonsets.title',
  filterPlaceholder: 'workloads.filter',
  count: 'daemonsets.count',
  rowKey: (r) => r.key,
  defaultSort: { column: 'name', direction: 'asc' },
  text: (r) => `${r.name} ${r.namespace} ${r.images.join(' ')} ${r.rollout.state} ${r.rollout.reason}`,
  labels: (r) => r.labels,
  chips: rolloutChips<DaemonSetRow>(),
  columns: (t, context) => [
    {
      id: 'name',
      header: t('workloads.col.name'),
      width: 'minmax(11rem, 2fr)',
      cell: (r) => (
        <Link className="mono" to={detailPath(context, 'daemonsets', r.namespace, r.name)}>
          {r.name}
        </Link>
      ),
      sortValue: (r) => r.name,
    },
    { id: 'namespace', header: t('workloads.col.namespace'), width: 'minmax(6rem, 1fr)', cell: (r) => r.namespace, sortValue: (r) => r.namespace },
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
  ],
};

export function DaemonSetsPage() {
  return <LiveListPage spec={spec} />;
}
