import type { KubeObject } from '../../kube/object.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewCaches, ViewDefinition } from '../view.ts';
import { daemonSetRolloutStatus } from './daemonSetRollout.ts';
import { controlledBy, selectorString, templateImages } from './ownership.ts';
import { podSummary, type PodSummary } from './podSummary.ts';
import type { RolloutStatus } from './rolloutStatus.ts';
import { APPS, CORE } from './resources.ts';
import { ownerRowKey } from './statefulSetRow.ts';

export interface DaemonSetRow extends Row {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  desired: number;
  current: number;
  ready: number;
  upToDate: number;
  available: number;
  nodeSelector: Record<string, string>;
  images: string[];
  rollout: Pick<RolloutStatus, 'state' | 'reason' | 'explanation'>;
  selector: string;
  pods: PodSummary;
  labels: Record<string, string>;
  creationTimestamp: string;
}

export function daemonSetRow(d: KubeObject, caches: ViewCaches): DaemonSetRow {
  const ns = d.metadata.namespace ?? '';
  const pods = controlledBy(caches.get('pods').inNamespaces([ns]), d.metadata.uid);
  const r = daemonSetRolloutStatus(d, pods, caches.get('controllerrevisions.apps').inNamespaces([ns]));
  const status = d.status ?? {};
  return {
    key: keyOf(d),
    namespace: ns,
    name: d.metadata.name ?? '',
    uid: d.metadata.uid ?? '',
    resourceVersion: d.metadata.resourceVersion ?? '',
    desired: r.desired,
    current: status.currentNumberScheduled ?? 0,
    ready: r.ready,
    upToDate: r.updated,
    available: r.available,
    nodeSelector: d.spec?.template?.spec?.nodeSelector ?? {},
    images: templateImages(d.spec?.template),
    rollout: { state: r.state, reason: r.reason, explanation: r.explanation },
    selector: selectorString(d.spec?.selector),
    pods: podSummary(pods),
    labels: d.metadata.labels ?? {},
    creationTimestamp: d.metadata.creationTimestamp ?? '',
  };
}

export const daemonSetsView: ViewDefinition<DaemonSetRow> = {
  resources: [APPS('daemonsets'), CORE('pods'), APPS('controllerrevisions')],
  project: daemonSetRow,
  affectedBy: ownerRowKey('DaemonSet'),
};
