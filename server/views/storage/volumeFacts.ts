/**
 * What a PersistentVolume is, beyond its phase: where its data lives (the volume source in its
 * spec: csi, hostPath, nfs, local, …), which nodes can reach it, and what its reclaim policy
 * does to the data once its claim is gone.
 */
import type { KubeObject } from '../../kube/object.ts';

export interface VolumeSource {
  /** The key of the source in the PV spec: csi, hostPath, nfs, local, awsElasticBlockStore … */
  type?: string;
  /** Its path, server, driver or handle. */
  detail?: string;
}

/** Spec fields that are not a volume source. */
const NOT_SOURCE = new Set(['capacity', 'accessModes', 'persistentVolumeReclaimPolicy', 'storageClassName', 'claimRef', 'volumeMode', 'nodeAffinity', 'mountOptions', 'volumeAttributesClassName']);
const SOURCE_DETAIL = ['driver', 'volumeHandle', 'server', 'path', 'pdName', 'volumeID', 'diskName'];

export function volumeSource(pv: Readonly<KubeObject>): VolumeSource {
  const spec = (pv.spec ?? {}) as Record<string, unknown>;
  const type = Object.keys(spec).find((k) => !NOT_SOURCE.has(k) && typeof spec[k] === 'object' && spec[k] !== null);
  if (!type) return {};
  const src = spec[type] as Record<string, unknown>;
  const detail = SOURCE_DETAIL.map((k) => src[k]).filter((v): v is string => typeof v === 'string' && v !== '');
  return { type, ...(detail.length ? { detail: detail.join(' ') } : {}) };
}

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** spec.nodeAffinity.required as `key in (a, b)` terms, one string per term (terms are ORed). */
export function volumeNodeAffinity(pv: Readonly<KubeObject>): string[] {
  const terms = (pv.spec?.nodeAffinity?.required?.nodeSelectorTerms as { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }[] | undefined) ?? [];
  const req = (r: NodeSelectorRequirement) => (r.values?.length ? `${r.key} ${r.operator} (${r.values.join(', ')})` : `${r.key} ${r.operator}`);
  return terms.map((t) => [...(t.matchExpressions ?? []), ...(t.matchFields ?? [])].map(req).join(', ')).filter(Boolean);
}

export type ReclaimPolicy = 'Retain' | 'Delete' | 'Recycle';

/**
 * What the PV controller does once the bound claim is deleted (the volume becomes Released):
 * Retain keeps volume and data, and the volume binds no new claim until an administrator
 * removes its claimRef (or deletes it and cleans the storage up); Delete deletes the volume
 * and, through its provisioner, the storage and its data; Recycle (deprecated) scrubs the
 * data (`rm -rf`) and makes the volume Available again.
 */
export interface ReclaimFacts {
  policy: ReclaimPolicy;
  /** Released: its claim is gone and the policy left it there, so an administrator can reclaim it. */
  reclaimable: boolean;
}

export function reclaimFacts(pv: Readonly<KubeObject>): ReclaimFacts {
  const raw = pv.spec?.persistentVolumeReclaimPolicy as string | undefined;
  // The API server defaults the policy to Retain for volumes created by hand (Delete for provisioned ones).
  const policy: ReclaimPolicy = raw === 'Delete' || raw === 'Recycle' ? raw : 'Retain';
  return { policy, reclaimable: pv.status?.phase === 'Released' };
}
