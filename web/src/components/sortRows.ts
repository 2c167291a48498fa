/** Sorting for the shared table: natural order for names (`pod-2` before `pod-10`), stable ties. */
export type SortDirection = 'asc' | 'desc';
export type SortValue = string | number | undefined;

export interface SortState {
  column: string;
  direction: SortDirection;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const missing = (v: SortValue) => v === undefined || v === '';

export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** A new sorted array; `tieBreak` (usually the row key) keeps equal rows in a fixed order across updates. */
export function sortRows<R>(rows: readonly R[], value: (row: R) => SortValue, direction: SortDirection, tieBreak: (row: R) => string): R[] {
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, v: value(row), k: tieBreak(row) }));
  keyed.sort((x, y) => {
    // Rows without a value go last whichever the direction.
    const mx = missing(x.v);
    const my = missing(y.v);
    if (mx !== my) return mx ? 1 : -1;
    const byValue = mx ? 0 : sign * compareValues(x.v, y.v);
    return byValue || (x.k < y.k ? -1 : x.k > y.k ? 1 : 0);
  });
  return keyed.map((e) => e.row);
}

/** `name` → `{name, asc}`, `-age` → `{age, desc}` (the URL form). */
export function parseSort(raw: string | null | undefined): SortState | undefined {
  if (!raw) return undefined;
  return raw.startsWith('-') ? { column: raw.slice(1), direction: 'desc' } : { column: raw, direction: 'asc' };
}

export function formatSort(sort: SortState): string {
  return sort.direction === 'desc' ? `-${sort.column}` : sort.column;
}

/** Clicking a header: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortState | undefined, column: string): SortState {
  if (current?.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}
