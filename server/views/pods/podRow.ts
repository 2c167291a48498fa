import type { V1Pod } from '@kubernetes/client-node';
import type { KubeObject } from '../../kube/object.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewDefinition } from '../view.ts';
import { podStatus } from './podStatus.ts';

/**
 * One line of the pod list: what `kubectl get pods -o wide` shows, plus the owner. No uid: no
 * list shows it or writes with it (a pod's page reads it with the pod), and it was a sixth of
 * the row's bytes on the live channel.
 */
export interface PodRow extends Row {
  namespace: string;
  name: string;
  /** status.phase: Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  /** kubectl's STATUS column: CrashLoopBackOff, ImagePullBackOff, ContainerCreating, Init:0/1, Completed, Terminating... */
  status: string;
  /** `1/2`: ready containers / containers (sidecars count). */
  ready: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  /** RFC3339 time of the last container termination that led to a restart. */
  lastRestart?: string;
  node?: string;
  podIP?: string;
  /** The controlling owner (ReplicaSet, Job, StatefulSet, DaemonSet, Node for static pods). */
  owner?: { kind: string; name: string };
  labels: Record<string, string>;
  creationTimestamp: string;
  /** Set once deletion has been requested (graceful termination in progress). */
  deletionTimestamp?: string;
}

export function podRow(obj: KubeObject): PodRow {
  // The wire JSON is a V1Pod apart from timestamps being strings; podStatus accepts both.
  const pod = obj as unknown as V1Pod;
  const meta = obj.metadata;
  const s = podStatus(pod);
  const row: PodRow = {
    key: keyOf(obj),
    namespace: meta.namespace ?? '',
    name: meta.name ?? '',
    phase: pod.status?.phase ?? 'Pending',
    status: s.reason || 'Pending',
    ready: `${s.readyContainers}/${s.totalContainers}`,
    readyContainers: s.readyContainers,
    totalContainers: s.totalContainers,
    restarts: s.restarts,
    labels: meta.labels ?? {},
    creationTimestamp: meta.creationTimestamp ?? '',
  };
  if (s.lastRestart) row.lastRestart = s.lastRestart;
  if (pod.spec?.nodeName) row.node = pod.spec.nodeName;
  if (pod.status?.podIP) row.podIP = pod.status.podIP;
  const owner = meta.ownerReferences?.find((o) => o.controller) ?? meta.ownerReferences?.[0];
  if (owner) row.owner = { kind: owner.kind, name: owner.name };
  if (meta.deletionTimestamp) row.deletionTimestamp = meta.deletionTimestamp;
  return row;
}

export const podsView: ViewDefinition<PodRow> = {
  resources: [{ group: '', version: 'v1', plural: 'pods', namespaced: true }],
  project: podRow,
};
