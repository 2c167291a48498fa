/**
 * A PersistentVolumeClaim's page: phase and why it is not Bound, requested vs actual capacity,
 * its class, its volume, how it was provisioned (with the annotations that say so), the pods
 * that mount it and its events.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { KubeObject } from '../../kube/object.ts';
import { ANN, claimClass, podClaimNames } from '../../kube/pvMatch.ts';
import { eventRow, type EventRow } from '../events/eventRow.ts';
import { podStatus } from '../pods/podStatus.ts';
import { claimUser, type ClaimMount } from './claimUsers.ts';
import { claimStatus, resizeProgress, resizeSteps, type ClaimStatus, type ResizeProgress, type ResizeStep } from './claimState.ts';
import { volumeNodeAffinity, volumeSource } from './volumeFacts.ts';
import { claimProvisioning, provisioningAnnotations, type ClaimProvisioning, type ProvisioningAnnotation } from './claimProvisioning.ts';
import { whyUnbound, type UnboundReason } from './whyUnbound.ts';

export interface ClaimStorageClass {
  name: string;
  /** Where the claim names it: spec.storageClassName, or the older beta annotation. */
  from: 'spec' | 'betaAnnotation';
  /** False when no StorageClass of that name exists (or it could not be read). */
  found: boolean;
  provisioner?: string;
  volumeBindingMode?: string;
  reclaimPolicy?: string;
  allowVolumeExpansion?: boolean;
  isDefault?: boolean;
}

export interface ClaimVolume {
  name: string;
  /** False when the claim names a volume the API server does not have (or would not show). */
  found: boolean;
  capacity?: string;
  reclaimPolicy?: string;
  phase?: string;
  /** hostPath, csi, nfs, local …: the key of the volume source in the PV spec. */
  sourceType?: string;
  /** The path, server, driver or handle of that source. */
  source?: string;
  storageClass?: string;
  /** spec.nodeAffinity terms (ORed), when the volume is reachable from some nodes only. */
  nodeAffinity?: string[];
}

export interface ClaimPod {
  name: string;
  status: string;
  node?: string;
  /** Through a generic ephemeral volume rather than a persistentVolumeClaim volume. */
  ephemeral: boolean;
  /** Each container's mount of the claim's volume (none when no container mounts it). */
  mounts: ClaimMount[];
  /** The workload that runs the pod. */
  workload?: { kind: string; name: string };
}

export interface ClaimDetail {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  phase: string;
  /** kubectl's STATUS: the phase, or Terminating once deletion was asked. */
  status: ClaimStatus;
  deletionTimestamp?: string;
  finalizers: string[];
  /** Where a volume expansion stands, with the claim's conditions. */
  resize: ResizeProgress;
  /** What the resizers reported about the latest expansion, oldest first. */
  resizeSteps: ResizeStep[];
  requested?: string;
  /** status.capacity: what the bound volume gives; absent until Bound. */
  capacity?: string;
  accessModes: string[];
  /** What the bound volume grants (status.accessModes). */
  actualAccessModes: string[];
  volumeMode: string;
  storageClass?: ClaimStorageClass;
  volume?: ClaimVolume;
  provisioning: ClaimProvisioning;
  annotations: ProvisioningAnnotation[];
  /** Present unless Bound. */
  unbound?: UnboundReason;
  pods: ClaimPod[];
  events: EventRow[];
  labels: Record<string, string>;
}

export interface ClaimDetailInputs {
  storageClass?: Readonly<KubeObject>;
  volume?: Readonly<KubeObject>;
  /** The namespace's pods. */
  pods: Iterable<Readonly<KubeObject>>;
  /** The namespace's events. */
  events: Iterable<Readonly<KubeObject>>;
  /** Every PersistentVolume, when readable; lets a Pending claim say why none matches. */
  volumes?: readonly Readonly<KubeObject>[];
}

