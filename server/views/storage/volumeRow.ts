/**
 * One line of the PersistentVolumes list: kubectl get pv's columns (capacity, access modes,
 * reclaim policy, status, claim, class, reason) plus where the data lives (the volume source),
 * which nodes reach it, who provisioned it, and whether it is Released and waits to be reclaimed.
 */
import type { KubeObject } from '../../kube/object.ts';
import { ANN, volumeClass } from '../../kube/pvMatch.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewDefinition } from '../view.ts';
import { VOLUMES } from './storageResources.ts';
import { reclaimFacts, volumeNodeAffinity, volumeSource, type ReclaimPolicy, type VolumeSource } from './volumeFacts.ts';

export interface VolumeRow extends Row {
  name: string;
  uid: string;
  resourceVersion: string;
  /** status.phase (Pending, Available, Bound, Released, Failed), or Terminating once deletion was asked. */
  status: string;
  phase: string;
  capacity?: string;
  accessModes: string[];
  volumeMode: string;
  reclaimPolicy: ReclaimPolicy;
  /** Released: its claim is gone and the volume waits for an administrator. */
  reclaimable: boolean;
  claimRef?: { namespace: string; name: string; uid?: string };
  storageClass?: string;
  source: VolumeSource;
  nodeAffinity: string[];
  /** pv.kubernetes.io/provisioned-by: the provisioner that created it; absent for volumes made by hand. */
  provisionedBy?: string;
  /** status.reason / status.message (a Failed recycle or delete says why). */
  reason?: string;
  message?: string;
  labels: Record<string, string>;
  creationTimestamp: string;
}

export function volumeRow(pv: KubeObject): VolumeRow {
  const phase = (pv.status?.phase as string | undefined) ?? 'Pending';
  const ref = pv.spec?.claimRef as { namespace?: string; name?: string; uid?: string } | undefined;
  const reclaim = reclaimFacts(pv);
  const cls = volumeClass(pv);
  const capacity = pv.spec?.capacity?.storage as string | undefined;
  const provisionedBy = pv.metadata.annotations?.[ANN.provisionedBy];
  const reason = pv.status?.reason as string | undefined;
  const message = pv.status?.message as string | undefined;
  return {
    key: keyOf(pv),
    name: pv.metadata.name ?? '',
    uid: pv.metadata.uid ?? '',
    resourceVersion: pv.metadata.resourceVersion ?? '',
    status: pv.metadata.deletionTimestamp ? 'Terminating' : phase,
    phase,
    ...(capacity ? { capacity: String(capacity) } : {}),
    accessModes: (pv.spec?.accessModes as string[] | undefined) ?? [],
    volumeMode: (pv.spec?.volumeMode as string | undefined) ?? 'Filesystem',
    reclaimPolicy: reclaim.policy,
    reclaimable: reclaim.reclaimable,
    ...(ref?.name ? { claimRef: { namespace: ref.namespace ?? '', name: ref.name, ...(ref.uid ? { uid: ref.uid } : {}) } } : {}),
    ...(cls ? { storageClass: cls } : {}),
    source: volumeSource(pv),
    nodeAffinity: volumeNodeAffinity(pv),
    ...(provisionedBy ? { provisionedBy } : {}),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    labels: pv.metadata.labels ?? {},
    creationTimestamp: pv.metadata.creationTimestamp ?? '',
  };
}

export const volumesView: ViewDefinition<VolumeRow> = {
  resources: [VOLUMES],
  project: volumeRow,
};
