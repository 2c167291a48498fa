/** The selection every view shares, read from and written to the URL (so a reload restores it). */
import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { formatSort, parseSort, type SortState } from '../components/sortRows.ts';
import { pendingSearch } from './pendingSearch.ts';
import { formatNamespaces, parseNamespaces, searchString, withParam } from './selection.ts';

export interface Selection {
  context: string;
  /** Empty: all namespaces. */
  namespaces: string[];
  /** From the selection as last asked for (maybe not rendered yet) to the next one. */
  updateNamespaces(update: (current: string[]) => string[]): void;
  q: string;
  setQ(q: string): void;
  sort: SortState | undefined;
  setSort(sort: SortState): void;
}

/**
 * Sets one query parameter of the current view (removed when empty). Builds on the last change
 * this tab asked for, even before it is rendered, so quick changes never undo each other.
 */
export function useSetSearchParam(): (name: string, value: string | ((current: string | null) => string), replace: boolean) => void {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  return useCallback(
    (name: string, value: string | ((current: string | null) => string), replace: boolean) => {
      const base = new URLSearchParams(pendingSearch.base(pathname, search));
      const next = searchString(withParam(base, name, typeof value === 'function' ? value(base.get(name)) : value));
      pendingSearch.record(pathname, search, next);
      navigate({ pathname, search: next }, { replace });
    },
    [navigate, pathname, search],
  );
}

export function useSelection(defaultSort?: SortState): Selection {
  const { context = '' } = useParams();
  const location = useLocation();
  const setParam = useSetSearchParam();
  const search = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const nsRaw = search.get('ns');
  const namespaces = useMemo(() => parseNamespaces(nsRaw), [nsRaw]);
  const q = search.get('q') ?? '';
  const sortRaw = search.get('sort');
  const sort = useMemo(() => parseSort(sortRaw) ?? defaultSort, [sortRaw, defaultSort]);

  const updateNamespaces = useCallback((update: (current: string[]) => string[]) => setParam('ns', (raw) => formatNamespaces(update(parseNamespaces(raw))), false), [setParam]);
  // Typing in the filter replaces the history entry: Back leaves the view, not the last keystroke.
  const setQ = useCallback((value: string) => setParam('q', value, true), [setParam]);
  const setSort = useCallback((value: SortState) => setParam('sort', formatSort(value), true), [setParam]);

  return { context, namespaces, updateNamespaces, q, setQ, sort, setSort };
}
