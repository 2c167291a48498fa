import type { KubeObject } from '../../kube/object.ts';
import { rfc3339 } from '../../kube/object.ts';
import { maxUnavailable, replicasOf, sumSpecReplicas, sumStatus } from './deploymentReplicas.ts';

export interface DeploymentCondition {
  type: 'Available' | 'Progressing' | 'ReplicaFailure';
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  collisionCount?: number;
  conditions?: DeploymentCondition[];
}

/** Progressing reasons, as deploymentutil names them. */
export const REASON = {
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
} as const;

export function newCondition(type: DeploymentCondition['type'], status: DeploymentCondition['status'], reason: string, message: string): DeploymentCondition {
  const now = rfc3339();
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: DeploymentCondition['type']): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** deploymentutil.SetDeploymentCondition: same status and reason is no change; same status keeps the transition time. */
export function setCondition(status: DeploymentStatus, c: DeploymentCondition): void {
  const current = getCondition(status, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  if (current && current.status === c.status) c.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(status: DeploymentStatus, type: DeploymentCondition['type']): void {
  status.conditions = (status.conditions ?? []).filter((x) => x.type !== type);
}

/** DeploymentController.calculateStatus: counts from the ReplicaSets plus the Available condition. */
export function calculateStatus(d: Readonly<KubeObject>, allRSs: readonly Readonly<KubeObject>[], newRS: Readonly<KubeObject> | undefined): DeploymentStatus {
  const available = sumStatus(allRSs, 'availableReplicas');
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(allRSs, 'replicas'),
    updatedReplicas: newRS ? sumStatus([newRS], 'replicas') : 0,
    readyReplicas: sumStatus(allRSs, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpecReplicas(allRSs) - available),
    conditions: structuredClone((d.status as DeploymentStatus | undefined)?.conditions ?? []),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'));
  } else {
    setCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'));
  }
  return status;
}

/** The wire shape: the API server omits zero counts (omitempty), `replicas` included. */
export function wireStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = { ...s };
  for (const f of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) if (!out[f]) delete out[f];
  if (!out.conditions?.length) delete out.conditions;
  return out;
}

export function hasProgressDeadline(d: Readonly<KubeObject>): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return typeof s === 'number' && s !== 2147483647;
}

/** deploymentutil.DeploymentComplete. */
export function deploymentComplete(d: Readonly<KubeObject>, s: DeploymentStatus): boolean {
  const want = replicasOf(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** deploymentutil.DeploymentProgressing: any count moved the right way since the last status. */
function deploymentProgressing(d: Readonly<KubeObject>, s: DeploymentStatus): boolean {
  const old = (d.status ?? {}) as DeploymentStatus;
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** Simulated ms until the progress deadline passes (deploymentutil.DeploymentTimedOut), or 0 when past. */
export function msUntilDeadline(d: Readonly<KubeObject>, status: DeploymentStatus, speed: number, now = Date.now()): number | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const c = getCondition(status, 'Progressing');
  if (!c || c.reason === REASON.newRSAvailable || c.reason === REASON.timedOut) return undefined;
  const deadline = Date.parse(c.lastUpdateTime) + (d.spec.progressDeadlineSeconds * 1000) / speed;
  return Math.max(0, (deadline - now) * speed);
}

/**
 * DeploymentController.syncRolloutStatus's condition logic: complete, progressing, or
 * timed out against progressDeadlineSeconds (simulated seconds: divided by `speed`).
 */
export function rolloutStatus(d: Readonly<KubeObject>, allRSs: readonly Readonly<KubeObject>[], newRS: Readonly<KubeObject> | undefined, speed: number): DeploymentStatus {
  const s = calculateStatus(d, allRSs, newRS);
  if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete = s.replicas === s.updatedReplicas && current?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const rsName = newRS?.metadata.name;
    if (deploymentComplete(d, s)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(s, newCondition('Progressing', 'True', REASON.newRSAvailable, msg));
    } else if (deploymentProgressing(d, s)) {
      const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const c = newCondition('Progressing', 'True', REASON.rsUpdated, msg);
      if (current?.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
      removeCondition(s, 'Progressing');
      setCondition(s, c);
    } else if (msUntilDeadline(d, s, speed) === 0) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(s, newCondition('Progressing', 'False', REASON.timedOut, msg));
    }
  }
  return s;
}
