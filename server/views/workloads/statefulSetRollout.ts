import type { KubeObject } from '../../kube/object.ts';
import { controlledBy } from './ownership.ts';
import { podFailure } from './podFailure.ts';
import { podReady } from './podReadiness.ts';
import { podsStuck } from './rolloutExplanation.ts';
import type { RolloutStatus } from './rolloutStatus.ts';

const REVISION_HASH = 'controller-revision-hash';

/** One ordinal of a StatefulSet: which revision its pod runs and whether it is ready. */
export interface OrdinalState {
  ordinal: number;
  pod?: string;
  /** The ControllerRevision name the pod was created from. */
  revision?: string;
  /** Runs the update revision. */
  updated: boolean;
  ready: boolean;
  /** At or above the partition: the rolling update replaces it. */
  inPartition: boolean;
}

export interface StatefulSetRollout extends RolloutStatus {
  desired: number;
  ready: number;
  updated: number;
  partition: number;
  currentRevision?: string;
  updateRevision?: string;
  ordinals: OrdinalState[];
}

function ordinalOf(setName: string, podName: string): number | undefined {
  if (!podName.startsWith(`${setName}-`)) return undefined;
  const n = Number(podName.slice(setName.length + 1));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * A StatefulSet's rollout, per ordinal: kubectl's StatefulSetStatusViewer (observedGeneration,
 * ready pods, partitioned roll out, current vs update revision) plus pods of the update
 * revision stuck in ImagePullBackOff / CrashLoopBackOff as a failure.
 */
export function statefulSetRolloutStatus(set: Readonly<KubeObject>, pods: Iterable<Readonly<KubeObject>>): StatefulSetRollout {
  const name = set.metadata.name ?? '';
  const spec = set.spec ?? {};
  const status = set.status ?? {};
  const desired: number = spec.replicas ?? 1;
  const start: number = spec.ordinals?.start ?? 0;
  const strategy: string = spec.updateStrategy?.type ?? 'RollingUpdate';
  const partition: number = strategy === 'RollingUpdate' ? (spec.updateStrategy?.rollingUpdate?.partition ?? 0) : 0;
  const updateRevision: string | undefined = status.updateRevision;
  const currentRevision: string | undefined = status.currentRevision;
  const owned = controlledBy([...pods], set.metadata.uid);

  const byOrdinal = new Map<number, Readonly<KubeObject>>();
  for (const p of owned) {
    const o = ordinalOf(name, p.metadata.name ?? '');
    if (o !== undefined) byOrdinal.set(o, p);
  }
  const ordinals: OrdinalState[] = [];
  const last = Math.max(start + desired - 1, ...byOrdinal.keys());
  for (let o = start; o <= last; o++) {
    const pod = byOrdinal.get(o);
    const revision = pod?.metadata.labels?.[REVISION_HASH];
    ordinals.push({
      ordinal: o,
      ...(pod ? { pod: pod.metadata.name } : {}),
      ...(revision ? { revision } : {}),
      updated: !!pod && revision === updateRevision,
      ready: !!pod && podReady(pod),
      inPartition: o - start >= partition,
    });
  }
  const ready: number = status.readyReplicas ?? 0;
  const updated: number = status.updatedReplicas ?? 0;
  const base = { desired, ready, updated, partition, ordinals, ...(currentRevision ? { currentRevision } : {}), ...(updateRevision ? { updateRevision } : {}) };

  const verdict = ((): RolloutStatus => {
    if (strategy !== 'RollingUpdate') {
      return { state: updated < desired ? 'progressing' : 'complete', reason: 'OnDelete', explanation: { code: 'onDelete' } };
    }
    const observed = status.observedGeneration ?? 0;
    let pending: RolloutStatus | undefined;
    if (observed === 0 || (set.metadata.generation ?? 0) > observed) {
      pending = { state: 'progressing', reason: 'WaitingForObservation', explanation: { code: 'waitingForObservation' } };
    } else if (ready < desired) {
      pending = { state: 'progressing', reason: 'WaitingForReadiness', explanation: { code: 'waitingForReadiness', notReady: desired - ready } };
    } else if (partition > 0 && updated < desired - partition) {
      pending = { state: 'progressing', reason: 'PartitionedRollout', explanation: { code: 'partitionedRollout', updated, target: desired - partition } };
    } else if (partition === 0 && updateRevision !== currentRevision) {
      pending = { state: 'progressing', reason: 'UpdatingReplicas', explanation: { code: 'updatingRevision', updated, revision: updateRevision ?? '' } };
    }
    if (!pending) {
      const explanation: RolloutStatus['explanation'] =
        partition > 0 ? { code: 'partitionComplete', updated } : { code: 'completeAtRevision', pods: status.currentReplicas ?? updated, revision: currentRevision ?? '' };
      return { state: 'complete', reason: 'Complete', explanation };
    }
    const stuck = podFailure(owned.filter((p) => p.metadata.labels?.[REVISION_HASH] === updateRevision));
    if (stuck) return { state: 'failed', reason: stuck.reason, explanation: podsStuck(stuck, 'revision', { ...(updateRevision ? { revision: updateRevision } : {}) }) };
    return pending;
  })();
  return { ...base, ...verdict };
}
