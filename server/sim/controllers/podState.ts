import type { KubeObject } from '../../kube/object.ts';

interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

/** Not finished and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: Readonly<KubeObject>): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function isPodTerminating(pod: Readonly<KubeObject>): boolean {
  return !!pod.metadata.deletionTimestamp;
}

function readyCondition(pod: Readonly<KubeObject>): PodCondition | undefined {
  return (pod.status?.conditions as PodCondition[] | undefined)?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Readonly<KubeObject>): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the pod last became Ready (ms since epoch), or undefined when not ready. */
export function readySince(pod: Readonly<KubeObject>): number | undefined {
  const c = readyCondition(pod);
  if (c?.status !== 'True') return undefined;
  return c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
}

/**
 * Ready for at least minReadySeconds (podutil.IsPodAvailable). The seconds are simulated:
 * at speed S a pod is available after minReadySeconds/S real seconds.
 */
export function isPodAvailable(pod: Readonly<KubeObject>, minReadySeconds: number, speed: number, now = Date.now()): boolean {
  const since = readySince(pod);
  if (since === undefined) return false;
  if (!minReadySeconds) return true;
  return since + (minReadySeconds * 1000) / speed <= now;
}

/** Simulated milliseconds until a ready pod becomes available (0 when it already is or is not ready). */
export function simMsUntilAvailable(pod: Readonly<KubeObject>, minReadySeconds: number, speed: number, now = Date.now()): number {
  const since = readySince(pod);
  if (since === undefined || !minReadySeconds) return 0;
  return Math.max(0, (since + (minReadySeconds * 1000) / speed - now) * speed);
}

export function isRunningAndReady(pod: Readonly<KubeObject>): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}
