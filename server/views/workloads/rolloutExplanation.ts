/**
 * Why a rollout stands where it does, as a code with its numbers: the states `kubectl rollout
 * status` reports for Deployments, StatefulSets and DaemonSets, plus the stuck pods it cannot see.
 * The SPA words each code in the reader's language; text from the cluster (a container's waiting
 * message, a condition's message) travels as-is and is shown as quoted data.
 */
import type { PodFailure } from './podFailure.ts';

/** Which pods a stuck-pods explanation counts: a Deployment's new ReplicaSet, a DaemonSet's updated pods, a StatefulSet's update revision. */
export type StuckAmong = 'new' | 'updated' | 'revision';

export type RolloutExplanation =
  /** The controller has not acted on the latest spec yet (observedGeneration behind). */
  | { code: 'waitingForObservation' }
  /** `updated` of `desired` pods run the new template. */
  | { code: 'updatingPods'; updated: number; desired: number }
  /** Pods of the old template still count in status.replicas. */
  | { code: 'terminatingOldPods'; old: number }
  /** `available` of the `updated` pods are available. */
  | { code: 'waitingForAvailability'; available: number; updated: number }
  /** StatefulSet: pods not ready yet. */
  | { code: 'waitingForReadiness'; notReady: number }
  /** StatefulSet with a partition: `updated` of the `target` ordinals at or above it. */
  | { code: 'partitionedRollout'; updated: number; target: number }
  /** StatefulSet: the current revision is not the update revision yet. */
  | { code: 'updatingRevision'; updated: number; revision: string }
  | { code: 'complete' }
  | { code: 'partitionComplete'; updated: number }
  | { code: 'completeAtRevision'; pods: number; revision: string }
  /** Paused; `pending` says what the rollout would still do. */
  | { code: 'paused'; pending?: RolloutExplanation }
  /** Pods that will not become ready by themselves; `failure.message` is the kubelet's or scheduler's own words. */
  | { code: 'podsStuck'; among: StuckAmong; revision?: string; failure: PodFailure; deadlineExceeded: boolean }
  /** The Progressing condition says ProgressDeadlineExceeded; `condition` is its message. */
  | { code: 'progressDeadlineExceeded'; condition?: string }
  /** The ReplicaFailure condition (FailedCreate and the like); `condition` is its message. */
  | { code: 'replicaFailure'; condition?: string }
  /** OnDelete strategy: pods take the new template only when deleted by hand. */
  | { code: 'onDelete' };

export function podsStuck(failure: PodFailure, among: StuckAmong, extra: { revision?: string; deadlineExceeded?: boolean } = {}): RolloutExplanation {
  return { code: 'podsStuck', among, failure, deadlineExceeded: !!extra.deadlineExceeded, ...(extra.revision ? { revision: extra.revision } : {}) };
}
