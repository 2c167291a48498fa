import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { controlLoopOf } from './controlLoop.ts';
import { persistentVolumeController } from './persistentVolume.ts';
import { externalStorageController } from './pvProvisioner.ts';
import { pvProtectionController } from './pvcProtection.ts';
import { schedulerController } from './scheduler.ts';
import { eventually } from '../../testing/eventually.ts';
import { eventsFor, testContext, testNode, testPod } from './testContext.ts';

const NS = 'storage-demo';

function classes(ctx: SimContext): void {
  const sc = (name: string, provisioner: string, extra: Record<string, unknown> = {}, annotations: Record<string, string> = {}) =>
    ctx.store.create('storageclasses.storage.k8s.io', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, annotations }, provisioner, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', ...extra });
  sc('standard', 'k8s.io/minikube-hostpath', { allowVolumeExpansion: true }, { 'storageclass.kubernetes.io/is-default-class': 'true' });
  sc('local-wait', 'rancher.io/local-path', { volumeBindingMode: 'WaitForFirstConsumer' });
  sc('manual', 'kubernetes.io/no-provisioner', { volumeBindingMode: 'WaitForFirstConsumer' });
  sc('manual-immediate', 'kubernetes.io/no-provisioner');
}

function claim(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: NS, ...(annotations ? { annotations } : {}) }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } };
}

function staticVolume(name: string, storageClassName: string, size: string, reclaim = 'Retain'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: reclaim, storageClassName, hostPath: { path: `/mnt/${name}` } },
  };
}

const getClaim = (ctx: SimContext, name: string) => ctx.store.get('persistentvolumeclaims', NS, name);
const getVolume = (ctx: SimContext, name: string) => ctx.store.get('persistentvolumes', undefined, name);
const bound = (ctx: SimContext, name: string) => () => {
  const c = getClaim(ctx, name);
  return c?.status?.phase === 'Bound' && c;
};

