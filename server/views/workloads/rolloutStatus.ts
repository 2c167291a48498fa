import type { KubeObject } from '../../kube/object.ts';
import { controlledBy } from './ownership.ts';
import { podFailure } from './podFailure.ts';
import { podsStuck, type RolloutExplanation } from './rolloutExplanation.ts';

export type RolloutState = 'progressing' | 'complete' | 'paused' | 'failed';

/**
 * Where a rollout stands, in the states of `kubectl rollout status`, with the reason it is stuck
 * when it is. `explanation` is a code the SPA words in the reader's language.
 */
export interface RolloutStatus {
  state: RolloutState;
  /**
   * complete: `Complete`; paused: `Paused`; progressing: `WaitingForObservation`, `UpdatingReplicas`,
   * `TerminatingOldReplicas`, `WaitingForAvailability`, `WaitingForReadiness`, `PartitionedRollout`;
   * failed: a pod reason (ImagePullBackOff, CrashLoopBackOff, ...), `ProgressDeadlineExceeded` or
   * the ReplicaFailure reason (FailedCreate).
   */
  reason: string;
  explanation: RolloutExplanation;
  /** The Progressing condition reports ProgressDeadlineExceeded. */
  deadlineExceeded?: boolean;
}

/** The deployment rollout in numbers, for the live rollout view. */
export interface DeploymentRollout extends RolloutStatus {
  desired: number;
  updated: number;
  ready: number;
  available: number;
  /** Pods of old ReplicaSets still counted in status.replicas. */
  oldReplicas: number;
  newReplicaSet?: { name: string; revision: number; replicas: number; ready: number; available: number };
  oldReplicaSets: { name: string; revision: number; replicas: number; ready: number; available: number }[];
  /** RollingUpdate bounds resolved against `desired`: at most desired+maxSurge pods, at least desired-maxUnavailable available. */
  bounds?: { maxSurge: number; maxUnavailable: number };
  /** When the progress deadline runs out unless progress is made (RFC3339); only while progressing. */
  deadlineAt?: string;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

const REVISION = 'deployment.kubernetes.io/revision';

export function revisionOf(obj: Readonly<KubeObject> | undefined): number {
  return Number(obj?.metadata.annotations?.[REVISION] ?? 0) || 0;
}

/** An int-or-percent (`25%`, 1) resolved against a total, rounding as the deployment controller does. */
export function resolveIntOrPercent(v: number | string | undefined, total: number, roundUp: boolean, fallback: string): number {
  const value = v ?? fallback;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return Number(value) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** The ReplicaSet the deployment is rolling towards: same revision as the deployment, else the newest. */
export function newReplicaSetOf(deployment: Readonly<KubeObject>, owned: readonly Readonly<KubeObject>[]): Readonly<KubeObject> | undefined {
  const revision = revisionOf(deployment);
  const same = owned.find((rs) => revisionOf(rs) === revision && revision > 0);
  if (same) return same;
  return [...owned].sort((a, b) => revisionOf(b) - revisionOf(a))[0];
}

function rsCounts(rs: Readonly<KubeObject>) {
  return {
    name: rs.metadata.name ?? '',
    revision: revisionOf(rs),
    replicas: rs.status?.replicas ?? 0,
    ready: rs.status?.readyReplicas ?? 0,
    available: rs.status?.availableReplicas ?? 0,
  };
}

function failed(reason: string, explanation: RolloutExplanation, deadlineExceeded: boolean): RolloutStatus {
  return { state: 'failed', reason, explanation, ...(deadlineExceeded ? { deadlineExceeded } : {}) };
}

/**
 * The state of a Deployment's rollout: the checks of kubectl's DeploymentStatusViewer
 * (observedGeneration, ProgressDeadlineExceeded, updated / old / available replicas), plus
 * failures it cannot see: pods of the new ReplicaSet stuck in ImagePullBackOff, CrashLoopBackOff
 * and the like (a rollout that would otherwise only fail at the progress deadline), and the
 * ReplicaFailure condition. `replicaSets` and `pods` may hold unrelated objects; ownership is checked.
 */
export function rolloutStatus(deployment: Readonly<KubeObject>, replicaSets: Iterable<Readonly<KubeObject>>, pods: Iterable<Readonly<KubeObject>> = []): DeploymentRollout {
  const spec = deployment.spec ?? {};
  const status = deployment.status ?? {};
  const desired: number = spec.replicas ?? 1;
  const updated: number = status.updatedReplicas ?? 0;
  const replicas: number = status.replicas ?? 0;
  const available: number = status.availableReplicas ?? 0;
  const ready: number = status.readyReplicas ?? 0;
  const conditions: Condition[] = status.conditions ?? [];
  const progressing = conditions.find((c) => c.type === 'Progressing');
  const replicaFailure = conditions.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');

  const owned = controlledBy([...replicaSets], deployment.metadata.uid);
  const newRs = newReplicaSetOf(deployment, owned);
  const oldRs = owned.filter((rs) => rs !== newRs && (rs.status?.replicas ?? rs.spec?.replicas ?? 0) > 0);
  const newPods = newRs ? controlledBy([...pods], newRs.metadata.uid) : [];

  const base = {
    desired,
    updated,
    ready,
    available,
    oldReplicas: Math.max(0, replicas - updated),
    oldReplicaSets: oldRs.map(rsCounts),
    ...(newRs ? { newReplicaSet: rsCounts(newRs) } : {}),
  };
  if ((spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const ru = spec.strategy?.rollingUpdate ?? {};
    const maxSurge = resolveIntOrPercent(ru.maxSurge, desired, true, '25%');
    let maxUnavailable = resolveIntOrPercent(ru.maxUnavailable, desired, false, '25%');
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    Object.assign(base, { bounds: { maxSurge, maxUnavailable } });
  }

  const verdict = deploymentVerdict();
  const out: DeploymentRollout = { ...base, ...verdict };
  if (verdict.state === 'progressing' && progressing?.status === 'True' && (progressing.lastUpdateTime ?? progressing.lastTransitionTime)) {
    const from = Date.parse(progressing.lastUpdateTime ?? progressing.lastTransitionTime ?? '');
    const seconds: number = spec.progressDeadlineSeconds ?? 600;
    if (!Number.isNaN(from) && seconds < 2_147_483_647) out.deadlineAt = new Date(from + seconds * 1000).toISOString();
  }
  return out;

  function deploymentVerdict(): RolloutStatus {
    const generation = deployment.metadata.generation ?? 0;
    const observed = status.observedGeneration ?? 0;
    let pending: RolloutStatus | undefined;
    if (generation > observed) {
      pending = { state: 'progressing', reason: 'WaitingForObservation', explanation: { code: 'waitingForObservation' } };
    } else if (updated < desired) {
      pending = { state: 'progressing', reason: 'UpdatingReplicas', explanation: { code: 'updatingPods', updated, desired } };
    } else if (replicas > updated) {
      pending = { state: 'progressing', reason: 'TerminatingOldReplicas', explanation: { code: 'terminatingOldPods', old: replicas - updated } };
    } else if (available < updated) {
      pending = { state: 'progressing', reason: 'WaitingForAvailability', explanation: { code: 'waitingForAvailability', available, updated } };
    }
    const deadlineExceeded = generation <= observed && progressing?.reason === 'ProgressDeadlineExceeded';
    if (spec.paused) {
      return { state: 'paused', reason: 'Paused', explanation: { code: 'paused', ...(pending ? { pending: pending.explanation } : {}) } };
    }
    if (!pending && !deadlineExceeded) return { state: 'complete', reason: 'Complete', explanation: { code: 'complete' } };

    const stuck = podFailure(newPods);
    if (stuck) return failed(stuck.reason, podsStuck(stuck, 'new', { deadlineExceeded }), deadlineExceeded);
    if (deadlineExceeded) return failed('ProgressDeadlineExceeded', { code: 'progressDeadlineExceeded', ...(progressing?.message ? { condition: progressing.message } : {}) }, true);
    if (replicaFailure) return failed(replicaFailure.reason ?? 'ReplicaFailure', { code: 'replicaFailure', ...(replicaFailure.message ? { condition: replicaFailure.message } : {}) }, false);
    return pending!;
  }
}
