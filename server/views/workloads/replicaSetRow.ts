import type { KubeObject } from '../../kube/object.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewCaches, ViewDefinition } from '../view.ts';
import { controlledBy, controllerOf, selectorString, templateImages } from './ownership.ts';
import { podSummary, type PodSummary } from './podSummary.ts';
import { revisionOf } from './rolloutStatus.ts';
import { APPS, CORE } from './resources.ts';
import { ownerRowKey } from './statefulSetRow.ts';

export interface ReplicaSetRow extends Row {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  desired: number;
  current: number;
  ready: number;
  revision: number;
  images: string[];
  owner?: { kind: string; name: string };
  changeCause?: string;
  selector: string;
  pods: PodSummary;
  labels: Record<string, string>;
  creationTimestamp: string;
}

export function replicaSetRow(rs: KubeObject, caches: ViewCaches): ReplicaSetRow {
  const pods = controlledBy(caches.get('pods').inNamespaces([rs.metadata.namespace ?? '']), rs.metadata.uid);
  const owner = controllerOf(rs);
  const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
  return {
    key: keyOf(rs),
    namespace: rs.metadata.namespace ?? '',
    name: rs.metadata.name ?? '',
    uid: rs.metadata.uid ?? '',
    resourceVersion: rs.metadata.resourceVersion ?? '',
    desired: rs.spec?.replicas ?? 1,
    current: rs.status?.replicas ?? 0,
    ready: rs.status?.readyReplicas ?? 0,
    revision: revisionOf(rs),
    images: templateImages(rs.spec?.template),
    ...(owner ? { owner: { kind: owner.kind, name: owner.name } } : {}),
    ...(cause ? { changeCause: cause } : {}),
    selector: selectorString(rs.spec?.selector),
    pods: podSummary(pods),
    labels: rs.metadata.labels ?? {},
    creationTimestamp: rs.metadata.creationTimestamp ?? '',
  };
}

export const replicaSetsView: ViewDefinition<ReplicaSetRow> = {
  resources: [APPS('replicasets'), CORE('pods')],
  project: replicaSetRow,
  affectedBy: ownerRowKey('ReplicaSet'),
};
