/**
 * One line of the StorageClasses list: kubectl get sc's columns (provisioner, reclaim policy,
 * binding mode, expansion, default) plus its parameters and the claims that use it, whether
 * they name it in spec.storageClassName or in the older beta annotation.
 */
import type { KubeObject } from '../../kube/object.ts';
import { ANN, claimClass, volumeClass } from '../../kube/pvMatch.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewCaches, ViewDefinition } from '../view.ts';
import { CLAIMS, CLAIMS_ID, CLASSES, VOLUMES, VOLUMES_ID } from './storageResources.ts';

export interface StorageClassRow extends Row {
  name: string;
  uid: string;
  resourceVersion: string;
  provisioner: string;
  /** storageclass.kubernetes.io/is-default-class (or its beta spelling) is "true". */
  isDefault: boolean;
  /** Defaults applied as the API server does: Delete, Immediate, no expansion. */
  reclaimPolicy: string;
  volumeBindingMode: string;
  allowVolumeExpansion: boolean;
  parameters: Record<string, string>;
  mountOptions: string[];
  /** `namespace/name` of every claim of this class. */
  claims: string[];
  volumes: number;
  labels: Record<string, string>;
  creationTimestamp: string;
}

export function isDefaultClass(cls: Readonly<KubeObject>): boolean {
  const a = cls.metadata.annotations ?? {};
  return a[ANN.defaultClass] === 'true' || a[ANN.betaDefaultClass] === 'true';
}

export function storageClassRow(cls: KubeObject, caches: ViewCaches): StorageClassRow {
  const name = cls.metadata.name ?? '';
  const claims = [...caches.get(CLAIMS_ID).values()].filter((c) => claimClass(c) === name).map(keyOf).sort();
  const volumes = [...caches.get(VOLUMES_ID).values()].filter((v) => volumeClass(v) === name).length;
  return {
    key: keyOf(cls),
    name,
    uid: cls.metadata.uid ?? '',
    resourceVersion: cls.metadata.resourceVersion ?? '',
    provisioner: (cls.provisioner as string | undefined) ?? '',
    isDefault: isDefaultClass(cls),
    reclaimPolicy: (cls.reclaimPolicy as string | undefined) ?? 'Delete',
    volumeBindingMode: (cls.volumeBindingMode as string | undefined) ?? 'Immediate',
    allowVolumeExpansion: cls.allowVolumeExpansion === true,
    parameters: (cls.parameters as Record<string, string> | undefined) ?? {},
    mountOptions: (cls.mountOptions as string[] | undefined) ?? [],
    claims,
    volumes,
    labels: cls.metadata.labels ?? {},
    creationTimestamp: cls.metadata.creationTimestamp ?? '',
  };
}

export const storageClassesView: ViewDefinition<StorageClassRow> = {
  resources: [CLASSES, CLAIMS, VOLUMES],
  project: storageClassRow,
  affectedBy(resource, obj) {
    const cls = resource === VOLUMES_ID ? volumeClass(obj) : claimClass(obj);
    return cls ? [cls] : [];
  },
};
