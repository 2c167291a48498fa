/** Events across the selected namespaces, live, newest first: type, reason, object (linked), message, count. */
import { Link } from 'react-router';
import type { EventRow } from '../../../../server/views/events/eventRow.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import { kindPath } from '../../app/objectLinks.ts';

const spec: ListSpec<EventRow> = {
  view: 'events',
  title: 'events.title',
  filterPlaceholder: 'events.filter',
  count: 'events.count',
  rowKey: (r) => r.key,
  defaultSort: { column: 'lastSeen', direction: 'asc' },
  text: (r) => `${r.type} ${r.reason} ${r.object.kind} ${r.object.name} ${r.namespace} ${r.message} ${r.source}`,
  chips: {
    values: [
      { value: 'Warning', label: 'events.warning', tone: 'bad' },
      { value: 'Normal', label: 'events.normal', tone: 'ok' },
    ],
    of: (r) => r.type,
  },
  columns: (t, context) => [
    // Sorting by "last seen" ascending = newest first, like the age columns.
    { id: 'lastSeen', header: t('events.col.lastSeen'), width: '5.5rem', cell: (r) => <Age since={r.lastSeen} />, sortValue: (r) => -Date.parse(r.lastSeen ?? ''), align: 'end' },
    { id: 'type', header: t('events.col.type'), width: '5.5rem', cell: (r) => <span className={`tone tone--${r.type === 'Warning' ? 'bad' : 'muted'}`}>{r.type}</span>, sortValue: (r) => r.type },
    { id: 'reason', header: t('events.col.reason'), width: 'minmax(8rem, 1fr)', cell: (r) => r.reason, sortValue: (r) => r.reason },
    {
      id: 'object',
      header: t('events.col.object'),
      width: 'minmax(12rem, 1.6fr)',
      cell: (r) => {
        const label = `${r.object.kind.toLowerCase()}/${r.object.name}`;
        const to = kindPath(context, r.object.kind, r.object.namespace ?? r.namespace, r.object.name);
        return to ? (
          <Link className="mono" to={to}>
            {label}
          </Link>
        ) : (
          <span className="mono">{label}</span>
        );
      },
      sortValue: (r) => `${r.object.kind}/${r.object.name}`,
    },
    { id: 'message', header: t('events.col.message'), width: 'minmax(16rem, 4fr)', cell: (r) => <span className="cell-ellipsis" title={r.message}>{r.message}</span>, sortValue: (r) => r.message },
    { id: 'count', header: t('events.col.count'), width: '4rem', cell: (r) => r.count, sortValue: (r) => r.count, align: 'end' },
    { id: 'namespace', header: t('workloads.col.namespace'), width: 'minmax(6rem, 0.8fr)', cell: (r) => r.namespace, sortValue: (r) => r.namespace },
  ],
};

export function EventsPage() {
  return <LiveListPage spec={spec} />;
}
