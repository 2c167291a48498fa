import type { KubeObject } from '../../kube/object.ts';
import { eventRow, type EventRow } from '../events/eventRow.ts';
import { podRow, type PodRow } from '../pods/podRow.ts';
import { containerViews, type ContainerView } from './containerView.ts';
import { daemonSetRolloutStatus, type DaemonSetRollout } from './daemonSetRollout.ts';
import { controlledBy, controllerOf, selectorString } from './ownership.ts';
import { replicaSetFacts, type ReplicaSetFacts } from './replicaSetFacts.ts';
import { controllerRevisionHistory, revisionHistory, type Revision } from './revisionHistory.ts';
import { rolloutStatus, type DeploymentRollout } from './rolloutStatus.ts';
import { statefulSetRolloutStatus, type StatefulSetRollout } from './statefulSetRollout.ts';

/** Everything the detail page of a Deployment, StatefulSet, DaemonSet or ReplicaSet shows, joined. */
export interface WorkloadDetail {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  creationTimestamp: string;
  replicas?: number;
  selector: string;
  strategy: Record<string, unknown>;
  conditions: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[];
  containers: ContainerView[];
  rollout?: DeploymentRollout | StatefulSetRollout | DaemonSetRollout;
  /** ReplicaSets only: counts, revision, pod-template-hash and owner. */
  replicaSet?: ReplicaSetFacts;
  revisions: Revision[];
  pods: PodRow[];
  events: EventRow[];
}

export interface WorkloadRelatives {
  replicaSets: Iterable<Readonly<KubeObject>>;
  controllerRevisions: Iterable<Readonly<KubeObject>>;
  /** Pods of the namespace; the ones the workload controls are picked here. */
  pods: Iterable<Readonly<KubeObject>>;
  /** Events of the namespace; those about the workload, its ReplicaSets and pods are kept. */
  events: Iterable<Readonly<KubeObject>>;
  /** The controlling object, when read (a ReplicaSet's Deployment). */
  owner?: Readonly<KubeObject>;
}

const HIDDEN_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function strategyOf(obj: Readonly<KubeObject>): Record<string, unknown> {
  const spec = obj.spec ?? {};
  switch (obj.kind) {
    case 'Deployment':
      return { ...(spec.strategy ?? { type: 'RollingUpdate' }), minReadySeconds: spec.minReadySeconds ?? 0, progressDeadlineSeconds: spec.progressDeadlineSeconds ?? 600, revisionHistoryLimit: spec.revisionHistoryLimit ?? 10 };
    case 'StatefulSet':
      return { ...(spec.updateStrategy ?? { type: 'RollingUpdate' }), podManagementPolicy: spec.podManagementPolicy ?? 'OrderedReady', serviceName: spec.serviceName };
    case 'DaemonSet':
      return { ...(spec.updateStrategy ?? { type: 'RollingUpdate' }), minReadySeconds: spec.minReadySeconds ?? 0 };
    default:
      return {};
  }
}

export function workloadDetail(obj: Readonly<KubeObject>, rel: WorkloadRelatives): WorkloadDetail {
  const allPods = [...rel.pods];
  const replicaSets = controlledBy([...rel.replicaSets], obj.metadata.uid);
  const revisions = [...rel.controllerRevisions];
  let pods: KubeObject[];
  let rollout: WorkloadDetail['rollout'];
  let history: Revision[] = [];
  if (obj.kind === 'Deployment') {
    const rsUids = new Set(replicaSets.map((rs) => rs.metadata.uid));
    pods = allPods.filter((p) => rsUids.has(controllerOf(p)?.uid));
    rollout = rolloutStatus(obj, replicaSets, pods);
    history = revisionHistory(obj, replicaSets, pods);
  } else {
    pods = controlledBy(allPods, obj.metadata.uid);
    if (obj.kind === 'StatefulSet') rollout = statefulSetRolloutStatus(obj, pods);
    if (obj.kind === 'DaemonSet') rollout = daemonSetRolloutStatus(obj, pods, revisions);
    if (obj.kind === 'StatefulSet' || obj.kind === 'DaemonSet') history = controllerRevisionHistory(obj, revisions, pods);
  }
  const related = new Set([obj.metadata.uid, ...replicaSets.map((r) => r.metadata.uid), ...pods.map((p) => p.metadata.uid)]);
  const events = [...rel.events]
    .filter((e) => related.has((e.involvedObject as { uid?: string } | undefined)?.uid))
    .map(eventRow)
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
  const annotations = Object.fromEntries(Object.entries(obj.metadata.annotations ?? {}).filter(([k]) => !HIDDEN_ANNOTATIONS.has(k)));
  return {
    kind: obj.kind ?? '',
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
    uid: obj.metadata.uid ?? '',
    resourceVersion: obj.metadata.resourceVersion ?? '',
    generation: obj.metadata.generation ?? 0,
    labels: obj.metadata.labels ?? {},
    annotations,
    creationTimestamp: obj.metadata.creationTimestamp ?? '',
    ...(obj.spec?.replicas !== undefined ? { replicas: obj.spec.replicas as number } : {}),
    selector: selectorString(obj.spec?.selector),
    strategy: strategyOf(obj),
    conditions: ((obj.status?.conditions ?? []) as WorkloadDetail['conditions']).map((c) => ({ ...c })),
    containers: containerViews(obj.spec?.template?.spec),
    ...(rollout ? { rollout } : {}),
    ...(obj.kind === 'ReplicaSet' ? { replicaSet: replicaSetFacts(obj, rel.owner) } : {}),
    revisions: history,
    pods: pods.map(podRow),
    events,
  };
}
