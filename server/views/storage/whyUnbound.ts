/**
 * Why a claim is Pending (or Lost), from its class, its volume and its events, the way the PV
 * controller decides: a volume the claim names first, then an existing matching volume of the
 * class, then WaitForFirstConsumer, then the provisioner of the class (spec.storageClassName, or
 * the beta annotation volume.beta.kubernetes.io/storage-class). The newest event of the claim is the
 * evidence; the cause is what the page explains in the operator's language.
 */
import type { KubeObject } from '../../kube/object.ts';
import { ANN, claimClass, claimSelectorAccepts, isVolumeBoundToClaim, requestedStorage, volumeCapacity, volumeClass } from '../../kube/pvMatch.ts';
import type { EventRow } from '../events/eventRow.ts';
import { NO_PROVISIONER } from './claimProvisioning.ts';

export type UnboundCause =
  /** WaitForFirstConsumer class and no pod uses the claim yet. */
  | 'waitForFirstConsumer'
  /** WaitForFirstConsumer class; pods use it but none is on a node yet. */
  | 'waitForPodScheduled'
  /** The class names no dynamic provisioner (or the claim names no class) and no volume matches. */
  | 'noMatchingVolume'
  /** The claim names a storage class that does not exist. */
  | 'classNotFound'
  /** The provisioner reported a failure. */
  | 'provisioningFailed'
  /** Handed to the provisioner; no volume yet. */
  | 'provisioning'
  /** spec.volumeName names a volume that does not exist. */
  | 'volumeMissing'
  /** spec.volumeName names a volume that does not fit, or is bound to another claim. */
  | 'volumeMismatch'
  /** Lost: the bound volume is gone. */
  | 'volumeLost'
  /** Lost: the volume is bound to a different claim. */
  | 'misbound';

export type CandidateVerdict = 'fits' | 'boundElsewhere' | 'tooSmall' | 'accessModes' | 'volumeMode' | 'labels' | 'notAvailable';

/** A volume of the claim's class, and why the controller does not bind it. */
export interface VolumeCandidate {
  name: string;
  capacity: string;
  phase: string;
  verdict: CandidateVerdict;
  /** boundElsewhere: `namespace/name` of the claim that has it. */
  claim?: string;
}

export interface UnboundReason {
  cause: UnboundCause;
  /** The newest event about the claim: the cluster's own words. */
  event?: Pick<EventRow, 'type' | 'reason' | 'message' | 'count' | 'lastSeen'>;
  /** waitForPodScheduled: the pods that use the claim but have no node. */
  waitingPods?: string[];
  /** Unbound claims the controller matches against volumes: every volume of its class. */
  candidates?: VolumeCandidate[];
}

export interface UnboundInputs {
  storageClass?: Readonly<KubeObject>;
  /** The volume spec.volumeName names, when it exists. */
  volume?: Readonly<KubeObject>;
  /** Newest first. */
  events: readonly EventRow[];
  /** Pods that mount the claim. */
  pods: readonly Readonly<KubeObject>[];
  /** All volumes, when readable (cluster-scoped: a namespaced identity may not list them). */
  volumes?: readonly Readonly<KubeObject>[];
}

const modesOf = (o: Readonly<KubeObject>) => (o.spec?.accessModes as string[] | undefined) ?? [];
const volumeModeOf = (o: Readonly<KubeObject>) => (o.spec?.volumeMode as string | undefined) ?? 'Filesystem';

function candidate(pv: Readonly<KubeObject>, claim: Readonly<KubeObject>): VolumeCandidate {
  const ref = pv.spec?.claimRef as { namespace?: string; name?: string } | undefined;
  const base = { name: pv.metadata.name ?? '', capacity: String(pv.spec?.capacity?.storage ?? ''), phase: String(pv.status?.phase ?? '') };
  const verdict = ((): CandidateVerdict => {
    if (ref && !isVolumeBoundToClaim(pv, claim)) return 'boundElsewhere';
    if (volumeCapacity(pv) < requestedStorage(claim)) return 'tooSmall';
    if (!modesOf(claim).every((m) => modesOf(pv).includes(m))) return 'accessModes';
    if (volumeModeOf(pv) !== volumeModeOf(claim)) return 'volumeMode';
    if (!claimSelectorAccepts(claim, pv)) return 'labels';
    if (!ref && pv.status?.phase !== 'Available') return 'notAvailable';
    return 'fits';
  })();
  return { ...base, verdict, ...(verdict === 'boundElsewhere' ? { claim: `${ref?.namespace ?? ''}/${ref?.name ?? ''}` } : {}) };
}

function causeOf(claim: Readonly<KubeObject>, inputs: UnboundInputs): Pick<UnboundReason, 'cause' | 'waitingPods'> {
  const named = claim.spec?.volumeName as string | undefined;
  if (claim.status?.phase === 'Lost') return { cause: named && !inputs.volume ? 'volumeLost' : 'misbound' };
  if (named) return { cause: inputs.volume ? 'volumeMismatch' : 'volumeMissing' };
  const cls = claimClass(claim);
  if (cls && !inputs.storageClass) return { cause: 'classNotFound' };
  const waitsForConsumer = inputs.storageClass?.volumeBindingMode === 'WaitForFirstConsumer' && !claim.metadata.annotations?.[ANN.selectedNode];
  if (waitsForConsumer) {
    const waiting = inputs.pods.filter((p) => !p.spec?.nodeName).map((p) => p.metadata.name ?? '');
    return waiting.length ? { cause: 'waitForPodScheduled', waitingPods: waiting } : { cause: 'waitForFirstConsumer' };
  }
  const provisioner = inputs.storageClass?.provisioner as string | undefined;
  if (!cls || !provisioner || provisioner === NO_PROVISIONER) return { cause: 'noMatchingVolume' };
  const lastProvisioning = inputs.events.find((e) => ['ProvisioningFailed', 'Provisioning', 'ExternalProvisioning', 'ProvisioningSucceeded'].includes(e.reason));
  return { cause: lastProvisioning?.reason === 'ProvisioningFailed' ? 'provisioningFailed' : 'provisioning' };
}

/** Undefined for a Bound claim. */
export function whyUnbound(claim: Readonly<KubeObject>, inputs: UnboundInputs): UnboundReason | undefined {
  const phase = claim.status?.phase ?? 'Pending';
  if (phase === 'Bound') return undefined;
  const { cause, waitingPods } = causeOf(claim, inputs);
  const latest = inputs.events[0];
  const cls = claimClass(claim);
  const matchable = cause === 'noMatchingVolume' || cause === 'provisioning' || cause === 'provisioningFailed';
  const candidates = matchable && inputs.volumes ? inputs.volumes.filter((pv) => volumeClass(pv) === cls).map((pv) => candidate(pv, claim)) : undefined;
  return {
    cause,
    ...(latest ? { event: { type: latest.type, reason: latest.reason, message: latest.message, count: latest.count, ...(latest.lastSeen ? { lastSeen: latest.lastSeen } : {}) } } : {}),
    ...(waitingPods ? { waitingPods } : {}),
    ...(candidates ? { candidates } : {}),
  };
}
