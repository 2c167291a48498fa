/**
 * How the API server's Table becomes the console's table: which columns show (kubectl's
 * default set, priority 0, or all of them for `-o wide`), what a cell reads as, and how a
 * column sorts. Pure, so the rules are tested without a browser.
 */
import type { TableColumn } from '../../../../server/views/live/protocol.ts';
import type { SortValue } from '../../components/sortRows.ts';

/** kubectl's columns: priority 0 by default, every column with `-o wide`. */
export function shownColumns(columns: readonly TableColumn[], wide: boolean): { column: TableColumn; index: number }[] {
  return columns.map((column, index) => ({ column, index })).filter(({ column }) => wide || column.priority === 0);
}

/** The cell as kubectl prints it: `<none>` for null, lists comma-joined, objects as JSON. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined || cell === '') return cell === '' ? '' : '<none>';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (Array.isArray(cell)) return cell.map(cellText).join(',');
  return JSON.stringify(cell);
}

/**
 * The Age column: printers send a duration string ("5m") computed when the row was made, CRDs'
 * printer columns a `date` (kubectl turns it into an age). Either way the console shows the age
 * from the timestamp, ticking, so a quiet object's age does not freeze at its last change.
 */
export function isAgeColumn(column: TableColumn): boolean {
  return column.type === 'date' || (column.name === 'Age' && column.type === 'string');
}

/** The value a column sorts by: numbers as numbers, ages by creation time (newest first when descending), the rest as text. */
export function sortValueOf(column: TableColumn, cell: unknown, creationTimestamp: string | undefined): SortValue {
  if (isAgeColumn(column)) {
    const at = Date.parse(column.type === 'date' && typeof cell === 'string' ? cell : (creationTimestamp ?? ''));
    return Number.isNaN(at) ? undefined : -at;
  }
  if (typeof cell === 'number') return cell;
  if ((column.type === 'integer' || column.type === 'number') && typeof cell === 'string' && cell.trim() !== '' && !Number.isNaN(Number(cell))) return Number(cell);
  return cell === null || cell === undefined ? undefined : cellText(cell);
}
