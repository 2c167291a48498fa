import type { V1Pod } from '@kubernetes/client-node';
import type { KubeObject } from '../../kube/object.ts';
import { effectivePodRequests, type PodRequests } from '../../kube/effectivePodRequests.ts';
import { eventRow, type EventRow } from '../events/eventRow.ts';
import { whyPending, type PendingExplanation } from '../nodes/whyPending.ts';
import { podStatus } from '../pods/podStatus.ts';
import { containerViews, type ContainerView } from './containerView.ts';
import { qosClass, type QosClass } from '../../kube/qosClass.ts';
import { explainRequests, type RequestsExplanation } from './requestsExplanation.ts';

export interface ContainerStateView {
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  reason?: string;
  message?: string;
  exitCode?: number;
  signal?: number;
  startedAt?: string;
  finishedAt?: string;
}

export interface PodContainerDetail extends ContainerView {
  ready: boolean;
  started?: boolean;
  restartCount: number;
  current: ContainerStateView;
  /** The previous run's end: OOMKilled / Error and its exit code. */
  lastTermination?: ContainerStateView;
}

export interface PodDetail {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  phase: string;
  status: string;
  node?: string;
  podIPs: string[];
  hostIP?: string;
  qosClass: QosClass;
  requests: PodRequests;
  requestsExplained: RequestsExplanation[];
  containers: PodContainerDetail[];
  /** The controller chain upwards: ReplicaSet, then Deployment. */
  ownerChain: { kind: string; name: string }[];
  volumes: { name: string; type: string; claimName?: string; source?: string }[];
  conditions: { type: string; status: string; reason?: string; message?: string }[];
  labels: Record<string, string>;
  creationTimestamp: string;
  events: EventRow[];
  /** Present while the pod waits for a node. */
  pending?: PendingExplanation;
}

interface StateShape {
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number; signal?: number; startedAt?: string; finishedAt?: string };
}

function stateView(s: StateShape | undefined): ContainerStateView {
  if (s?.running) return { state: 'running', ...(s.running.startedAt ? { startedAt: s.running.startedAt } : {}) };
  if (s?.waiting) return { state: 'waiting', ...(s.waiting.reason ? { reason: s.waiting.reason } : {}), ...(s.waiting.message ? { message: s.waiting.message } : {}) };
  if (s?.terminated) {
    const t = s.terminated;
    return JSON.parse(JSON.stringify({ state: 'terminated', reason: t.reason, message: t.message, exitCode: t.exitCode, signal: t.signal, startedAt: t.startedAt, finishedAt: t.finishedAt })) as ContainerStateView;
  }
  return { state: 'unknown' };
}

/** How a volume gets its data, in one word, and the claim it links to. */
function volumeView(v: Record<string, unknown>): PodDetail['volumes'][number] {
  const name = v.name as string;
  const type = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
  const src = v[type] as Record<string, unknown> | undefined;
  if (type === 'persistentVolumeClaim') return { name, type, claimName: src?.claimName as string };
  const source = (src?.name ?? src?.secretName ?? src?.path ?? src?.server) as string | undefined;
  return { name, type, ...(source ? { source } : {}) };
}

export interface PodDetailInputs {
  ownerChain: { kind: string; name: string }[];
  events: Iterable<Readonly<KubeObject>>;
  /** For the Pending explanation: the cluster's nodes and pods. */
  nodes?: Iterable<Readonly<KubeObject>>;
  pods?: Iterable<Readonly<KubeObject>>;
}

export function podDetail(pod: Readonly<KubeObject>, inputs: PodDetailInputs): PodDetail {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  type StatusShape = { name: string; ready?: boolean; started?: boolean; restartCount?: number; state?: StateShape; lastState?: StateShape };
  const all: StatusShape[] = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  const statuses = new Map(all.map((cs) => [cs.name, cs]));
  const containers = containerViews(spec).map((c): PodContainerDetail => {
    const cs = statuses.get(c.name);
    const last = cs?.lastState?.terminated ? stateView(cs.lastState) : undefined;
    return { ...c, ready: !!cs?.ready, ...(cs?.started !== undefined ? { started: cs.started } : {}), restartCount: cs?.restartCount ?? 0, current: stateView(cs?.state), ...(last ? { lastTermination: last } : {}) };
  });
  const events = [...inputs.events];
  const ownEvents = events.filter((e) => (e.involvedObject as { uid?: string } | undefined)?.uid === pod.metadata.uid).map(eventRow);
  const podIPs = ((status.podIPs as { ip: string }[] | undefined) ?? []).map((p) => p.ip);
  if (!podIPs.length && status.podIP) podIPs.push(status.podIP);
  const detail: PodDetail = {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid ?? '',
    resourceVersion: pod.metadata.resourceVersion ?? '',
    phase: status.phase ?? 'Pending',
    status: podStatus(pod as unknown as V1Pod).reason,
    ...(spec.nodeName ? { node: spec.nodeName } : {}),
    podIPs,
    ...(status.hostIP ? { hostIP: status.hostIP } : {}),
    qosClass: (status.qosClass as QosClass | undefined) ?? qosClass(pod),
    requests: effectivePodRequests(spec),
    requestsExplained: explainRequests(spec),
    containers,
    ownerChain: inputs.ownerChain,
    volumes: ((spec.volumes ?? []) as Record<string, unknown>[]).map(volumeView),
    conditions: ((status.conditions ?? []) as PodDetail['conditions']).map((c) => ({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) })),
    labels: pod.metadata.labels ?? {},
    creationTimestamp: pod.metadata.creationTimestamp ?? '',
    events: ownEvents,
  };
  if (!spec.nodeName && inputs.nodes) detail.pending = whyPending(pod, events, inputs.nodes, inputs.pods ?? []);
  return detail;
}
