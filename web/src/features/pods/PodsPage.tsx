/** Pods across the selected namespaces, live: status (coloured by reason), ready, restarts, node, ticking age. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { PodRow } from '../../../../server/views/pods/podRow.ts';
import { useLiveList } from '../../api/live.ts';
import { Age } from '../../components/Age.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { FilterBox } from '../../components/FilterBox.tsx';
import { ListState } from '../../components/ListState.tsx';
import type { SortState } from '../../components/sortRows.ts';
import { useSelection } from '../../app/useSelection.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { podMatches } from './podFilter.ts';
import { podStatusTone } from './podStatusTone.ts';
import { detailPath } from '../workloads/workloadPaths.ts';
import { terminalColumn } from '../terminal/terminalColumn.tsx';

const DEFAULT_SORT: SortState = { column: 'name', direction: 'asc' };
const rowKey = (row: PodRow) => row.key;

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

export function PodsPage() {
  const t = useT();
  const { context, namespaces, q, setQ, sort, setSort } = useSelection(DEFAULT_SORT);
  const list = useLiveList<PodRow>('pods', context, namespaces);
  const columns = useMemo(() => [...podColumns(t, context), terminalColumn<PodRow>(context, t)], [t, context]);
  const shown = useMemo(() => (q ? list.rows.filter((r) => podMatches(r, q)) : list.rows), [list.rows, q]);

  return (
    <section className="page" aria-labelledby="pods-title">
      <div className="page__bar">
        <h1 id="pods-title" className="page__title">
          {t('pods.title')}
        </h1>
        <FilterBox value={q} onChange={setQ} placeholder={t('pods.filter')} />
        {list.status !== 'error' && (
          <span className="page__count" data-testid="row-count">
            {t('pods.count', { shown: shown.length, total: list.rows.length })}
          </span>
        )}
      </div>
      <ListState list={list} context={context} />
      {list.status !== 'error' && (
        <DataTable
          label={t('pods.title')}
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
