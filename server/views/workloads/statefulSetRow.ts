import type { KubeObject } from '../../kube/object.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewCaches, ViewDefinition } from '../view.ts';
import { controlledBy, controllerOf, selectorString, templateImages } from './ownership.ts';
import { podSummary, type PodSummary } from './podSummary.ts';
import type { RolloutStatus } from './rolloutStatus.ts';
import { APPS, CORE } from './resources.ts';
import { statefulSetRolloutStatus } from './statefulSetRollout.ts';

export interface StatefulSetRow extends Row {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  ready: string;
  readyReplicas: number;
  desired: number;
  upToDate: number;
  partition: number;
  images: string[];
  rollout: Pick<RolloutStatus, 'state' | 'reason' | 'explanation'>;
  serviceName: string;
  selector: string;
  pods: PodSummary;
  labels: Record<string, string>;
  creationTimestamp: string;
}

export function statefulSetRow(s: KubeObject, caches: ViewCaches): StatefulSetRow {
  const pods = controlledBy(caches.get('pods').inNamespaces([s.metadata.namespace ?? '']), s.metadata.uid);
  const r = statefulSetRolloutStatus(s, pods);
  return {
    key: keyOf(s),
    namespace: s.metadata.namespace ?? '',
    name: s.metadata.name ?? '',
    uid: s.metadata.uid ?? '',
    resourceVersion: s.metadata.resourceVersion ?? '',
    ready: `${r.ready}/${r.desired}`,
    readyReplicas: r.ready,
    desired: r.desired,
    upToDate: r.updated,
    partition: r.partition,
    images: templateImages(s.spec?.template),
    rollout: { state: r.state, reason: r.reason, explanation: r.explanation },
    serviceName: s.spec?.serviceName ?? '',
    selector: selectorString(s.spec?.selector),
    pods: podSummary(pods),
    labels: s.metadata.labels ?? {},
    creationTimestamp: s.metadata.creationTimestamp ?? '',
  };
}

/** A pod touches the row of the workload that controls it, when that is of `kind`. */
export function ownerRowKey(kind: string) {
  return (_resource: string, obj: KubeObject): string[] => {
    const owner = controllerOf(obj);
    return owner?.kind === kind ? [`${obj.metadata.namespace ?? ''}/${owner.name}`] : [];
  };
}

export const statefulSetsView: ViewDefinition<StatefulSetRow> = {
  resources: [APPS('statefulsets'), CORE('pods')],
  project: statefulSetRow,
  affectedBy: ownerRowKey('StatefulSet'),
};
