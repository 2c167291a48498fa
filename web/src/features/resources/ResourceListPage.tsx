/**
 * The list of any resource the cluster serves (built-in or custom), at `/c/{context}/k/{resource}`:
 * the API server's own Table, so the columns are exactly kubectl's, live over the tab's channel.
 * Namespace selection, search (`?q=`), sorting (`?sort=`) and `?wide=1` (kubectl's `-o wide`) live in the URL.
 */
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { TableRow } from '../../../../server/views/table/tableView.ts';
import type { DiscoveredResource } from '../../api/discovery.ts';
import { useLiveList } from '../../api/live.ts';
import { objectHref } from '../../app/objectLinks.ts';
import { useSelection, useSetSearchParam } from '../../app/useSelection.ts';
import { Age } from '../../components/Age.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { FilterBox } from '../../components/FilterBox.tsx';
import { ListState } from '../../components/ListState.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { textMatches } from '../../components/textMatches.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { cellText, isAgeColumn, shownColumns, sortValueOf } from './tableColumns.ts';
import { useResource } from './useResource.ts';
import '../../components/liveList.css';
import './resources.css';

const DEFAULT_SORT = { column: 'name', direction: 'asc' } as const;

export function ResourceListPage() {
  const t = useT();
  const { context = '', resource: key = '' } = useParams();
  const { resource, unknown, error } = useResource(context, key);
  if (resource) return <ResourceList key={resource.key} resource={resource} />;
  return (
    <section className="page" data-testid="resource-list">
      <div className="page__bar">
        <h1 className="page__title mono">{key}</h1>
      </div>
      {error ? <StatusMessage status={error} context={context} /> : <p className="muted">{unknown ? t('resources.unknown', { resource: key }) : t('resources.loading')}</p>}
    </section>
  );
}

function ResourceList({ resource }: { resource: DiscoveredResource }) {
  const t = useT();
  const { context, namespaces, q, setQ, sort, setSort } = useSelection(DEFAULT_SORT);
  const [search] = useSearchParams();
  const setParam = useSetSearchParam();
  const wide = search.get('wide') === '1';
  const params = useMemo(() => ({ group: resource.group, version: resource.version, plural: resource.plural }), [resource]);
  const list = useLiveList<TableRow>('table', context, resource.namespaced ? namespaces : [], params);

  const columns = useMemo<Column<TableRow>[]>(() => {
    const out: Column<TableRow>[] = [];
    // kubectl prints NAMESPACE first when it lists across namespaces (-A); the console always may.
    if (resource.namespaced) {
      out.push({ id: 'namespace', header: t('resources.col.namespace'), width: 'minmax(6rem, 1fr)', cell: (r) => r.namespace, sortValue: (r) => r.namespace });
    }
    for (const { column, index } of shownColumns(list.columns ?? [], wide)) {
      const isName = column.format === 'name' && index === 0;
      out.push({
        id: isName ? 'name' : `c${index}:${column.name}`,
        header: column.name,
        width: isName ? 'minmax(12rem, 2fr)' : 'minmax(5rem, 1fr)',
        cell: isName
          ? (r) => (
              <Link className="mono" to={objectHref(context, { group: resource.group, plural: resource.plural, namespace: r.namespace, name: r.name })}>
                {cellText(r.cells[index])}
              </Link>
            )
          : isAgeColumn(column)
            ? (r) => <Age since={column.type === 'date' && typeof r.cells[index] === 'string' ? (r.cells[index] as string) : r.creationTimestamp} />
            : (r) => cellText(r.cells[index]),
        sortValue: (r) => sortValueOf(column, r.cells[index], r.creationTimestamp),
      });
    }
    return out;
  }, [list.columns, wide, resource, context, t]);

  const shown = useMemo(
    () => (q ? list.rows.filter((r) => textMatches(`${r.name} ${r.namespace ?? ''} ${r.cells.map(cellText).join(' ')}`, r.labels, q)) : list.rows),
    [list.rows, q],
  );
  const hasWide = (list.columns ?? []).some((c) => c.priority !== 0);

  return (
    <section className="page" aria-labelledby="resource-list-title" data-testid="resource-list">
      <div className="page__bar">
        <h1 id="resource-list-title" className="page__title">
          <span className="mono">{resource.key}</span>{' '}
          <span className="muted">{t('resources.kindVersion', { kind: resource.kind, apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version })}</span>
        </h1>
        <FilterBox value={q} onChange={setQ} placeholder={t('resources.filter')} />
        {hasWide && (
          <label className="field field--inline">
            <input type="checkbox" checked={wide} onChange={(e) => setParam('wide', e.target.checked ? '1' : '', true)} data-testid="wide-toggle" /> {t('resources.wide')}
          </label>
        )}
        {list.status !== 'error' && (
          <span className="page__count" data-testid="row-count">
            {t('resources.count', { shown: shown.length, total: list.rows.length })}
          </span>
        )}
      </div>
      <ListState list={list} context={context} />
      {list.status !== 'error' && (
        <DataTable
          label={resource.key}
          rows={shown}
          columns={columns}
          rowKey={(r) => r.key}
          sort={sort}
          onSortChange={setSort}
          empty={list.status === 'loading' ? t('table.loading') : q ? t('table.noMatch', { q }) : t('table.empty')}
        />
      )}
    </section>
  );
}
