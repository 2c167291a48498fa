import type { KubeObject, ObjectMeta } from '../../kube/object.ts';
import type { TableColumn } from '../live/protocol.ts';
import type { ApiResource } from './apiResource.ts';

/** How an informer asks for a resource and reads what comes back: whole objects, or the API server's Table rows. */
export interface InformerFormat {
  /** Accept header of its lists and watches. */
  readonly accept: string;
  /** Extra query parameters of its lists and watches. */
  readonly query: Readonly<Record<string, string>>;
  /** The columns of the last list, for formats that have them. */
  readonly columns?: readonly TableColumn[];
  /** The objects of one list page. */
  items(page: unknown): KubeObject[];
  /** The object one ADDED/MODIFIED/DELETED watch event carries, if any. */
  object(eventObject: unknown): KubeObject | undefined;
}

const objects: InformerFormat = {
  accept: 'application/json',
  query: {},
  items: (page) => (page as { items?: KubeObject[] }).items ?? [],
  object: (o) => ((o as KubeObject | undefined)?.metadata ? (o as KubeObject) : undefined),
};

/** A Table row kept in an informer's cache: its object's metadata and kubectl's cells for it. */
export interface TableRowObject extends KubeObject {
  kind: 'TableRow';
  cells: unknown[];
}

export function isTableRow(o: KubeObject): o is TableRowObject {
  return o.kind === 'TableRow' && Array.isArray((o as Partial<TableRowObject>).cells);
}

interface Table {
  columnDefinitions?: TableColumn[] | null;
  rows?: { cells?: unknown[]; object?: { metadata?: ObjectMeta } }[] | null;
}

/** Only the kubectl `Accept` a Table needs: no v1beta1 or plain-JSON fallback, so a server that cannot make one says 406. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io';

function rowsOf(table: Table): TableRowObject[] {
  const out: TableRowObject[] = [];
  for (const row of table.rows ?? []) {
    // includeObject=Metadata puts each row's PartialObjectMetadata beside its cells: that is the row's identity.
    const metadata = row.object?.metadata;
    if (!metadata?.name) continue;
    out.push({ kind: 'TableRow', metadata, cells: row.cells ?? [] });
  }
  return out;
}

/**
 * The Table format: lists and watches as `kubectl get` asks for them, with each row's
 * metadata (includeObject=Metadata). The columns come with each list; watch events carry
 * them only on a stream's first event (kube-apiserver omits them after), so the list's stay.
 */
class TableFormat implements InformerFormat {
  readonly accept = TABLE_ACCEPT;
  readonly query = { includeObject: 'Metadata' };
  columns: readonly TableColumn[] | undefined;

  items(page: unknown): KubeObject[] {
    const table = page as Table;
    if (table.columnDefinitions) this.columns = table.columnDefinitions;
    return rowsOf(table);
  }

  object(eventObject: unknown): KubeObject | undefined {
    return rowsOf(eventObject as Table)[0];
  }
}

/** A fresh format for an informer of `resource` (the Table one keeps that informer's columns). */
export function formatFor(resource: ApiResource): InformerFormat {
  return resource.as === 'Table' ? new TableFormat() : objects;
}
