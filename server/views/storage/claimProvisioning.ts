/**
 * Was a claim's volume provisioned for it, or did it bind a volume an administrator made?
 * The volume's `pv.kubernetes.io/provisioned-by` (written by the provisioner that created it) is
 * the proof of dynamic provisioning; the claim's `bound-by-controller` alone is not (the PV
 * controller sets it on static binds too).
 */
import type { KubeObject } from '../../kube/object.ts';
import { ANN } from '../../kube/pvMatch.ts';

export type ProvisioningMode =
  /** The volume carries provisioned-by: a provisioner created it for this claim. */
  | 'dynamic'
  /** Bound to a volume without provisioned-by: it existed before, made by hand. */
  | 'static'
  /** Unbound, and the claim was handed to a provisioner (storage-provisioner annotation) or its class has one. */
  | 'awaitingProvisioner'
  /** Unbound, and nothing will create a volume: its class has no provisioner, or it names no class. */
  | 'awaitingVolume'
  /** Bound, but the volume could not be read (gone, or not allowed). */
  | 'unknown';

/**
 * How a static claim met its volume. The PV controller writes `bound-by-controller` on the side
 * it filled in: on the claim when it set spec.volumeName, on the volume when it set claimRef.
 * So a claim without it named its volume itself, and a volume without it was pre-bound to the
 * claim by an administrator's claimRef; both marked means the controller matched them.
 */
export type StaticBinding = 'matched' | 'preBoundByClaimRef' | 'preBoundByVolumeName';

export interface ClaimProvisioning {
  mode: ProvisioningMode;
  /** Static claims only. */
  binding?: StaticBinding;
  /** The provisioner that made (or is asked to make) the volume. */
  provisioner?: string;
  /** The claim had `bound-by-controller` set: true for dynamic and for static binds the user did not pre-bind. */
  boundByController: boolean;
}

/** The annotations behind the verdict, where they sit. Order: the claim's, then the volume's, as CLAIM_KEYS and VOLUME_KEYS list them. */
export interface ProvisioningAnnotation {
  on: 'claim' | 'volume';
  key: string;
  value: string;
}

const CLAIM_KEYS = [ANN.betaStorageClass, ANN.betaStorageProvisioner, ANN.storageProvisioner, ANN.selectedNode, ANN.boundByController, ANN.bindCompleted, ANN.storageResizer];
const VOLUME_KEYS = [ANN.provisionedBy, ANN.boundByController];

/** Provisioners that never create volumes: the class is for volumes made by hand. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export function provisioningAnnotations(claim: Readonly<KubeObject>, volume: Readonly<KubeObject> | undefined): ProvisioningAnnotation[] {
  const out: ProvisioningAnnotation[] = [];
  const pick = (on: ProvisioningAnnotation['on'], obj: Readonly<KubeObject> | undefined, keys: readonly string[]) => {
    for (const key of keys) {
      const value = obj?.metadata.annotations?.[key];
      if (value !== undefined) out.push({ on, key, value });
    }
  };
  pick('claim', claim, CLAIM_KEYS);
  pick('volume', volume, VOLUME_KEYS);
  return out;
}

/**
 * `volume` is the bound volume when it could be read; `classProvisioner` the provisioner of the
 * claim's storage class when the class exists.
 */
export function claimProvisioning(claim: Readonly<KubeObject>, volume: Readonly<KubeObject> | undefined, classProvisioner: string | undefined): ClaimProvisioning {
  const a = claim.metadata.annotations ?? {};
  const boundByController = a[ANN.boundByController] === 'yes';
  const asked = a[ANN.storageProvisioner] ?? a[ANN.betaStorageProvisioner];
  const bound = !!claim.spec?.volumeName && a[ANN.bindCompleted] === 'yes';
  const base = { boundByController };
  if (bound) {
    if (!volume) return { ...base, mode: 'unknown', ...(asked ? { provisioner: asked } : {}) };
    const by = volume.metadata.annotations?.[ANN.provisionedBy];
    if (by) return { ...base, mode: 'dynamic', provisioner: by };
    const volumeByController = volume.metadata.annotations?.[ANN.boundByController] === 'yes';
    const binding: StaticBinding = !boundByController ? 'preBoundByVolumeName' : volumeByController ? 'matched' : 'preBoundByClaimRef';
    return { ...base, mode: 'static', binding };
  }
  if (asked) return { ...base, mode: 'awaitingProvisioner', provisioner: asked };
  if (classProvisioner && classProvisioner !== NO_PROVISIONER) return { ...base, mode: 'awaitingProvisioner', provisioner: classProvisioner };
  return { ...base, mode: 'awaitingVolume', ...(classProvisioner ? { provisioner: classProvisioner } : {}) };
}
