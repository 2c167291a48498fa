import type { KubeObject } from '../../kube/object.ts';

/**
 * Container and scheduling states that keep a rollout from ever finishing on its own, most
 * telling first. ErrImagePull turns into ImagePullBackOff after the first retry; both mean
 * the image cannot be pulled.
 */
const BLOCKING = [
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'Unschedulable',
] as const;

export type BlockingReason = (typeof BLOCKING)[number];

export interface PodFailure {
  reason: BlockingReason;
  /** The kubelet's or scheduler's message from one affected pod. */
  message: string;
  /** How many of the given pods are stuck for this reason. */
  pods: number;
  /** One affected pod, to link to. */
  example: string;
}

interface ContainerStatusShape {
  name: string;
  state?: { waiting?: { reason?: string; message?: string } };
}

function isBlocking(reason: string | undefined): reason is BlockingReason {
  return (BLOCKING as readonly string[]).includes(reason ?? '');
}

/** Why one pod cannot become ready, when the reason is one that does not fix itself. */
export function podBlockingReason(pod: Readonly<KubeObject>): { reason: BlockingReason; message: string } | undefined {
  if (pod.metadata.deletionTimestamp) return undefined;
  const statuses: ContainerStatusShape[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const cs of statuses) {
    const waiting = cs.state?.waiting;
    if (isBlocking(waiting?.reason)) return { reason: waiting.reason, message: waiting.message ?? '' };
  }
  const scheduled = (pod.status?.conditions as { type: string; status: string; reason?: string; message?: string }[] | undefined)?.find((c) => c.type === 'PodScheduled');
  if (!pod.spec?.nodeName && scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') return { reason: 'Unschedulable', message: scheduled.message ?? '' };
  return undefined;
}

/**
 * The reason most of `pods` are stuck on (ties go to the more telling reason), or undefined
 * when none is stuck.
 */
export function podFailure(pods: Iterable<Readonly<KubeObject>>): PodFailure | undefined {
  const found = new Map<BlockingReason, PodFailure>();
  for (const pod of pods) {
    const b = podBlockingReason(pod);
    if (!b) continue;
    const seen = found.get(b.reason);
    if (seen) seen.pods++;
    else found.set(b.reason, { reason: b.reason, message: b.message, pods: 1, example: pod.metadata.name ?? '' });
  }
  let best: PodFailure | undefined;
  for (const f of found.values()) {
    if (!best || f.pods > best.pods || (f.pods === best.pods && BLOCKING.indexOf(f.reason) < BLOCKING.indexOf(best.reason))) best = f;
  }
  return best;
}
