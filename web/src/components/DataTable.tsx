/**
 * The one table: sortable columns and row virtualisation (fixed row height; only the rows in
 * view plus a margin are in the DOM), so 10,000 rows scroll smoothly. Rows are sorted in a
 * memo, once per change of `rows` (once per live batch), never per scroll.
 */
import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';
import { nextSort, sortRows, type SortState, type SortValue } from './sortRows.ts';
import { virtualWindow } from './virtualWindow.ts';
import './DataTable.css';

export interface Column<R> {
  id: string;
  header: string;
  /** A CSS grid track, e.g. `minmax(14rem, 3fr)` or `6rem`. */
  width: string;
  cell: (row: R) => ReactNode;
  /** Present: the column is sortable by this value. */
  sortValue?: (row: R) => SortValue;
  align?: 'start' | 'end';
}

export interface DataTableProps<R> {
  /** Accessible name of the table. */
  label: string;
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => string;
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
  /** Shown instead of rows when there are none. */
  empty?: ReactNode;
  rowHeight?: number;
}

export function DataTable<R>({ label, rows, columns, rowKey, sort, onSortChange, empty, rowHeight = 30 }: DataTableProps<R>) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const sortColumn = columns.find((c) => c.id === sort?.column && c.sortValue);
  const sorted = useMemo(
    () => (sortColumn?.sortValue && sort ? sortRows(rows, sortColumn.sortValue, sort.direction, rowKey) : rows),
    [rows, sortColumn, sort, rowKey],
  );

  const { first, last } = virtualWindow(scrollTop, viewport, rowHeight, sorted.length);
  const template: CSSProperties = { gridTemplateColumns: columns.map((c) => c.width).join(' ') };
  const visible = sorted.slice(first, last);

  return (
    <div
      className="data-table"
      ref={scroller}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      tabIndex={0}
      role="table"
      aria-label={label}
      aria-rowcount={sorted.length + 1}
    >
      <div className="data-table__head" role="rowgroup">
        <div className="data-table__row" role="row" aria-rowindex={1} style={template}>
          {columns.map((c) => {
            const active = sort?.column === c.id && Boolean(c.sortValue);
            const ariaSort = active ? (sort?.direction === 'asc' ? 'ascending' : 'descending') : c.sortValue ? 'none' : undefined;
            return (
              <div key={c.id} role="columnheader" aria-sort={ariaSort} className={`data-table__cell data-table__cell--${c.align ?? 'start'}`}>
                {c.sortValue && onSortChange ? (
                  <button type="button" className="data-table__sort" onClick={() => onSortChange(nextSort(sort, c.id))}>
                    {c.header}
                    <span aria-hidden="true" className="data-table__sort-mark">
                      {active ? (sort?.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                    {active && <span className="visually-hidden">, {t(sort?.direction === 'asc' ? 'table.sortAsc' : 'table.sortDesc')}</span>}
                  </button>
                ) : (
                  c.header
                )}
              </div>
            );
          })}
        </div>
      </div>
      {sorted.length === 0 ? (
        <div className="data-table__empty" role="row">
          <div role="cell">{empty ?? t('table.empty')}</div>
        </div>
      ) : (
        <div className="data-table__body" role="rowgroup" style={{ height: sorted.length * rowHeight }}>
          <div style={{ transform: `translateY(${first * rowHeight}px)` }}>
            {visible.map((row, i) => (
              <div key={rowKey(row)} className="data-table__row" role="row" aria-rowindex={first + i + 2} style={{ ...template, height: rowHeight }}>
                {columns.map((c) => (
                  <div key={c.id} role="cell" className={`data-table__cell data-table__cell--${c.align ?? 'start'}`}>
                    {c.cell(row)}
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
