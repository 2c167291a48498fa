/** The selection every view shares, read from and written to the URL (so a reload restores it). */
import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { formatSort, parseSort, type SortState } from '../components/sortRows.ts';
import { formatNamespaces, parseNamespaces, searchString, withParam } from './selection.ts';

export interface Selection {
  context: string;
  /** Empty: all namespaces. */
  namespaces: string[];
  setNamespaces(namespaces: readonly string[]): void;
  q: string;
  setQ(q: string): void;
  sort: SortState | undefined;
  setSort(sort: SortState): void;
}

export function useSelection(defaultSort?: SortState): Selection {
  const { context = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const search = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const nsRaw = search.get('ns');
  const namespaces = useMemo(() => parseNamespaces(nsRaw), [nsRaw]);
  const q = search.get('q') ?? '';
  const sortRaw = search.get('sort');
  const sort = useMemo(() => parseSort(sortRaw) ?? defaultSort, [sortRaw, defaultSort]);

  const setParam = useCallback(
    (name: string, value: string, replace: boolean) => navigate({ pathname: location.pathname, search: searchString(withParam(search, name, value)) }, { replace }),
    [navigate, location.pathname, search],
  );
  const setNamespaces = useCallback((ns: readonly string[]) => setParam('ns', formatNamespaces(ns), false), [setParam]);
  // Typing in the filter replaces the history entry: Back leaves the view, not the last keystroke.
  const setQ = useCallback((value: string) => setParam('q', value, true), [setParam]);
  const setSort = useCallback((value: SortState) => setParam('sort', formatSort(value), true), [setParam]);

  return { context, namespaces, setNamespaces, q, setQ, sort, setSort };
}
