/**
 * One line of the PersistentVolumeClaims list: kubectl get pvc's columns (status, volume,
 * capacity, access modes, class, volume mode) plus why it is not Bound, how it was provisioned,
 * the pods that mount it (so claims nobody uses stand out) and an expansion in progress.
 * Joined with pods (who mounts it), volumes (provisioned-by) and classes (binding mode, provisioner).
 */
import type { KubeObject } from '../../kube/object.ts';
import { ANN, claimClass } from '../../kube/pvMatch.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewCaches, ViewDefinition } from '../view.ts';
import { claimProvisioning, type ClaimProvisioning } from './claimProvisioning.ts';
import { claimStatus, resizeProgress, type ClaimStatus, type ResizeState } from './claimState.ts';
import { claimKeysOfPod, claimUsers } from './claimUsers.ts';
import { CLAIMS, CLAIMS_ID, CLASSES, CLASSES_ID, PODS, PODS_ID, VOLUMES, VOLUMES_ID } from './storageResources.ts';
import { whyUnbound, type UnboundCause } from './whyUnbound.ts';

export interface ClaimRow extends Row {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  status: ClaimStatus;
  /** Why it is Pending or Lost (the claim page says it in words, with the events). */
  cause?: UnboundCause;
  requested?: string;
  capacity?: string;
  accessModes: string[];
  volumeMode: string;
  /** The class, and whether spec.storageClassName or the older beta annotation names it. */
  storageClass?: { name: string; from: 'spec' | 'betaAnnotation' };
  volume?: string;
  provisioning: ClaimProvisioning;
  /** Pods that mount it, with the workload that runs each. */
  users: { pod: string; workload?: { kind: string; name: string } }[];
  /** No pod uses it. */
  orphan: boolean;
  resize: ResizeState;
  labels: Record<string, string>;
  creationTimestamp: string;
}

export function claimRow(claim: KubeObject, caches: ViewCaches): ClaimRow {
  const ns = claim.metadata.namespace ?? '';
  const name = claim.metadata.name ?? '';
  const clsName = claimClass(claim);
  const cls = clsName ? caches.get(CLASSES_ID).get(clsName) : undefined;
  const volumeName = claim.spec?.volumeName as string | undefined;
  const volume = volumeName ? caches.get(VOLUMES_ID).get(volumeName) : undefined;
  const podsInNs = [...caches.get(PODS_ID).inNamespaces([ns])];
  const users = claimUsers(name, podsInNs);
  const mounting = podsInNs.filter((p) => users.some((u) => u.pod === p.metadata.name));
  const unbound = whyUnbound(claim, { ...(cls ? { storageClass: cls } : {}), ...(volume ? { volume } : {}), events: [], pods: mounting });
  const requested = claim.spec?.resources?.requests?.storage as string | undefined;
  const capacity = claim.status?.capacity?.storage as string | undefined;
  return {
    key: keyOf(claim),
    namespace: ns,
    name,
    uid: claim.metadata.uid ?? '',
    resourceVersion: claim.metadata.resourceVersion ?? '',
    status: claimStatus(claim),
    ...(unbound ? { cause: unbound.cause } : {}),
    ...(requested ? { requested: String(requested) } : {}),
    ...(capacity ? { capacity: String(capacity) } : {}),
    accessModes: (claim.spec?.accessModes as string[] | undefined) ?? [],
    volumeMode: (claim.spec?.volumeMode as string | undefined) ?? 'Filesystem',
    ...(clsName ? { storageClass: { name: clsName, from: claim.metadata.annotations?.[ANN.betaStorageClass] !== undefined ? 'betaAnnotation' : 'spec' } } : {}),
    ...(volumeName ? { volume: volumeName } : {}),
    provisioning: claimProvisioning(claim, volume, cls?.provisioner as string | undefined),
    users: users.map((u) => ({ pod: u.pod, ...(u.workload ? { workload: u.workload } : {}) })),
    orphan: users.length === 0,
    resize: resizeProgress(claim).state,
    labels: claim.metadata.labels ?? {},
    creationTimestamp: claim.metadata.creationTimestamp ?? '',
  };
}

/** Claims of a class: what a class change touches. */
function claimsOfClass(className: string, caches: ViewCaches): string[] {
  return [...caches.get(CLAIMS_ID).values()].filter((c) => claimClass(c) === className).map(keyOf);
}

export const claimsView: ViewDefinition<ClaimRow> = {
  resources: [CLAIMS, PODS, VOLUMES, CLASSES],
  project: claimRow,
  affectedBy(resource, obj, caches) {
    if (resource === PODS_ID) return claimKeysOfPod(obj);
    if (resource === CLASSES_ID) return claimsOfClass(obj.metadata.name ?? '', caches);
    const ref = obj.spec?.claimRef as { namespace?: string; name?: string } | undefined;
    return ref?.name ? [`${ref.namespace ?? ''}/${ref.name}`] : [];
  },
};

