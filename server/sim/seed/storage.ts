import type { KubeObject } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';

const claim = (name: string, size: string, extra: { storageClassName?: string; annotations?: Record<string, string> }): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'storage-demo', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: size } },
    ...(extra.storageClassName !== undefined ? { storageClassName: extra.storageClassName } : {}),
  },
});

/**
 * Storage classes, and in `storage-demo` one claim for every way a claim ends up: bound to a
 * matching existing volume, provisioned through its class (spec.storageClassName or the beta
 * annotation volume.beta.kubernetes.io/storage-class) by that class's provisioner, or waiting.
 * pv.kubernetes.io/provisioned-by on a volume proves dynamic provisioning;
 * pv.kubernetes.io/bound-by-controller alone does not (the controller also sets it when it
 * binds a pre-existing volume).
 */
export function seedStorage(ctx: SimContext): void {
  const create = (resource: string, obj: KubeObject) => createAdmitted(ctx, resource, obj);
  create('storageclasses.storage.k8s.io', {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'k8s.io/minikube-hostpath',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  });
  create('storageclasses.storage.k8s.io', {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'local-wait' },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  });
  create('storageclasses.storage.k8s.io', {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'manual' },
    provisioner: 'kubernetes.io/no-provisioner',
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'Immediate',
  });

  // A volume an administrator created by hand, for the static claim below.
  create('persistentvolumes', {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'archive-pv-01', labels: { purpose: 'archive' } },
    spec: {
      capacity: { storage: '5Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'manual',
      hostPath: { path: '/mnt/archive-01', type: 'DirectoryOrCreate' },
    },
  });

  create('persistentvolumeclaims', claim('uploads', '1Gi', { storageClassName: 'standard' }));
  create('persistentvolumeclaims', claim('archive', '5Gi', { storageClassName: 'manual' }));
  create('persistentvolumeclaims', claim('scratch', '1Gi', { storageClassName: 'local-wait' }));
  create('persistentvolumeclaims', claim('reports-archive', '50Gi', { storageClassName: 'manual' }));
  // Written before storageClassName existed: the class comes from the beta annotation.
  create('persistentvolumeclaims', claim('legacy-data', '1Gi', { annotations: { 'volume.beta.kubernetes.io/storage-class': 'standard' } }));
}
