import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../kube/object.ts';
import { admit } from './index.ts';
import { create, rejection, testContext } from './testContext.ts';

function withClasses() {
  const ctx = testContext();
  create(ctx, 'storageclasses.storage.k8s.io', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'k8s.io/minikube-hostpath', allowVolumeExpansion: true });
  create(ctx, 'storageclasses.storage.k8s.io', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'manual' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
  return ctx;
}

const claim = (name: string, extra: { storageClassName?: string; annotations?: Record<string, string> } = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'shop', annotations: extra.annotations },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(extra.storageClassName !== undefined ? { storageClassName: extra.storageClassName } : {}) },
});

test('storage classes get reclaim and binding defaults', () => {
  const ctx = withClasses();
  const sc = ctx.store.get('storageclasses.storage.k8s.io', undefined, 'standard')!;
  assert.deepEqual([sc.reclaimPolicy, sc.volumeBindingMode], ['Delete', 'Immediate']);
});

test('a claim with no class and no beta annotation gets the default class', () => {
  const ctx = withClasses();
  const pvc = create(ctx, 'persistentvolumeclaims', claim('data'));
  assert.equal(pvc.spec.storageClassName, 'standard');
  assert.equal(pvc.spec.volumeMode, 'Filesystem');
  assert.deepEqual(pvc.status, { phase: 'Pending' });
});

test('a claim with the beta annotation keeps no storageClassName; an explicit empty class stays empty', () => {
  const ctx = withClasses();
  const beta = create(ctx, 'persistentvolumeclaims', claim('legacy', { annotations: { 'volume.beta.kubernetes.io/storage-class': 'manual' } }));
  assert.equal(beta.spec.storageClassName, undefined);
  const none = create(ctx, 'persistentvolumeclaims', claim('static', { storageClassName: '' }));
  assert.equal(none.spec.storageClassName, '');
});

test('a claim without access modes or size is invalid', () => {
  const ctx = withClasses();
  const err = rejection(() => admit(ctx.store.type('persistentvolumeclaims'), { metadata: { name: 'x', namespace: 'shop' }, spec: {} }, undefined, ctx, 'create'));
  assert.equal(err.message, 'PersistentVolumeClaim "x" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]');
});

function bound(ctx: ReturnType<typeof withClasses>, pvc: KubeObject): KubeObject {
  return ctx.store.update('persistentvolumeclaims', { ...pvc, spec: { ...pvc.spec, volumeName: 'pv-1' }, status: { phase: 'Bound', capacity: { storage: '1Gi' } } });
}

test('a bound claim may grow when its class allows expansion, never below its capacity (1.32: RecoverVolumeExpansionFailure)', () => {
  const ctx = withClasses();
  const old = bound(ctx, create(ctx, 'persistentvolumeclaims', claim('data')));
  const grow = structuredClone(old);
  grow.spec.resources.requests.storage = '3Gi';
  admit(ctx.store.type('persistentvolumeclaims'), grow, old, ctx, 'update');
  const grown = ctx.store.update('persistentvolumeclaims', grow);
  // An expansion to 3Gi that has not finished (capacity still 1Gi) may be taken back to 2Gi ...
  const recover = structuredClone(grown);
  recover.spec.resources.requests.storage = '2Gi';
  admit(ctx.store.type('persistentvolumeclaims'), recover, grown, ctx, 'update');
  // ... but not to the capacity or below.
  for (const size of ['1Gi', '500Mi']) {
    const shrink = structuredClone(grown);
    shrink.spec.resources.requests.storage = size;
    const err = rejection(() => admit(ctx.store.type('persistentvolumeclaims'), shrink, grown, ctx, 'update'));
    assert.equal(err.code, 422);
    assert.equal(err.message, 'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity');
  }
});

test('before 1.32 a bound claim may never shrink its request', () => {
  const ctx = { ...withClasses(), kubeMinor: 24 as const };
  const old = bound(ctx, create(ctx, 'persistentvolumeclaims', claim('data')));
  const grown = structuredClone(old);
  grown.spec.resources.requests.storage = '3Gi';
  const stored = ctx.store.update('persistentvolumeclaims', grown);
  const shrink = structuredClone(stored);
  shrink.spec.resources.requests.storage = '2Gi';
  const err = rejection(() => admit(ctx.store.type('persistentvolumeclaims'), shrink, stored, ctx, 'update'));
  assert.equal(err.message, 'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than previous value');
});

test('growing a claim whose class does not allow expansion is forbidden', () => {
  const ctx = withClasses();
  const old = bound(ctx, create(ctx, 'persistentvolumeclaims', claim('manual-data', { storageClassName: 'manual' })));
  const grow = structuredClone(old);
  grow.spec.resources.requests.storage = '2Gi';
  const err = rejection(() => admit(ctx.store.type('persistentvolumeclaims'), grow, old, ctx, 'update'));
  assert.equal(err.code, 403);
  assert.equal(err.message, 'persistentvolumeclaims "manual-data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
});

test('other spec fields of a claim are immutable', () => {
  const ctx = withClasses();
  const old = create(ctx, 'persistentvolumeclaims', claim('data'));
  const next = structuredClone(old);
  next.spec.accessModes = ['ReadWriteMany'];
  assert.match(rejection(() => admit(ctx.store.type('persistentvolumeclaims'), next, old, ctx, 'update')).message, /spec: Forbidden: spec is immutable after creation except resources.requests/);
});

test('a static volume defaults to Retain and needs a volume source', () => {
  const ctx = withClasses();
  const pv = create(ctx, 'persistentvolumes', { metadata: { name: 'pv-1' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } });
  assert.deepEqual([pv.spec.persistentVolumeReclaimPolicy, pv.spec.volumeMode, pv.status.phase], ['Retain', 'Filesystem', 'Pending']);
  const err = rejection(() => admit(ctx.store.type('persistentvolumes'), { metadata: { name: 'pv-2' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'] } }, undefined, ctx, 'create'));
  assert.equal(err.message, 'PersistentVolume "pv-2" is invalid: spec: Required value: must specify a volume type');
});