test('a dynamically provisioned claim carries the provisioner annotations and its volume says provisioned-by', async () => {
  const { ctx, close } = testContext([persistentVolumeController(), externalStorageController()]);
  try {
    classes(ctx);
    ctx.store.create('persistentvolumeclaims', claim('data', { storageClassName: 'standard' }));
    const pvc = await eventually(bound(ctx, 'data'), 'claim bound');
    assert.deepEqual(pvc.metadata.annotations, {
      'volume.beta.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
      'volume.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'pv.kubernetes.io/bind-completed': 'yes',
    });
    assert.equal(pvc.spec.volumeName, `pvc-${pvc.metadata.uid}`);
    assert.deepEqual(pvc.status.capacity, { storage: '1Gi' });
    assert.deepEqual(pvc.status.accessModes, ['ReadWriteOnce']);
    const pv = await eventually(() => getVolume(ctx, pvc.spec.volumeName)?.status?.phase === 'Bound' && getVolume(ctx, pvc.spec.volumeName), 'volume bound');
    assert.deepEqual(pv.metadata.annotations, { 'pv.kubernetes.io/provisioned-by': 'k8s.io/minikube-hostpath' });
    assert.equal(pv.spec.persistentVolumeReclaimPolicy, 'Delete');
    assert.equal(pv.spec.storageClassName, 'standard');
    assert.deepEqual(pv.spec.capacity, { storage: '1Gi' });
    assert.deepEqual(pv.spec.hostPath, { path: `/tmp/hostpath-provisioner/${NS}/data`, type: '' });
    assert.equal(pv.spec.claimRef.uid, pvc.metadata.uid);
    const reasons = eventsFor(ctx, pvc).map((e) => e.reason);
    assert.deepEqual(reasons.slice(0, 3), ['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    assert.equal(
      eventsFor(ctx, pvc)[0].message,
      "Waiting for a volume to be created either by the external provisioner 'k8s.io/minikube-hostpath' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    assert.equal(eventsFor(ctx, pvc)[2].message, `Successfully provisioned volume pvc-${pvc.metadata.uid}`);
  } finally {
    close();
  }
});

test('a pre-created volume binds statically: bound-by-controller on both, no provisioner marks', async () => {
  const { ctx, close } = testContext([persistentVolumeController(), externalStorageController()]);
  try {
    classes(ctx);
    ctx.store.create('persistentvolumes', staticVolume('big', 'manual-immediate', '10Gi'));
    ctx.store.create('persistentvolumes', staticVolume('small', 'manual-immediate', '2Gi'));
    ctx.store.create('persistentvolumes', staticVolume('too-small', 'manual-immediate', '500Mi'));
    ctx.store.create('persistentvolumeclaims', claim('static', { storageClassName: 'manual-immediate' }));
    const pvc = await eventually(bound(ctx, 'static'), 'claim bound');
    assert.equal(pvc.spec.volumeName, 'small', 'the smallest volume that fits');
    assert.deepEqual(pvc.metadata.annotations, { 'pv.kubernetes.io/bound-by-controller': 'yes', 'pv.kubernetes.io/bind-completed': 'yes' });
    assert.deepEqual(pvc.status.capacity, { storage: '2Gi' });
    const pv = await eventually(() => getVolume(ctx, 'small')?.status?.phase === 'Bound' && getVolume(ctx, 'small'), 'volume bound');
    assert.deepEqual(pv.metadata.annotations, { 'pv.kubernetes.io/bound-by-controller': 'yes' });
    assert.equal(getVolume(ctx, 'big')?.status?.phase, 'Available');
  } finally {
    close();
  }
});

test('the old volume.beta.kubernetes.io/storage-class annotation picks the class', async () => {
  const { ctx, close } = testContext([persistentVolumeController(), externalStorageController()]);
  try {
    classes(ctx);
    ctx.store.create('persistentvolumes', staticVolume('legacy-pv', 'manual-immediate', '1Gi'));
    ctx.store.create('persistentvolumeclaims', claim('legacy', {}, { 'volume.beta.kubernetes.io/storage-class': 'manual-immediate' }));
    const pvc = await eventually(bound(ctx, 'legacy'), 'claim bound');
    assert.equal(pvc.spec.volumeName, 'legacy-pv');
    assert.equal(pvc.spec.storageClassName, undefined, 'the default class is not forced on an annotated claim');
  } finally {
    close();
  }
});

test('claims that cannot be provisioned stay Pending with the real events', async () => {
  const { ctx, close } = testContext([persistentVolumeController(), externalStorageController()]);
  try {
    classes(ctx);
    ctx.store.create('persistentvolumeclaims', claim('nothing', { storageClassName: 'manual-immediate' }));
    ctx.store.create('persistentvolumeclaims', claim('classless', { storageClassName: '' }));
    await eventually(() => getClaim(ctx, 'nothing')?.status?.phase === 'Pending' && getClaim(ctx, 'classless')?.status?.phase === 'Pending', 'both pending');
    assert.deepEqual(eventsFor(ctx, getClaim(ctx, 'nothing')!)[0], { reason: 'ProvisioningFailed', type: 'Warning', message: 'no volume plugin matched name: kubernetes.io/no-provisioner', count: eventsFor(ctx, getClaim(ctx, 'nothing')!)[0].count });
    assert.equal(eventsFor(ctx, getClaim(ctx, 'classless')!)[0].message, 'no persistent volumes available for this claim and no storage class is set');
  } finally {
    close();
  }
});

test('WaitForFirstConsumer waits for a pod, then provisions on the node the scheduler chose', async () => {
  const volumes = controlLoopOf(persistentVolumeController());
  const provisioner = controlLoopOf(externalStorageController());
  const { ctx, close } = testContext([schedulerController(), volumes, provisioner]);
  try {
    classes(ctx);
    ctx.store.create('nodes', testNode('node-a', '4', '16Gi'));
    ctx.store.create('persistentvolumeclaims', claim('cache', { storageClassName: 'local-wait' }));
    await eventually(() => getClaim(ctx, 'cache')?.status?.phase === 'Pending', 'pending');
    // Without a pod nothing may be provisioned or bound, however long the controllers look.
    await volumes.idle();
    await provisioner.idle();
    const waiting = getClaim(ctx, 'cache')!;
    assert.equal(waiting.spec.volumeName, undefined);
    assert.deepEqual(eventsFor(ctx, waiting).map((e) => e.message), ['waiting for first consumer to be created before binding']);
    ctx.store.create('pods', testPod('cache-0', NS, { containers: [{ name: 'redis', image: 'redis' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'cache' } }] }));
    const pvc = await eventually(bound(ctx, 'cache'), 'claim bound after a consumer appears', 3000);
    assert.equal(pvc.metadata.annotations?.['volume.kubernetes.io/selected-node'], 'node-a');
    const pv = getVolume(ctx, pvc.spec.volumeName)!;
    assert.deepEqual(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0], { key: 'kubernetes.io/hostname', operator: 'In', values: ['node-a'] });
    assert.equal(pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'], 'rancher.io/local-path');
    await eventually(() => ctx.store.get('pods', NS, 'cache-0')?.spec.nodeName === 'node-a', 'pod bound once its claim is');
  } finally {
    close();
  }
});

test('deleting a claim releases its volume: Delete removes it, Retain keeps it Released', async () => {
  // The provisioned volume carries kubernetes.io/pv-protection (admission), which its controller lifts once it is not Bound.
  const { ctx, close } = testContext([persistentVolumeController(), externalStorageController(), pvProtectionController()]);
  try {
    classes(ctx);
    ctx.store.create('persistentvolumes', staticVolume('kept', 'manual-immediate', '1Gi', 'Retain'));
    ctx.store.create('persistentvolumeclaims', claim('keep-me', { storageClassName: 'manual-immediate' }));
    ctx.store.create('persistentvolumeclaims', claim('scratch', { storageClassName: 'standard' }));
    const dynamic = await eventually(bound(ctx, 'scratch'), 'dynamic bound');
    await eventually(bound(ctx, 'keep-me'), 'static bound');
    ctx.store.delete('persistentvolumeclaims', NS, 'scratch');
    ctx.store.delete('persistentvolumeclaims', NS, 'keep-me');
    await eventually(() => !getVolume(ctx, dynamic.spec.volumeName), 'dynamic volume deleted', 3000);
    const kept = await eventually(() => getVolume(ctx, 'kept')?.status?.phase === 'Released' && getVolume(ctx, 'kept'), 'static volume released');
    assert.equal(kept.spec.claimRef.name, 'keep-me', 'claimRef stays on a released volume');
  } finally {
    close();
  }
});

test('a Released volume stays Released: neither a new claim of its old name nor another fitting claim binds it', async () => {
  const volumes = controlLoopOf(persistentVolumeController());
  const { ctx, close } = testContext([volumes]);
  try {
    classes(ctx);
    ctx.store.create('persistentvolumes', { ...staticVolume('released', 'manual-immediate', '2Gi'), spec: { ...staticVolume('released', 'manual-immediate', '2Gi').spec, claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: NS, name: 'old-logs', uid: 'uid-of-the-deleted-claim' } } });
    await eventually(() => getVolume(ctx, 'released')?.status?.phase === 'Released', 'Released: its claim is gone');
    ctx.store.create('persistentvolumeclaims', claim('old-logs', { storageClassName: 'manual-immediate' }));
    ctx.store.create('persistentvolumeclaims', claim('other', { storageClassName: 'manual-immediate' }));
    await eventually(() => getClaim(ctx, 'old-logs')?.status?.phase === 'Pending' && getClaim(ctx, 'other')?.status?.phase === 'Pending', 'both claims looked at');
    await volumes.idle();
    const pv = getVolume(ctx, 'released')!;
    assert.equal(pv.status.phase, 'Released');
    assert.equal(pv.spec.claimRef.uid, 'uid-of-the-deleted-claim');
    assert.equal(getClaim(ctx, 'old-logs')?.spec.volumeName, undefined);
    assert.equal(getClaim(ctx, 'other')?.spec.volumeName, undefined);
  } finally {
    close();
  }
});
