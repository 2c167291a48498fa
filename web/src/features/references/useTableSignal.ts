/**
 * A string that changes whenever a core resource's objects in a namespace change, from the live
 * channel's Table view (names and printed columns: a Secret's row has its type and key count,
 * never a value). Sections hand it to useRefreshingFetch to ask the BFF again, not to poll.
 */
import { useMemo } from 'react';
import type { TableRow } from '../../../../server/views/table/tableView.ts';
import { useLiveList } from '../../api/live.ts';

export function useTableSignal(context: string, namespace: string, plural: string): string {
  const params = useMemo(() => ({ group: '', version: 'v1', plural }), [plural]);
  const live = useLiveList<TableRow>('table', context, [namespace], params);
  return useMemo(() => `${live.status}:${JSON.stringify(live.rows.map((r) => [r.key, r.cells]))}`, [live.status, live.rows]);
}
