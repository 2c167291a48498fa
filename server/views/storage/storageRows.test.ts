import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { ObjectCache } from '../cache/objectCache.ts';
import type { ViewCaches } from '../view.ts';
import { claimRow, claimsView } from './claimRow.ts';
import { storageClassRow, storageClassesView } from './storageClassRow.ts';
import { volumeRow } from './volumeRow.ts';

function caches(objects: Record<string, KubeObject[]>): ViewCaches {
  const byId = new Map<string, ObjectCache>();
  for (const id of ['pods', 'persistentvolumeclaims', 'persistentvolumes', 'storageclasses.storage.k8s.io']) {
    const c = new ObjectCache();
    c.replace(objects[id] ?? []);
    byId.set(id, c);
  }
  return { get: (id) => byId.get(id) ?? new ObjectCache() };
}

const standard: KubeObject = { kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'k8s.io/minikube-hostpath', allowVolumeExpansion: true };
const localWait: KubeObject = { kind: 'StorageClass', metadata: { name: 'local-wait' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
const claim = (name: string, cls: { spec?: string; beta?: string }, phase = 'Pending', volumeName?: string): KubeObject => ({
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'storage-demo', annotations: cls.beta ? { 'volume.beta.kubernetes.io/storage-class': cls.beta } : {} },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(cls.spec ? { storageClassName: cls.spec } : {}), ...(volumeName ? { volumeName } : {}) },
  status: { phase },
});
const pod = (name: string, claimName: string): KubeObject => ({
  kind: 'Pod',
  metadata: { name, namespace: 'storage-demo' },
  spec: { containers: [{ name: 'c', volumeMounts: [{ name: 'v', mountPath: '/data' }] }], volumes: [{ name: 'v', persistentVolumeClaim: { claimName } }] },
});

test('a claim no pod mounts is an orphan; one a pod mounts lists that pod', () => {
  const c = caches({ pods: [pod('uploader-1', 'uploads')], 'storageclasses.storage.k8s.io': [standard] });
  const used = claimRow(claim('uploads', { spec: 'standard' }, 'Bound'), c);
  assert.equal(used.orphan, false);
  assert.deepEqual(used.users, [{ pod: 'uploader-1' }]);
  assert.equal(claimRow(claim('orphan-cache', { spec: 'standard' }, 'Bound'), c).orphan, true);
});

test('the beta-annotation claim reports its class and where it came from; a WaitForFirstConsumer claim says it waits', () => {
  const c = caches({ 'storageclasses.storage.k8s.io': [standard, localWait] });
  assert.deepEqual(claimRow(claim('legacy-data', { beta: 'standard' }), c).storageClass, { name: 'standard', from: 'betaAnnotation' });
  assert.deepEqual(claimRow(claim('uploads', { spec: 'standard' }), c).storageClass, { name: 'standard', from: 'spec' });
  assert.equal(claimRow(claim('scratch', { spec: 'local-wait' }), c).cause, 'waitForFirstConsumer');
});

test("a pod touches the rows of the claims it mounts, a volume its claimRef's, a class every claim of it", () => {
  const claims = [claim('a', { spec: 'standard' }), claim('b', { beta: 'standard' }), claim('c', { spec: 'local-wait' })];
  const c = caches({ persistentvolumeclaims: claims });
  assert.deepEqual([...(claimsView.affectedBy?.('pods', pod('p', 'a'), c) ?? [])], ['storage-demo/a']);
  assert.deepEqual([...(claimsView.affectedBy?.('storageclasses.storage.k8s.io', standard, c) ?? [])].sort(), ['storage-demo/a', 'storage-demo/b']);
  const pv: KubeObject = { kind: 'PersistentVolume', metadata: { name: 'v' }, spec: { claimRef: { namespace: 'storage-demo', name: 'c' } } };
  assert.deepEqual([...(claimsView.affectedBy?.('persistentvolumes', pv, c) ?? [])], ['storage-demo/c']);
  assert.deepEqual([...(storageClassesView.affectedBy?.('persistentvolumeclaims', claims[1], c) ?? [])], ['standard']);
});

test('a class lists the claims that use it, by either spelling, with the API server defaults filled in', () => {
  const c = caches({ persistentvolumeclaims: [claim('uploads', { spec: 'standard' }), claim('legacy-data', { beta: 'standard' }), claim('scratch', { spec: 'local-wait' })] });
  const row = storageClassRow(standard, c);
  assert.deepEqual(row.claims, ['storage-demo/legacy-data', 'storage-demo/uploads']);
  assert.equal(row.isDefault, true);
  assert.equal(row.reclaimPolicy, 'Delete');
  assert.equal(row.volumeBindingMode, 'Immediate');
  assert.equal(row.allowVolumeExpansion, true);
  assert.equal(storageClassRow(localWait, c).allowVolumeExpansion, false);
});

test('a Released Retain volume is reclaimable and keeps its claimRef; a deleting one is Terminating', () => {
  const released: KubeObject = {
    kind: 'PersistentVolume',
    metadata: { name: 'released-pv-01' },
    spec: { capacity: { storage: '2Gi' }, persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', hostPath: { path: '/mnt/old-logs' }, claimRef: { namespace: 'storage-demo', name: 'old-logs', uid: 'gone' } },
    status: { phase: 'Released' },
  };
  const row = volumeRow(released);
  assert.equal(row.reclaimable, true);
  assert.equal(row.reclaimPolicy, 'Retain');
  assert.deepEqual(row.claimRef, { namespace: 'storage-demo', name: 'old-logs', uid: 'gone' });
  assert.deepEqual(row.source, { type: 'hostPath', detail: '/mnt/old-logs' });
  assert.equal(volumeRow({ ...released, metadata: { ...released.metadata, deletionTimestamp: 'x' } }).status, 'Terminating');
});
