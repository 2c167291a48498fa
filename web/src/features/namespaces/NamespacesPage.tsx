/** The cluster's namespaces, live; each links to its pods. */
import { Link } from 'react-router';
import type { NamespaceRow } from '../../../../server/views/namespaces/namespaceRow.ts';
import { viewPath } from '../../app/selection.ts';
import { Age } from '../../components/Age.tsx';
import type { Column } from '../../components/DataTable.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import type { Translate } from '../../i18n/translate.ts';

function namespaceColumns(t: Translate, context: string): Column<NamespaceRow>[] {
  return [
    {
      id: 'name',
      header: t('namespaces.col.name'),
      width: 'minmax(14rem, 3fr)',
      cell: (r) => (
        <Link className="mono" to={`${viewPath(context, 'pods')}?ns=${encodeURIComponent(r.name)}`} title={t('namespaces.showPods', { name: r.name })}>
          {r.name}
        </Link>
      ),
      sortValue: (r) => r.name,
    },
    {
      id: 'status',
      header: t('namespaces.col.status'),
      width: 'minmax(8rem, 1fr)',
      cell: (r) => <span className={`tone tone--${r.phase === 'Active' ? 'ok' : 'progress'}`}>{r.phase}</span>,
      sortValue: (r) => r.phase,
    },
    { id: 'age', header: t('namespaces.col.age'), width: '6rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
  ];
}

const spec: ListSpec<NamespaceRow> = {
  view: 'namespaces',
  title: 'namespaces.title',
  filterPlaceholder: 'namespaces.filter',
  count: 'namespaces.count',
  clusterScoped: true,
  rowKey: (r) => r.key,
  defaultSort: { column: 'name', direction: 'asc' },
  text: (r) => r.name,
  columns: namespaceColumns,
};

export function NamespacesPage() {
  return <LiveListPage spec={spec} />;
}
