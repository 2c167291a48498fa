import type { KubeObject } from '../../../kube/object.ts';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

const FINALIZER_BY_RESOURCE: Record<string, string> = {
  persistentvolumeclaims: PVC_PROTECTION_FINALIZER,
  persistentvolumes: PV_PROTECTION_FINALIZER,
};

/**
 * kube-apiserver's StorageObjectInUseProtection admission plugin (enabled by default): on
 * create only, every claim gets kubernetes.io/pvc-protection and every volume
 * kubernetes.io/pv-protection, appended unless already there. The pvc- and pv-protection
 * controllers remove them once the object is no longer in use (controllers/pvcProtection.ts).
 */
export function addStorageProtectionFinalizer(resource: string, obj: KubeObject): void {
  const finalizer = FINALIZER_BY_RESOURCE[resource];
  if (!finalizer || obj.metadata.finalizers?.includes(finalizer)) return;
  obj.metadata.finalizers = [...(obj.metadata.finalizers ?? []), finalizer];
}
