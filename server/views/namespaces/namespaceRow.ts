import type { KubeObject } from '../../kube/object.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewDefinition } from '../view.ts';

/** One namespace, for the namespace picker and the namespace list. */
export interface NamespaceRow extends Row {
  name: string;
  /** Active or Terminating. */
  phase: string;
  labels: Record<string, string>;
  creationTimestamp: string;
}

export function namespaceRow(obj: KubeObject): NamespaceRow {
  return {
    key: keyOf(obj),
    name: obj.metadata.name ?? '',
    phase: (obj.status as { phase?: string } | undefined)?.phase ?? (obj.metadata.deletionTimestamp ? 'Terminating' : 'Active'),
    labels: obj.metadata.labels ?? {},
    creationTimestamp: obj.metadata.creationTimestamp ?? '',
  };
}

export const namespacesView: ViewDefinition<NamespaceRow> = {
  resources: [{ group: '', version: 'v1', plural: 'namespaces', namespaced: false }],
  project: namespaceRow,
};
