/** The cluster's namespaces, live; each links to its pods. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { NamespaceRow } from '../../../../server/views/namespaces/namespaceRow.ts';
import { useLiveList } from '../../api/live.ts';
import { viewPath } from '../../app/selection.ts';
import { useSelection } from '../../app/useSelection.ts';
import { Age } from '../../components/Age.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { FilterBox } from '../../components/FilterBox.tsx';
import { ListState } from '../../components/ListState.tsx';
import type { SortState } from '../../components/sortRows.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { Translate } from '../../i18n/translate.ts';

const DEFAULT_SORT: SortState = { column: 'name', direction: 'asc' };
const rowKey = (row: NamespaceRow) => row.key;

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

export function NamespacesPage() {
  const t = useT();
  const { context, q, setQ, sort, setSort } = useSelection(DEFAULT_SORT);
  const list = useLiveList<NamespaceRow>('namespaces', context);
  const columns = useMemo(() => namespaceColumns(t, context), [t, context]);
  const needle = q.trim().toLowerCase();
  const shown = useMemo(() => (needle ? list.rows.filter((r) => r.name.toLowerCase().includes(needle)) : list.rows), [list.rows, needle]);

  return (
    <section className="page" aria-labelledby="namespaces-title">
      <div className="page__bar">
        <h1 id="namespaces-title" className="page__title">
          {t('namespaces.title')}
        </h1>
        <FilterBox value={q} onChange={setQ} placeholder={t('namespaces.filter')} />
        {list.status !== 'error' && (
          <span className="page__count" data-testid="row-count">
            {t('namespaces.count', { shown: shown.length, total: list.rows.length })}
          </span>
        )}
      </div>
      <ListState list={list} context={context} />
      {list.status !== 'error' && (
        <DataTable
          label={t('namespaces.title')}
          rows={shown}
          columns={columns}
          rowKey={rowKey}
          sort={sort}
          onSortChange={setSort}
          empty={list.status === 'loading' ? t('table.loading') : q ? t('table.noMatch', { q }) : t('table.empty')}
        />
      )}
    </section>
  );
}
