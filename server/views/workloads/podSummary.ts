import type { V1Pod } from '@kubernetes/client-node';
import type { KubeObject } from '../../kube/object.ts';
import { podStatus } from '../pods/podStatus.ts';

/** A workload's pods in one line: how many, how many ready, and counts by kubectl STATUS. */
export interface PodSummary {
  total: number;
  ready: number;
  restarts: number;
  /** `{ Running: 2, ImagePullBackOff: 1 }`. */
  byStatus: Record<string, number>;
  /** The status that most needs attention, when any pod is not Running/Completed. */
  worst?: string;
}

const HEALTHY = new Set(['Running', 'Completed', 'Succeeded']);
/** Most alarming first; anything unlisted ranks after these and before Pending-like states. */
const SEVERITY = ['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'OOMKilled', 'Error', 'CreateContainerConfigError', 'InvalidImageName', 'Unknown', 'NotReady', 'Pending', 'ContainerCreating', 'PodInitializing', 'Terminating'];

function rank(status: string): number {
  const i = SEVERITY.indexOf(status);
  if (i >= 0) return i;
  return status.startsWith('Init:') ? SEVERITY.indexOf('Pending') - 0.5 : SEVERITY.indexOf('Unknown') + 0.5;
}

export function podSummary(pods: Iterable<Readonly<KubeObject>>): PodSummary {
  const out: PodSummary = { total: 0, ready: 0, restarts: 0, byStatus: {} };
  for (const pod of pods) {
    // The wire JSON is a V1Pod apart from timestamps being strings; podStatus accepts both.
    const s = podStatus(pod as unknown as V1Pod);
    out.total++;
    out.restarts += s.restarts;
    if (s.totalContainers > 0 && s.readyContainers === s.totalContainers) out.ready++;
    out.byStatus[s.reason] = (out.byStatus[s.reason] ?? 0) + 1;
    if (!HEALTHY.has(s.reason) && (out.worst === undefined || rank(s.reason) < rank(out.worst))) out.worst = s.reason;
  }
  return out;
}
