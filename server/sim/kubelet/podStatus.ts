/** The pod status the kubelet writes: phase, IPs, conditions with transition times, container statuses. */
import { rfc3339 } from '../../kube/object.ts';
import type { ContainerRuntime } from './containerRuntime.ts';
import type { PodRuntime } from './podLifecycle.ts';

interface Condition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** PodConditionsByKubelet: the ones this status rebuilds; the rest belong to others. */
const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- pod status is wire JSON (KubeObject.status is `any`) */
export function buildPodStatus(rt: PodRuntime, existing: any): Record<string, unknown> {
  const phase = rt.phase();
  const condition = (type: string, ok: boolean, reason?: string, message?: string): Condition => {
    const status = ok ? 'True' : 'False';
    const prev = rt.transitions.get(type);
    const at = prev && prev.status === status ? prev.at : rfc3339();
    rt.transitions.set(type, { status, at });
    const c: Condition = { type, status, lastProbeTime: null, lastTransitionTime: at };
    if (!ok && reason) c.reason = reason;
    if (!ok && message) c.message = message;
    return c;
  };
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const unready = rt.containers.filter((c) => !c.ready).map((c) => c.name);
  const incompleteInit = rt.initContainers.filter((c) => c.exitCode !== 0).map((c) => c.name);
  const readyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`;

  const existingScheduled = ((existing?.conditions ?? []) as Condition[]).find((c) => c.type === 'PodScheduled');
  const conditions: Condition[] = [
    // mergePodStatus: conditions the kubelet does not own (DisruptionTarget, readiness gates) stay, first.
    ...((existing?.conditions ?? []) as Condition[]).filter((c) => !KUBELET_CONDITIONS.has(c.type)),
    condition('PodReadyToStartContainers', rt.sandboxReady && !(terminal && rt.deleting)),
    condition('Initialized', rt.initialized, terminal ? 'PodCompleted' : 'ContainersNotInitialized', terminal ? undefined : `containers with incomplete status: [${incompleteInit.join(' ')}]`),
    condition('Ready', unready.length === 0 && !terminal, readyReason, readyMessage),
    condition('ContainersReady', unready.length === 0 && !terminal, readyReason, readyMessage),
    existingScheduled ?? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(rt.startTime) },
  ];
  const status: Record<string, unknown> = {
    ...(existing ?? {}),
    phase,
    conditions,
    hostIP: rt.hostIP,
    hostIPs: [{ ip: rt.hostIP }],
    podIP: rt.podIP,
    podIPs: [{ ip: rt.podIP }],
    startTime: rfc3339(rt.startTime),
    containerStatuses: rt.containers.map((c) => containerStatus(c)),
    qosClass: existing?.qosClass ?? qosClass(rt),
  };
  if (rt.initContainers.length) status.initContainerStatuses = rt.initContainers.map((c) => containerStatus(c));
  else delete status.initContainerStatuses;
  if (rt.ephemeralContainers.length) status.ephemeralContainerStatuses = rt.ephemeralContainers.map((c) => containerStatus(c));
  else delete status.ephemeralContainerStatuses;
  if (rt.failure) {
    status.reason = rt.failure.reason;
    status.message = rt.failure.message;
  }
  return status;
}

function containerStatus(c: ContainerRuntime): Record<string, unknown> {
  return c.status();
}

function qosClass(rt: PodRuntime): string {
  const all = [...rt.initContainers, ...rt.containers].map((c) => c.spec.resources ?? {});
  const hasAny = all.some((r) => Object.keys(r.requests ?? {}).length || Object.keys(r.limits ?? {}).length);
  if (!hasAny) return 'BestEffort';
  const guaranteed = all.every((r) => r.limits?.cpu && r.limits?.memory && (!r.requests?.cpu || r.requests.cpu === r.limits.cpu) && (!r.requests?.memory || r.requests.memory === r.limits.memory));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
