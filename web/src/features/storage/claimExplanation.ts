/**
 * The sentences of the claim page as message keys and their values: why the claim is not
 * Bound, how its volume was provisioned, why a candidate volume does not bind.
 */
import type { ClaimDetail } from '../../../../server/views/storage/claimDetail.ts';
import type { VolumeCandidate } from '../../../../server/views/storage/whyUnbound.ts';
import type { MessageKey } from '../../i18n/en.ts';

export interface Sentence {
  key: MessageKey;
  vars: Record<string, string>;
}

const CAUSE_KEYS = {
  waitForFirstConsumer: 'claim.cause.waitForFirstConsumer',
  waitForPodScheduled: 'claim.cause.waitForPodScheduled',
  noMatchingVolume: 'claim.cause.noMatchingVolume',
  classNotFound: 'claim.cause.classNotFound',
  provisioningFailed: 'claim.cause.provisioningFailed',
  provisioning: 'claim.cause.provisioning',
  volumeMissing: 'claim.cause.volumeMissing',
  volumeMismatch: 'claim.cause.volumeMismatch',
  volumeLost: 'claim.cause.volumeLost',
  misbound: 'claim.cause.misbound',
} as const satisfies Record<NonNullable<ClaimDetail['unbound']>['cause'], MessageKey>;

/** Why the claim is Pending or Lost; undefined when it is Bound. */
export function unboundSentence(d: ClaimDetail): Sentence | undefined {
  if (!d.unbound) return undefined;
  const vars = {
    class: d.storageClass?.name ?? '',
    size: d.requested ?? '',
    modes: d.accessModes.join(', '),
    provisioner: d.provisioning.provisioner ?? d.storageClass?.provisioner ?? '',
    volume: d.volume?.name ?? '',
    pods: (d.unbound.waitingPods ?? []).join(', '),
  };
  const key = d.unbound.cause === 'noMatchingVolume' && !d.storageClass ? 'claim.cause.noMatchingVolumeNoClass' : CAUSE_KEYS[d.unbound.cause];
  return { key, vars };
}

const MODE_KEYS = {
  dynamic: 'claim.mode.dynamic',
  static: 'claim.mode.static',
  awaitingProvisioner: 'claim.mode.awaitingProvisioner',
  awaitingVolume: 'claim.mode.awaitingVolume',
  unknown: 'claim.mode.unknown',
} as const satisfies Record<ClaimDetail['provisioning']['mode'], MessageKey>;

/** Dynamic or static, and the evidence. */
export function provisioningSentence(d: ClaimDetail): Sentence {
  return { key: MODE_KEYS[d.provisioning.mode], vars: { provisioner: d.provisioning.provisioner ?? '' } };
}

/** `bound-by-controller` misleads on a static bind: the page says what it does not mean. */
export function needsBoundByControllerNote(d: ClaimDetail): boolean {
  return d.provisioning.boundByController && d.provisioning.mode !== 'dynamic';
}

const VERDICT_KEYS = {
  fits: 'claim.verdict.fits',
  boundElsewhere: 'claim.verdict.boundElsewhere',
  tooSmall: 'claim.verdict.tooSmall',
  accessModes: 'claim.verdict.accessModes',
  volumeMode: 'claim.verdict.volumeMode',
  labels: 'claim.verdict.labels',
  notAvailable: 'claim.verdict.notAvailable',
} as const satisfies Record<VolumeCandidate['verdict'], MessageKey>;

export function verdictSentence(v: VolumeCandidate): Sentence {
  return { key: VERDICT_KEYS[v.verdict], vars: { claim: v.claim ?? '', phase: v.phase } };
}
