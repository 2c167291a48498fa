/** Links to the detail pages: `/c/{context}/{plural}/{namespace}/{name}` (and `/logs` under it). */
import { viewPath } from '../../app/selection.ts';

export type DetailKind = 'deployments' | 'statefulsets' | 'daemonsets' | 'replicasets' | 'pods';

export function detailPath(context: string, kind: DetailKind, namespace: string, name: string): string {
  return viewPath(context, `${kind}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`);
}

const BY_KIND: Readonly<Record<string, DetailKind>> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  ReplicaSet: 'replicasets',
  Pod: 'pods',
};

/** The detail page of an owner or event object by its Kind, when the console has one. */
export function kindPath(context: string, kind: string, namespace: string, name: string): string | undefined {
  const plural = BY_KIND[kind];
  return plural ? detailPath(context, plural, namespace, name) : undefined;
}
