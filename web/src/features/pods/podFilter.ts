/** The pod list's text filter: every word must appear in the name, namespace, node or status. */
import type { PodRow } from '../../../../server/views/pods/podRow.ts';
import { textMatches } from '../../components/textMatches.ts';

type FilteredPod = Pick<PodRow, 'name' | 'namespace' | 'node' | 'status'>;

/** The text the pod list's filter searches. */
export function podText(row: FilteredPod): string {
  return `${row.name} ${row.namespace} ${row.node ?? ''} ${row.status}`;
}

export function podMatches(row: FilteredPod, q: string): boolean {
  return textMatches(podText(row), undefined, q);
}
