import type { KubeObject } from '../../kube/object.ts';
import { controlledBy } from './ownership.ts';
import { podFailure } from './podFailure.ts';
import { podReady } from './podReadiness.ts';
import { podsStuck } from './rolloutExplanation.ts';
import type { RolloutStatus } from './rolloutStatus.ts';

const REVISION_HASH = 'controller-revision-hash';

/** The DaemonSet's pod on one node. */
export interface NodeRolloutState {
  node: string;
  pod: string;
  updated: boolean;
  ready: boolean;
}

export interface DaemonSetRollout extends RolloutStatus {
  desired: number;
  updated: number;
  available: number;
  ready: number;
  nodes: NodeRolloutState[];
}

/**
 * The hash of the revision the DaemonSet rolls towards: the label of its newest
 * ControllerRevision (pods carry the same hash in `controller-revision-hash`).
 */
export function daemonSetUpdateHash(set: Readonly<KubeObject>, revisions: Iterable<Readonly<KubeObject>>): string | undefined {
  const owned = controlledBy([...revisions], set.metadata.uid).sort((a, b) => ((b.revision as number) ?? 0) - ((a.revision as number) ?? 0));
  return owned[0]?.metadata.labels?.[REVISION_HASH];
}

/**
 * A DaemonSet's rollout, per node: kubectl's DaemonSetStatusViewer (observedGeneration,
 * updatedNumberScheduled, numberAvailable) plus updated pods stuck in ImagePullBackOff /
 * CrashLoopBackOff as a failure. Without ControllerRevisions, a pod counts as updated when its
 * `pod-template-generation` label matches the DaemonSet's generation.
 */
export function daemonSetRolloutStatus(set: Readonly<KubeObject>, pods: Iterable<Readonly<KubeObject>>, revisions: Iterable<Readonly<KubeObject>> = []): DaemonSetRollout {
  const status = set.status ?? {};
  const hash = daemonSetUpdateHash(set, revisions);
  const generation = String(set.metadata.generation ?? '');
  const owned = controlledBy([...pods], set.metadata.uid).filter((p) => !p.metadata.deletionTimestamp);
  const isUpdated = (p: Readonly<KubeObject>) =>
    hash ? p.metadata.labels?.[REVISION_HASH] === hash : p.metadata.labels?.['pod-template-generation'] === generation;
  const nodes = owned
    .map((p) => ({ node: p.spec?.nodeName ?? '', pod: p.metadata.name ?? '', updated: isUpdated(p), ready: podReady(p) }))
    .sort((a, b) => a.node.localeCompare(b.node));
  const desired: number = status.desiredNumberScheduled ?? 0;
  const updated: number = status.updatedNumberScheduled ?? 0;
  const available: number = status.numberAvailable ?? 0;
  const base = { desired, updated, available, ready: status.numberReady ?? 0, nodes };

  const verdict = ((): RolloutStatus => {
    if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
      return { state: updated < desired ? 'progressing' : 'complete', reason: 'OnDelete', explanation: { code: 'onDelete' } };
    }
    let pending: RolloutStatus | undefined;
    if ((set.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
      pending = { state: 'progressing', reason: 'WaitingForObservation', explanation: { code: 'waitingForObservation' } };
    } else if (updated < desired) {
      pending = { state: 'progressing', reason: 'UpdatingReplicas', explanation: { code: 'updatingPods', updated, desired } };
    } else if (available < desired) {
      pending = { state: 'progressing', reason: 'WaitingForAvailability', explanation: { code: 'waitingForAvailability', available, updated: desired } };
    }
    if (!pending) return { state: 'complete', reason: 'Complete', explanation: { code: 'complete' } };
    const stuck = podFailure(owned.filter(isUpdated));
    if (stuck) return { state: 'failed', reason: stuck.reason, explanation: podsStuck(stuck, 'updated') };
    return pending;
  })();
  return { ...base, ...verdict };
}
