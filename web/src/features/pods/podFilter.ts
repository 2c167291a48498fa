/** The pod list's text filter: every word must appear in the name, namespace, node or status. */
import type { PodRow } from '../../../../server/views/pods/podRow.ts';

export function podMatches(row: Pick<PodRow, 'name' | 'namespace' | 'node' | 'status'>, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${row.name} ${row.namespace} ${row.node ?? ''} ${row.status}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}