function volumeView(name: string, pv: Readonly<KubeObject> | undefined): ClaimVolume {
  if (!pv) return { name, found: false };
  const src = volumeSource(pv);
  const affinity = volumeNodeAffinity(pv);
  return JSON.parse(
    JSON.stringify({
      name,
      found: true,
      capacity: pv.spec?.capacity?.storage,
      reclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy,
      phase: pv.status?.phase,
      sourceType: src.type,
      source: src.detail,
      storageClass: pv.spec?.storageClassName,
      nodeAffinity: affinity.length ? affinity : undefined,
    }),
  ) as ClaimVolume;
}

function classView(claim: Readonly<KubeObject>, cls: Readonly<KubeObject> | undefined): ClaimStorageClass | undefined {
  const name = claimClass(claim);
  if (!name) return undefined;
  const from = claim.metadata.annotations?.[ANN.betaStorageClass] !== undefined ? 'betaAnnotation' : 'spec';
  if (!cls) return { name, from, found: false };
  const isDefault = cls.metadata.annotations?.[ANN.defaultClass] === 'true' || cls.metadata.annotations?.[ANN.betaDefaultClass] === 'true';
  return JSON.parse(
    JSON.stringify({ name, from, found: true, provisioner: cls.provisioner, volumeBindingMode: cls.volumeBindingMode ?? 'Immediate', reclaimPolicy: cls.reclaimPolicy ?? 'Delete', allowVolumeExpansion: cls.allowVolumeExpansion ?? false, isDefault }),
  ) as ClaimStorageClass;
}

export function claimDetail(claim: Readonly<KubeObject>, inputs: ClaimDetailInputs): ClaimDetail {
  const name = claim.metadata.name ?? '';
  const mounting = [...inputs.pods].filter((p) => podClaimNames(p).some((c) => c.name === name));
  const pods = mounting.map((p): ClaimPod => {
    const user = claimUser(name, p);
    return {
      name: p.metadata.name ?? '',
      status: podStatus(p as unknown as V1Pod).reason,
      ...(p.spec?.nodeName ? { node: p.spec.nodeName as string } : {}),
      ephemeral: podClaimNames(p).some((c) => c.name === name && c.ephemeral),
      mounts: user?.mounts ?? [],
      ...(user?.workload ? { workload: user.workload } : {}),
    };
  });
  const events = [...inputs.events]
    .filter((e) => {
      const about = e.involvedObject as { kind?: string; name?: string; uid?: string } | undefined;
      return about?.kind === 'PersistentVolumeClaim' && about.name === name && (!about.uid || about.uid === claim.metadata.uid);
    })
    .map(eventRow)
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
  const volumeName = claim.spec?.volumeName as string | undefined;
  const unbound = whyUnbound(claim, { ...inputs, events, pods: mounting });
  return {
    namespace: claim.metadata.namespace ?? '',
    name,
    uid: claim.metadata.uid ?? '',
    resourceVersion: claim.metadata.resourceVersion ?? '',
    creationTimestamp: claim.metadata.creationTimestamp ?? '',
    phase: claim.status?.phase ?? 'Pending',
    status: claimStatus(claim),
    ...(claim.metadata.deletionTimestamp ? { deletionTimestamp: claim.metadata.deletionTimestamp } : {}),
    finalizers: claim.metadata.finalizers ?? [],
    resize: resizeProgress(claim),
    resizeSteps: resizeSteps(events),
    ...(claim.spec?.resources?.requests?.storage ? { requested: String(claim.spec.resources.requests.storage) } : {}),
    ...(claim.status?.capacity?.storage ? { capacity: String(claim.status.capacity.storage) } : {}),
    accessModes: (claim.spec?.accessModes as string[] | undefined) ?? [],
    actualAccessModes: (claim.status?.accessModes as string[] | undefined) ?? [],
    volumeMode: (claim.spec?.volumeMode as string | undefined) ?? 'Filesystem',
    ...optional('storageClass', classView(claim, inputs.storageClass)),
    ...optional('volume', volumeName ? volumeView(volumeName, inputs.volume) : undefined),
    provisioning: claimProvisioning(claim, inputs.volume, inputs.storageClass?.provisioner as string | undefined),
    annotations: provisioningAnnotations(claim, inputs.volume),
    ...optional('unbound', unbound),
    pods,
    events,
    labels: claim.metadata.labels ?? {},
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
