import { ApiError } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { Store } from '../store.ts';
import { isDefaultClass, storageClassOf } from '../tables/storage.ts';
import type { FieldErrors } from './fieldErrors.ts';
import { diffKeys } from './pods.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** Quantity to bytes, for comparing sizes (binary and decimal suffixes). */
export function quantityBytes(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return NaN;
  const factors: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60, m: 1e-3 };
  const f = factors[m[2]];
  return f === undefined ? NaN : Number(m[1]) * f;
}

/** DefaultStorageClass admission: the newest class annotated as default, if any. */
export function defaultStorageClass(store: Store): KubeObject | undefined {
  const defaults = store.listRefs('storageclasses.storage.k8s.io').filter(isDefaultClass);
  return defaults.sort((a, b) => String(b.metadata.creationTimestamp ?? '').localeCompare(String(a.metadata.creationTimestamp ?? '')) || String(a.metadata.name).localeCompare(String(b.metadata.name)))[0];
}

function validateAccessModes(errs: FieldErrors, field: string, modes: string[] | undefined): void {
  if (!modes?.length) errs.required(field, 'at least 1 access mode is required');
  for (const m of modes ?? []) if (!ACCESS_MODES.includes(m)) errs.notSupported(field, m, ACCESS_MODES);
}

/**
 * Defaults and validation of a claim (ValidatePersistentVolumeClaim(Update)). `kubeMinor` picks
 * the shrink rule: RecoverVolumeExpansionFailure (beta, on by default from 1.32) lets a request
 * go back down to just above status.capacity, to recover from an expansion that failed; before
 * 1.32 a request may never go down.
 */
export function admitPersistentVolumeClaim(errs: FieldErrors, pvc: KubeObject, old: KubeObject | undefined, store: Store, kubeMinor = 32): void {
  const spec: Json = (pvc.spec ??= {});
  spec.volumeMode ??= 'Filesystem';
  if (!old) {
    const hasBeta = pvc.metadata.annotations?.[BETA_CLASS_ANNOTATION] !== undefined;
    if (spec.storageClassName == null && !hasBeta) {
      const def = defaultStorageClass(store);
      if (def) spec.storageClassName = def.metadata.name;
    }
    pvc.status = { phase: 'Pending' };
  }
  validateAccessModes(errs, 'spec.accessModes', spec.accessModes);
  const requested = spec.resources?.requests?.storage;
  if (requested === undefined) errs.required('spec.resources[storage]');
  else if (!(quantityBytes(requested) > 0)) errs.invalid('spec.resources[storage]', requested, 'must be greater than zero');
  if (!['Filesystem', 'Block'].includes(spec.volumeMode)) errs.notSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']);
  if (!old) return;

  // Claims are immutable except the PV controller's volumeName (once) and, when bound, the storage request.
  const oldSpec: Json = structuredClone(old.spec ?? {});
  const newSpec: Json = structuredClone(spec);
  if (!oldSpec.volumeName) oldSpec.volumeName = newSpec.volumeName;
  const bound = old.status?.phase === 'Bound' || pvc.status?.phase === 'Bound';
  if (bound && newSpec.resources?.requests) newSpec.resources.requests.storage = oldSpec.resources?.requests?.storage;
  const changed = diffKeys(oldSpec, newSpec);
  if (changed.length) {
    errs.forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{\n${changed.map((k) => `  \t${k}: changed,`).join('\n')}\n  }\n`);
    return;
  }
  const before = quantityBytes(old.spec?.resources?.requests?.storage);
  const after = quantityBytes(requested);
  if (!(after < before)) return;
  if (kubeMinor < 32) errs.forbidden('spec.resources.requests.storage', 'field can not be less than previous value');
  else if (after <= quantityBytes(old.status?.capacity?.storage)) errs.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity');
}

/**
 * PersistentVolumeClaimResize admission (after validation): growing a claim needs a class that
 * allows expansion. Returns the 403 to throw, if any.
 */
export function resizeForbidden(pvc: KubeObject, old: KubeObject | undefined, store: Store): ApiError | undefined {
  if (!old) return undefined;
  const before = quantityBytes(old.spec?.resources?.requests?.storage);
  const after = quantityBytes(pvc.spec?.resources?.requests?.storage);
  if (!(after > before)) return undefined;
  const className = storageClassOf(pvc);
  const cls = className && className === storageClassOf(old) ? store.get('storageclasses.storage.k8s.io', undefined, className) : undefined;
  if (cls?.allowVolumeExpansion === true) return undefined;
  const name = pvc.metadata.name ?? '';
  return new ApiError(
    403,
    'Forbidden',
    `persistentvolumeclaims "${name}" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize`,
    { name, kind: 'persistentvolumeclaims' },
  );
}

const VOLUME_SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'rbd', 'cinder', 'flexVolume', 'glusterfs', 'vsphereVolume', 'portworxVolume', 'scaleIO', 'storageos', 'quobyte', 'photonPersistentDisk', 'flocker'];

export function admitPersistentVolume(errs: FieldErrors, pv: KubeObject, old: KubeObject | undefined): void {
  const spec: Json = (pv.spec ??= {});
  spec.persistentVolumeReclaimPolicy ??= 'Retain';
  spec.volumeMode ??= 'Filesystem';
  if (!old) pv.status = { phase: 'Pending' };
  if (spec.capacity?.storage === undefined) errs.required('spec.capacity');
  validateAccessModes(errs, 'spec.accessModes', spec.accessModes);
  const sources = VOLUME_SOURCES.filter((s) => spec[s] !== undefined);
  if (!sources.length) errs.required('spec', 'must specify a volume type');
  else if (sources.length > 1) errs.forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type');
  if (!['Retain', 'Delete', 'Recycle'].includes(spec.persistentVolumeReclaimPolicy)) errs.notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, ['Delete', 'Recycle', 'Retain']);
  if (old && old.spec?.volumeMode !== spec.volumeMode) errs.invalid('spec.volumeMode', spec.volumeMode, 'field is immutable');
}

export function admitStorageClass(errs: FieldErrors, sc: KubeObject, old: KubeObject | undefined): void {
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= 'Immediate';
  if (!sc.provisioner) errs.required('provisioner');
  if (!['Delete', 'Retain'].includes(sc.reclaimPolicy as string)) errs.notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']);
  if (!['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode as string)) errs.notSupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']);
  if (!old) return;
  if (JSON.stringify(sc.parameters ?? {}) !== JSON.stringify(old.parameters ?? {})) errs.forbidden('parameters', 'updates to parameters are forbidden.');
  if (sc.provisioner !== old.provisioner) errs.forbidden('provisioner', 'updates to provisioner are forbidden.');
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.');
  if (sc.volumeBindingMode !== old.volumeBindingMode) errs.invalid('volumeBindingMode', sc.volumeBindingMode, 'field is immutable');
}
