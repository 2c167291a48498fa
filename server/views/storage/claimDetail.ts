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
}

export interface ClaimPod {
  name: string;
  status: string;
  node?: string;
  /** Through a generic ephemeral volume rather than a persistentVolumeClaim volume. */
  ephemeral: boolean;
}

export interface ClaimDetail {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  phase: string;
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

const SOURCE_DETAIL = ['path', 'server', 'driver', 'volumeHandle', 'pdName', 'volumeID', 'diskName'];

function volumeView(name: string, pv: Readonly<KubeObject> | undefined): ClaimVolume {
  if (!pv) return { name, found: false };
  const spec = (pv.spec ?? {}) as Record<string, unknown>;
  const plain = new Set(['capacity', 'accessModes', 'persistentVolumeReclaimPolicy', 'storageClassName', 'claimRef', 'volumeMode', 'nodeAffinity', 'mountOptions', 'volumeAttributesClassName']);
  const sourceType = Object.keys(spec).find((k) => !plain.has(k) && typeof spec[k] === 'object');
  const src = sourceType ? (spec[sourceType] as Record<string, unknown>) : undefined;
  const detail = src ? SOURCE_DETAIL.map((k) => src[k]).filter((v): v is string => typeof v === 'string') : [];
  return JSON.parse(
    JSON.stringify({
      name,
      found: true,
      capacity: pv.spec?.capacity?.storage,
      reclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy,
      phase: pv.status?.phase,
      sourceType,
      source: detail.length ? detail.join(' ') : undefined,
      storageClass: pv.spec?.storageClassName,
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
  const pods = mounting.map(
    (p): ClaimPod => ({
      name: p.metadata.name ?? '',
      status: podStatus(p as unknown as V1Pod).reason,
      ...(p.spec?.nodeName ? { node: p.spec.nodeName as string } : {}),
      ephemeral: podClaimNames(p).some((c) => c.name === name && c.ephemeral),
    }),
  );
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
