import type { KubeObject } from '../../kube/object.ts';

/** The pod's Ready condition is True (what readyReplicas counts). */
export function podReady(pod: Readonly<KubeObject>): boolean {
  return ((pod.status?.conditions as { type: string; status: string }[] | undefined) ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}
