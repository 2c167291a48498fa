import type { KubeObject, OwnerReference } from '../../kube/object.ts';

/** apiVersion + kind of an owner, as an ownerReference names it. */
export interface KindInfo {
  apiVersion: string;
  kind: string;
}

export const DEPLOYMENT_KIND: KindInfo = { apiVersion: 'apps/v1', kind: 'Deployment' };
export const REPLICASET_KIND: KindInfo = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };
export const STATEFULSET_KIND: KindInfo = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
export const DAEMONSET_KIND: KindInfo = { apiVersion: 'apps/v1', kind: 'DaemonSet' };

/** The ownerReference marked `controller: true`, if any (metav1.GetControllerOf). */
export function controllerOf(obj: Readonly<KubeObject>): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** A controller reference to `owner`, as controllers write it (metav1.NewControllerRef). */
export function ownerRef(owner: Readonly<KubeObject>, kind: KindInfo): OwnerReference {
  return {
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** True when `obj` is controlled by the object with this uid. */
export function isControlledBy(obj: Readonly<KubeObject>, ownerUid: string | undefined): boolean {
  return !!ownerUid && controllerOf(obj)?.uid === ownerUid;
}

/**
 * Adopt an orphan (claim it with a controller reference), as the ControllerRefManager
 * does for objects that match a controller's selector and have no controller yet.
 */
export function adopt(obj: KubeObject, owner: Readonly<KubeObject>, kind: KindInfo): void {
  obj.metadata.ownerReferences = [...(obj.metadata.ownerReferences ?? []), ownerRef(owner, kind)];
}
