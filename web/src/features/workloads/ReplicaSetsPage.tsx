/** ReplicaSets, live: desired/current/ready, the revision they hold, their owner, images. */
import { Link } from 'react-router';
import type { ReplicaSetRow } from '../../../../server/views/workloads/replicaSetRow.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import { Images } from './RolloutBadge.tsx';
import { readyTone } from './rolloutTone.ts';
import { detailPath, kindPath } from '../../app/objectLinks.ts';

/** Scaled down (an old revision kept for rollback), all ready, or not all ready. */
export function replicaSetState(r: Pick<ReplicaSetRow, 'desired' | 'ready'>): 'ready' | 'notReady' | 'scaledDown' {
  if (r.desired === 0) return 'scaledDown';
  return r.ready >= r.desired ? 'ready' : 'notReady';
}

const spec: ListSpec<ReplicaSetRow> = {
  view: 'replicasets',
  title: 'replicasets.title',
  filterPlaceholder: 'workloads.filter',
  count: 'replicasets.count',
  rowKey: (r) => r.key,
  defaultSort: { column: 'name', direction: 'asc' },
  text: (r) => `${r.name} ${r.namespace} ${r.images.join(' ')} ${r.owner?.name ?? ''} ${r.changeCause ?? ''}`,
  labels: (r) => r.labels,
  chips: {
    values: [
      { value: 'notReady', label: 'replicasets.notReady', tone: 'progress' },
      { value: 'ready', label: 'replicasets.ready', tone: 'ok' },
      { value: 'scaledDown', label: 'replicasets.scaledDown', tone: 'muted' },
    ],
    of: replicaSetState,
  },
  columns: (t, context) => [
    {
      id: 'name',
      header: t('workloads.col.name'),
      width: 'minmax(13rem, 2fr)',
      cell: (r) => (
        <Link className="mono" to={detailPath(context, 'replicasets', r.namespace, r.name)}>
          {r.name}
        </Link>
      ),
      sortValue: (r) => r.name,
    },
    { id: 'namespace', header: t('workloads.col.namespace'), width: 'minmax(6rem, 1fr)', cell: (r) => r.namespace, sortValue: (r) => r.namespace },
    { id: 'desired', header: t('workloads.col.desired'), width: '5rem', cell: (r) => r.desired, sortValue: (r) => r.desired, align: 'end' },
    { id: 'current', header: t('workloads.col.current'), width: '5rem', cell: (r) => r.current, sortValue: (r) => r.current, align: 'end' },
    {
      id: 'ready',
      header: t('workloads.col.ready'),
      width: '4.5rem',
      cell: (r) => <span className={`tone tone--${readyTone(r.ready, r.desired)}`}>{r.ready}</span>,
      sortValue: (r) => r.ready,
      align: 'end',
    },
    { id: 'revision', header: t('workloads.col.revision'), width: '5rem', cell: (r) => r.revision || '', sortValue: (r) => r.revision, align: 'end' },
    {
      id: 'owner',
      header: t('workloads.col.owner'),
      width: 'minmax(8rem, 1.2fr)',
      cell: (r) => {
        if (!r.owner) return <span className="muted">—</span>;
        const to = kindPath(context, r.owner.kind, r.namespace, r.owner.name);
        return to ? <Link to={to}>{r.owner.name}</Link> : `${r.owner.kind}/${r.owner.name}`;
      },
      sortValue: (r) => r.owner?.name,
    },
    { id: 'images', header: t('workloads.col.images'), width: 'minmax(10rem, 2fr)', cell: (r) => <Images images={r.images} />, sortValue: (r) => r.images.join(',') },
    { id: 'age', header: t('workloads.col.age'), width: '4.5rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
  ],
};

export function ReplicaSetsPage() {
  return <LiveListPage spec={spec} />;
}
