/**
 * A rollout's explanation (a code from the BFF) as a phrase: kubectl rollout status's states and
 * the stuck pods it cannot see. Pod names, revisions and the kubelet's or a condition's own words
 * are data; the sentence around them is ours, in every language.
 */
import type { BlockingReason } from '../../../../server/views/workloads/podFailure.ts';
import type { RolloutExplanation, StuckAmong } from '../../../../server/views/workloads/rolloutExplanation.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { phrase, raw, type Phrase } from '../../i18n/phrase.ts';

/** What the pods' reason means for them: their image, their crashes, no node, their containers. */
export function stuckHowKey(reason: BlockingReason): MessageKey {
  switch (reason) {
    case 'ImagePullBackOff':
    case 'ErrImagePull':
    case 'InvalidImageName':
    case 'ErrImageNeverPull':
      return 'rollout.how.image';
    case 'CrashLoopBackOff':
      return 'rollout.how.crash';
    case 'Unschedulable':
      return 'rollout.how.unschedulable';
    default:
      return 'rollout.how.start';
  }
}

const STUCK_KEYS = { new: 'rollout.stuck.new', updated: 'rollout.stuck.updated', revision: 'rollout.stuck.revision' } as const satisfies Record<StuckAmong, MessageKey>;

export function rolloutPhrase(e: RolloutExplanation): Phrase {
  switch (e.code) {
    case 'waitingForObservation':
      return phrase('rollout.why.waitingForObservation');
    case 'updatingPods':
      return phrase('rollout.why.updatingPods', { updated: e.updated, desired: e.desired });
    case 'terminatingOldPods':
      return phrase('rollout.why.terminatingOldPods', { old: e.old });
    case 'waitingForAvailability':
      return phrase('rollout.why.waitingForAvailability', { available: e.available, updated: e.updated });
    case 'waitingForReadiness':
      return phrase('rollout.why.waitingForReadiness', { count: e.notReady });
    case 'partitionedRollout':
      return phrase('rollout.why.partitionedRollout', { updated: e.updated, target: e.target });
    case 'updatingRevision':
      return phrase('rollout.why.updatingRevision', { updated: e.updated, revision: raw(e.revision) });
    case 'complete':
      return phrase('rollout.why.complete');
    case 'partitionComplete':
      return phrase('rollout.why.partitionComplete', { updated: e.updated });
    case 'completeAtRevision':
      return phrase('rollout.why.completeAtRevision', { pods: e.pods, revision: raw(e.revision) });
    case 'paused':
      return e.pending ? phrase('rollout.why.pausedPending', { pending: rolloutPhrase(e.pending) }) : phrase('rollout.why.paused');
    case 'podsStuck': {
      const f = e.failure;
      const example = f.message ? phrase('rollout.stuck.example', { pod: raw(f.example), said: raw(f.message) }) : raw(f.example);
      const stuck = phrase(STUCK_KEYS[e.among], { pods: f.pods, how: phrase(stuckHowKey(f.reason)), example, revision: raw(e.revision ?? '') });
      return e.deadlineExceeded ? phrase('rollout.stuck.pastDeadline', { stuck }) : stuck;
    }
    case 'progressDeadlineExceeded':
      return e.condition ? phrase('rollout.why.deadlineExceededSaid', { said: raw(e.condition) }) : phrase('rollout.why.deadlineExceeded');
    case 'replicaFailure':
      return e.condition ? phrase('rollout.why.replicaFailureSaid', { said: raw(e.condition) }) : phrase('rollout.why.replicaFailure');
    case 'onDelete':
      return phrase('rollout.why.onDelete');
  }
}
