/**
 * A live list view: title, text/label filter, status chips and the shared table, every
 * filter in the URL (`?ns=shop&q=app%3Dapi&status=failed&sort=-age`) like the pods view.
 * A list is described by a `ListSpec`; the page only wires the spec to the live channel.
 */
import { useCallback, useMemo, type ComponentType } from 'react';
import { useSearchParams } from 'react-router';
import type { Row, RowOrder } from '../../../server/views/live/protocol.ts';
import { useLiveList } from '../api/live.ts';
import { useSelection, useSetSearchParam } from '../app/useSelection.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import type { Translate } from '../i18n/translate.ts';
import { DataTable, type Column } from './DataTable.tsx';
import { FilterBox } from './FilterBox.tsx';
import { ListState } from './ListState.tsx';
import type { SortState } from './sortRows.ts';
import { StatusChips, type Chip } from './StatusChips.tsx';
import { textMatches } from './textMatches.ts';
import './liveList.css';

export interface ListSpec<R extends Row> {
  /** The live view name, also the page id. */
  view: string;
  title: MessageKey;
  filterPlaceholder: MessageKey;
  /** `{shown} of {total} …`. */
  count: MessageKey;
  columns(t: Translate, context: string): Column<R>[];
  /** The text the filter searches. */
  text(row: R): string;
  labels?(row: R): Readonly<Record<string, string>> | undefined;
  /** Status chips: the values in display order and the value of each row. */
  chips?: { values: readonly { value: string; label: MessageKey; tone: Chip['tone'] }[]; of(row: R): string };
  clusterScoped?: boolean;
  /** A yes/no filter kept in the URL as `?{param}=1` (the storage lists' orphans), shown as a checkbox. */
  toggle?: { param: string; label: MessageKey; of(row: R): boolean };
  /** Shown in the page bar (a create button), and under the table (what the toggle also finds elsewhere). */
  toolbar?: ComponentType<{ context: string; namespaces: readonly string[] }>;
  footer?: ComponentType<{ context: string; namespaces: readonly string[]; toggled: boolean }>;
  defaultSort: SortState;
  rowKey(row: R): string;
  /**
   * The row field a sort orders by, for sorts the server can repeat: then a big list's first
   * screen in that order comes ahead of the rest. Absent or undefined: the list comes whole.
   */
  serverOrder?(sort: SortState): RowOrder | undefined;
}

/** Rows sent ahead of the rest: more than any screen shows (30 px rows), far fewer than a big list. */
const FIRST_SCREEN_ROWS = 100;

function parseList(raw: string | null): string[] {
  return raw ? raw.split(',').filter(Boolean) : [];
}

export function LiveListPage<R extends Row>({ spec }: { spec: ListSpec<R> }) {
  const t = useT();
  const { context, namespaces, q, setQ, sort, setSort } = useSelection(spec.defaultSort);
  const [search] = useSearchParams();
  const setParam = useSetSearchParam();
  // A list without chips ignores `?status=`.
  const statusRaw = spec.chips ? search.get('status') : null;
  const selected = useMemo(() => parseList(statusRaw), [statusRaw]);
  const setSelected = useCallback((next: string[]) => setParam('status', next.join(','), true), [setParam]);
  const order = sort && spec.serverOrder?.(sort);
  const list = useLiveList<R>(spec.view, context, spec.clusterScoped ? [] : namespaces, undefined, order ? { rows: FIRST_SCREEN_ROWS, order } : undefined);
  const columns = useMemo(() => spec.columns(t, context), [spec, t, context]);
  const textShown = useMemo(() => (q ? list.rows.filter((r) => textMatches(spec.text(r), spec.labels?.(r), q)) : list.rows), [list.rows, q, spec]);
  const chips = spec.chips;
  const toggle = spec.toggle;
  const toggled = !!toggle && search.get(toggle.param) === '1';
  const toggleShown = useMemo(() => (toggle && toggled ? textShown.filter((r) => toggle.of(r)) : textShown), [textShown, toggle, toggled]);
  const shown = useMemo(() => (chips && selected.length ? toggleShown.filter((r) => selected.includes(chips.of(r))) : toggleShown), [toggleShown, chips, selected]);
  const chipList = useMemo<Chip[]>(() => {
    if (!chips) return [];
    const counts = new Map<string, number>();
    for (const r of toggleShown) counts.set(chips.of(r), (counts.get(chips.of(r)) ?? 0) + 1);
    return chips.values.map((c) => ({ value: c.value, label: t(c.label), tone: c.tone, count: counts.get(c.value) ?? 0 }));
  }, [chips, toggleShown, t]);
  const titleId = `${spec.view}-title`;
  const Toolbar = spec.toolbar;
  const Footer = spec.footer;

  return (
    <section className="page" aria-labelledby={titleId} data-testid={`list-${spec.view}`}>
      <div className="page__bar">
        <h1 id={titleId} className="page__title">
          {t(spec.title)}
        </h1>
        <FilterBox value={q} onChange={setQ} placeholder={t(spec.filterPlaceholder)} />
        {chips && <StatusChips chips={chipList} selected={selected} onChange={setSelected} />}
        {toggle && (
          <label className="list-toggle" data-testid={`toggle-${toggle.param}`}>
            <input type="checkbox" checked={toggled} onChange={(e) => setParam(toggle.param, e.target.checked ? '1' : '', true)} /> {t(toggle.label)}
          </label>
        )}
        {Toolbar && <Toolbar context={context} namespaces={namespaces} />}
        {list.status !== 'error' && (
          <span className="page__count" data-testid="row-count" aria-busy={list.status === 'loading'}>
            {/* Until the list is whole its total is unknown: the first screen is not the count. */}
            {list.status === 'loading' ? t('table.loading') : t(spec.count, { shown: shown.length, total: list.rows.length })}
          </span>
        )}
      </div>
      <ListState list={list} context={context} />
      {list.status !== 'error' && (
        <DataTable
          label={t(spec.title)}
          rows={shown}
          columns={columns}
          rowKey={spec.rowKey}
          sort={sort}
          onSortChange={setSort}
          empty={list.status === 'loading' ? t('table.loading') : q || selected.length || toggled ? t('table.noMatch', { q: [q, ...selected, toggled && toggle ? t(toggle.label) : ''].filter(Boolean).join(' ') }) : t('table.empty')}
        />
      )}
      {Footer && <Footer context={context} namespaces={namespaces} toggled={toggled} />}
    </section>
  );
}
