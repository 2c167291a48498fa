import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { deployment } from './templates.ts';

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
 * Beside them: a Released volume whose claim is gone, a Bound claim no pod mounts, and a
 * Deployment whose pod mounts `uploads`, so deleting a claim in use can be shown.
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

  // A claim no pod mounts: Bound, using space for nobody.
  create('persistentvolumeclaims', claim('orphan-cache', '1Gi', { storageClassName: 'standard' }));

  // A volume whose claim storage-demo/old-logs was deleted. The claimRef keeps the uid of that
  // claim, so the PV controller finds the claim gone and marks the volume Released; with
  // Retain nothing reclaims it, and a new claim of the same name (another uid) does not bind it.
  create('persistentvolumes', {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'released-pv-01', labels: { purpose: 'logs' } },
    spec: {
      capacity: { storage: '2Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'manual',
      hostPath: { path: '/mnt/old-logs', type: 'DirectoryOrCreate' },
      claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: 'storage-demo', name: 'old-logs', uid: randomUUID() },
    },
  });

  // Serves the uploaded files: its pod mounts `uploads`, so that claim is in use.
  create(
    'deployments.apps',
    deployment('storage-demo', 'uploader', 1, [{ name: 'web', image: 'nginx:1.27', cpu: '50m', memory: '64Mi', port: 80, mounts: [{ name: 'uploads', mountPath: '/srv/uploads' }] }], {
      volumes: [{ name: 'uploads', persistentVolumeClaim: { claimName: 'uploads' } }],
    }),
  );
}
