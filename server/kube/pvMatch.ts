import type { KubeObject } from './object.ts';
import { selectorMatches, type LabelSelector } from './labelSelector.ts';
import { volumeNodeAffinityMatches } from './nodeSelector.ts';
import { quantityOrZero } from './quantity.ts';

/** Annotations the PV controller, provisioners and scheduler read and write, spelled as upstream does. */
export const ANN = {
  betaStorageClass: 'volume.beta.kubernetes.io/storage-class',
  betaStorageProvisioner: 'volume.beta.kubernetes.io/storage-provisioner',
  storageProvisioner: 'volume.kubernetes.io/storage-provisioner',
  boundByController: 'pv.kubernetes.io/bound-by-controller',
  bindCompleted: 'pv.kubernetes.io/bind-completed',
  provisionedBy: 'pv.kubernetes.io/provisioned-by',
  selectedNode: 'volume.kubernetes.io/selected-node',
  storageResizer: 'volume.kubernetes.io/storage-resizer',
  defaultClass: 'storageclass.kubernetes.io/is-default-class',
  betaDefaultClass: 'storageclass.beta.kubernetes.io/is-default-class',
} as const;

/** The claim's class: the beta annotation wins over spec.storageClassName, as GetPersistentVolumeClaimClass does. */
export function claimClass(pvc: Readonly<KubeObject>): string {
  const ann = pvc.metadata.annotations?.[ANN.betaStorageClass];
  if (ann !== undefined) return ann;
  return (pvc.spec?.storageClassName as string | undefined) ?? '';
}

export function volumeClass(pv: Readonly<KubeObject>): string {
  const ann = pv.metadata.annotations?.[ANN.betaStorageClass];
  if (ann !== undefined) return ann;
  return (pv.spec?.storageClassName as string | undefined) ?? '';
}

export function requestedStorage(pvc: Readonly<KubeObject>): number {
  return quantityOrZero(pvc.spec?.resources?.requests?.storage as string | undefined);
}

export function volumeCapacity(pv: Readonly<KubeObject>): number {
  return quantityOrZero(pv.spec?.capacity?.storage as string | undefined);
}

/** claimRef names this claim (and, when the ref carries a uid, this very claim object). */
export function isVolumeBoundToClaim(pv: Readonly<KubeObject>, pvc: Readonly<KubeObject>): boolean {
  const ref = pv.spec?.claimRef as { name?: string; namespace?: string; uid?: string } | undefined;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || ref.namespace !== pvc.metadata.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

function accessModesContain(have: string[] | undefined, want: string[] | undefined): boolean {
  const h = new Set(have ?? []);
  return (want ?? []).every((m) => h.has(m));
}

export interface MatchOptions {
  /** WaitForFirstConsumer: the PV controller leaves unbound volumes to the scheduler. */
  delayBinding: boolean;
  /** Scheduler path: only volumes reachable from this node. */
  node?: Readonly<KubeObject>;
  /** Volumes the caller has already promised to other claims. */
  exclude?: ReadonlySet<string>;
}

/** A claim's spec.selector limits the volumes it may bind; a claim without one takes any. */
export function claimSelectorAccepts(pvc: Readonly<KubeObject>, pv: Readonly<KubeObject>): boolean {
  const selector = pvc.spec?.selector as LabelSelector | undefined;
  return !selector || selectorMatches(selector, pv.metadata.labels);
}

/**
 * findBestMatchForClaim: a volume pre-bound to the claim wins; otherwise the smallest
 * Available volume of the claim's class whose access modes include the claim's, whose
 * capacity covers the request, whose labels satisfy the claim's selector and whose node
 * affinity allows the node (fewest access modes first on a tie).
 */
export function findBestMatch(pvc: Readonly<KubeObject>, volumes: readonly Readonly<KubeObject>[], opts: MatchOptions): Readonly<KubeObject> | undefined {
  const want = requestedStorage(pvc);
  const cls = claimClass(pvc);
  const mode = (pvc.spec?.volumeMode as string | undefined) ?? 'Filesystem';
  const modes = pvc.spec?.accessModes as string[] | undefined;
  let best: Readonly<KubeObject> | undefined;
  for (const pv of volumes) {
    if (pv.metadata.deletionTimestamp || opts.exclude?.has(pv.metadata.name ?? '')) continue;
    if (((pv.spec?.volumeMode as string | undefined) ?? 'Filesystem') !== mode) continue;
    if (!accessModesContain(pv.spec?.accessModes as string[] | undefined, modes)) continue;
    const nodeOk = !opts.node || volumeNodeAffinityMatches(pv, opts.node);
    if (isVolumeBoundToClaim(pv, pvc)) {
      if (volumeCapacity(pv) < want) continue;
      return nodeOk ? pv : undefined;
    }
    if (!opts.node && opts.delayBinding) continue;
    if (pv.status?.phase !== 'Available' || pv.spec?.claimRef) continue;
    if (!claimSelectorAccepts(pvc, pv)) continue;
    if (volumeClass(pv) !== cls || !nodeOk) continue;
    const cap = volumeCapacity(pv);
    if (cap < want) continue;
    if (
      !best ||
      cap < volumeCapacity(best) ||
      (cap === volumeCapacity(best) && ((pv.spec?.accessModes as string[] | undefined)?.length ?? 0) < ((best.spec?.accessModes as string[] | undefined)?.length ?? 0))
    ) {
      best = pv;
    }
  }
  return best;
}

/** The class marked default (newest wins when several are, as the admission plugin picks). */
export function defaultStorageClass(classes: readonly Readonly<KubeObject>[]): Readonly<KubeObject> | undefined {
  const defaults = classes.filter((c) => c.metadata.annotations?.[ANN.defaultClass] === 'true' || c.metadata.annotations?.[ANN.betaDefaultClass] === 'true');
  return defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))[0];
}

/** Claims a pod uses: persistentVolumeClaim volumes and generic ephemeral volumes (`<pod>-<volume>`). */
export function podClaimNames(pod: Readonly<KubeObject>): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const v of (pod.spec?.volumes as { name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown }[] | undefined) ?? []) {
    if (v.persistentVolumeClaim?.claimName) out.push({ name: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) out.push({ name: `${pod.metadata.name}-${v.name}`, ephemeral: true });
  }
  return out;
}
