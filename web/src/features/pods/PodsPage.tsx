/** Pods across the selected namespaces, live: status (coloured by reason), ready, restarts, node, ticking age. */
import { Link } from 'react-router';
import type { RowOrder } from '../../../../server/views/live/protocol.ts';
import type { PodRow } from '../../../../server/views/pods/podRow.ts';
import { Age } from '../../components/Age.tsx';
import type { Column } from '../../components/DataTable.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import type { SortState } from '../../components/sortRows.ts';
import type { Translate } from '../../i18n/translate.ts';
import { podText } from './podFilter.ts';
import { podStatusTone } from './podStatusTone.ts';
import { detailPath } from '../../app/objectLinks.ts';
import { terminalColumn } from '../terminal/terminalColumn.tsx';

function podColumns(t: Translate, context: string): Column<PodRow>[] {
  return [
    { id: 'name', header: t('pods.col.name'), width: 'minmax(14rem, 3fr)', cell: (r) => <Link className="mono" to={detailPath(context, 'pods', r.namespace, r.name)}>{r.name}</Link>, sortValue: (r) => r.name },
    { id: 'namespace', header: t('pods.col.namespace'), width: 'minmax(7rem, 1fr)', cell: (r) => r.namespace, sortValue: (r) => r.namespace },
    {
      id: 'status',
      header: t('pods.col.status'),
      width: 'minmax(9rem, 1.2fr)',
      cell: (r) => <span className={`tone tone--${podStatusTone(r)}`}>{r.deletionTimestamp && r.status !== 'Terminating' ? 'Terminating' : r.status}</span>,
      sortValue: (r) => r.status,
    },
    { id: 'ready', header: t('pods.col.ready'), width: '4.5rem', cell: (r) => r.ready, sortValue: (r) => r.readyContainers / Math.max(1, r.totalContainers), align: 'end' },
    {
      id: 'restarts',
      header: t('pods.col.restarts'),
      width: '5.5rem',
      cell: (r) => (
        <span className={r.restarts > 0 ? 'tone tone--progress' : undefined}>
          {r.restarts}
          {r.lastRestart && (
            <span className="muted">
              {' '}
              (<Age since={r.lastRestart} />)
            </span>
          )}
        </span>
      ),
      sortValue: (r) => r.restarts,
      align: 'end',
    },
    { id: 'node', header: t('pods.col.node'), width: 'minmax(7rem, 1fr)', cell: (r) => r.node ?? <span className="muted">{t('pods.unscheduled')}</span>, sortValue: (r) => r.node },
    // Sorting by age = by creation time; newest first is the descending order of age.
    { id: 'age', header: t('pods.col.age'), width: '5rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
  ];
}

/** The row field each sortable column orders by, as its sortValue does; READY (a ratio) has none. */
function podServerOrder(sort: SortState): RowOrder | undefined {
  const descending = sort.direction === 'desc';
  const field = ({ name: 'name', namespace: 'namespace', status: 'status', restarts: 'restarts', node: 'node' } as Record<string, keyof PodRow>)[sort.column];
  if (field) return descending ? { field, descending } : { field };
  // Youngest first is the newest creation time first.
  if (sort.column === 'age') return descending ? { field: 'creationTimestamp' } : { field: 'creationTimestamp', descending: true };
  return undefined;
}

const spec: ListSpec<PodRow> = {
  view: 'pods',
  title: 'pods.title',
  filterPlaceholder: 'pods.filter',
  count: 'pods.count',
  rowKey: (r) => r.key,
  defaultSort: { column: 'name', direction: 'asc' },
  text: podText,
  columns: (t, context) => [...podColumns(t, context), terminalColumn<PodRow>(context, t)],
  serverOrder: podServerOrder,
};

export function PodsPage() {
  return <LiveListPage spec={spec} />;
}
