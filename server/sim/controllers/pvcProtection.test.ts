import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { controlLoopOf } from './controlLoop.ts';
import { persistentVolumeController } from './persistentVolume.ts';
import { podUsesClaim, pvcProtectionController, pvProtectionController } from './pvcProtection.ts';
import { eventually } from '../../testing/eventually.ts';
import { testContext, testPod } from './testContext.ts';

const NS = 'storage-demo';
const PVC_FINALIZER = 'kubernetes.io/pvc-protection';
const PV_FINALIZER = 'kubernetes.io/pv-protection';

function setUp() {
  const claims = controlLoopOf(pvcProtectionController());
  const volumes = controlLoopOf(pvProtectionController());
  const binder = controlLoopOf(persistentVolumeController());
  const { ctx, close } = testContext([binder, claims, volumes]);
  ctx.store.create('storageclasses.storage.k8s.io', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'manual' }, provisioner: 'kubernetes.io/no-provisioner', reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate' });
  /** Every controller has synced all it was told so far. */
  const settled = async () => {
    for (let i = 0; i < 3; i++) for (const c of [binder, claims, volumes]) await c.idle();
  };
  return { ctx, close, settled };
}

/** A claim bound to its own hand-made Retain volume, both created through admission. */
async function boundClaim(ctx: SimContext, name: string): Promise<KubeObject> {
  createAdmitted(ctx, 'persistentvolumes', {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: `${name}-pv` },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', hostPath: { path: `/mnt/${name}` }, claimRef: { namespace: NS, name } },
  });
  createAdmitted(ctx, 'persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: NS }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', resources: { requests: { storage: '1Gi' } } } });
  return eventually(() => {
    const c = getClaim(ctx, name);
    return c?.status?.phase === 'Bound' && getVolume(ctx, `${name}-pv`)?.status?.phase === 'Bound' && c;
  }, `${name} bound`);
}

function podWithClaim(ctx: SimContext, name: string, claimName: string, opts: { nodeName?: string; phase?: string } = {}): KubeObject {
  return ctx.store.create('pods', {
    ...testPod(name, NS, { ...(opts.nodeName ? { nodeName: opts.nodeName } : {}), containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] }),
    status: { phase: opts.phase ?? (opts.nodeName ? 'Running' : 'Pending') },
  });
}

const getClaim = (ctx: SimContext, name: string) => ctx.store.get('persistentvolumeclaims', NS, name);
const getVolume = (ctx: SimContext, name: string) => ctx.store.get('persistentvolumes', undefined, name);

test('the API server adds kubernetes.io/pvc-protection to every new claim and kubernetes.io/pv-protection to every new volume, once', () => {
  const { ctx, close } = setUp();
  try {
    const pvc = createAdmitted(ctx, 'persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: NS, finalizers: ['example.com/keep'] }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    assert.deepEqual(pvc.metadata.finalizers, ['example.com/keep', PVC_FINALIZER]);
    const pv = createAdmitted(ctx, 'persistentvolumes', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v', finalizers: [PV_FINALIZER] }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/v' } } });
    assert.deepEqual(pv.metadata.finalizers, [PV_FINALIZER]);
  } finally {
    close();
  }
});

test('a claim created without the finalizer (before the admission plugin) gets it from the controller', async () => {
  const { ctx, close } = setUp();
  try {
    ctx.store.create('persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'old', namespace: NS }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', resources: { requests: { storage: '1Gi' } } } });
    await eventually(() => getClaim(ctx, 'old')?.metadata.finalizers?.includes(PVC_FINALIZER), 'finalizer added');
  } finally {
    close();
  }
});

test('deleting a claim a running pod uses leaves it Terminating with its finalizer; deleting the pod lets it go and its Retain volume becomes Released', async () => {
  const { ctx, close, settled } = setUp();
  try {
    await boundClaim(ctx, 'data');
    podWithClaim(ctx, 'app', 'data', { nodeName: 'node-a' });
    ctx.store.delete('persistentvolumeclaims', NS, 'data');
    await settled();
    const terminating = getClaim(ctx, 'data')!;
    assert.ok(terminating.metadata.deletionTimestamp, 'marked for deletion');
    assert.deepEqual(terminating.metadata.finalizers, [PVC_FINALIZER]);
    assert.equal(terminating.status.phase, 'Bound');
    assert.equal(getVolume(ctx, 'data-pv')?.status?.phase, 'Bound', 'the volume stays Bound to a terminating claim');

    ctx.store.delete('pods', NS, 'app');
    await eventually(() => !getClaim(ctx, 'data'), 'claim gone once no pod uses it');
    const pv = await eventually(() => getVolume(ctx, 'data-pv')?.status?.phase === 'Released' && getVolume(ctx, 'data-pv'), 'volume Released');
    assert.equal(pv.spec.claimRef.name, 'data');
    assert.deepEqual(pv.metadata.finalizers, [PV_FINALIZER], 'a Released volume that nobody deletes keeps its finalizer');
  } finally {
    close();
  }
});

test('a pod not yet scheduled does not hold a claim being deleted; a completed pod on a node does until it is deleted', async () => {
  const { ctx, close, settled } = setUp();
  try {
    await boundClaim(ctx, 'pending-user');
    await boundClaim(ctx, 'job-output');
    podWithClaim(ctx, 'unscheduled', 'pending-user');
    podWithClaim(ctx, 'finished', 'job-output', { nodeName: 'node-a', phase: 'Succeeded' });
    ctx.store.delete('persistentvolumeclaims', NS, 'pending-user');
    ctx.store.delete('persistentvolumeclaims', NS, 'job-output');
    await eventually(() => !getClaim(ctx, 'pending-user'), 'claim of an unscheduled pod gone');
    await settled();
    assert.deepEqual(getClaim(ctx, 'job-output')?.metadata.finalizers, [PVC_FINALIZER], 'a Succeeded pod still names the claim');
    ctx.store.delete('pods', NS, 'finished');
    await eventually(() => !getClaim(ctx, 'job-output'), 'claim gone with the completed pod');
  } finally {
    close();
  }
});

test("a generic ephemeral volume's claim is held by its own pod (the claim's controller) until the pod goes", async () => {
  const { ctx, close, settled } = setUp();
  try {
    const ephemeral = (pod: string) => ({
      ...testPod(pod, NS, { nodeName: 'node-a', containers: [{ name: 'c', image: 'redis' }], volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }] }),
      status: { phase: 'Running' },
    });
    const owner = ctx.store.create('pods', ephemeral('cache-0'));
    const claimOf = (name: string, ownerUid: string) =>
      createAdmitted(ctx, 'persistentvolumeclaims', {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name, namespace: NS, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: name.replace(/-scratch$/, ''), uid: ownerUid, controller: true, blockOwnerDeletion: true }] },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', resources: { requests: { storage: '1Gi' } } },
      });
    claimOf('cache-0-scratch', owner.metadata.uid!);
    // Same name pattern, but made for an earlier pod of that name: not this pod's volume.
    ctx.store.create('pods', ephemeral('cache-1'));
    claimOf('cache-1-scratch', 'uid-of-an-earlier-cache-1');
    ctx.store.delete('persistentvolumeclaims', NS, 'cache-0-scratch');
    ctx.store.delete('persistentvolumeclaims', NS, 'cache-1-scratch');
    await eventually(() => !getClaim(ctx, 'cache-1-scratch'), "the claim another pod's volume only shares a name with goes");
    await settled();
    assert.ok(getClaim(ctx, 'cache-0-scratch'), 'held while its pod runs');
    ctx.store.delete('pods', NS, 'cache-0');
    await eventually(() => !getClaim(ctx, 'cache-0-scratch'), 'claim gone with its pod');
  } finally {
    close();
  }
});

test('a pod shut down by the kubelet or force-deleted (deletionGracePeriodSeconds 0) no longer uses its ephemeral claim, but still its persistentVolumeClaim', () => {
  const claim = (name: string, ownerUid?: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: NS, ...(ownerUid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: ownerUid, controller: true }] } : {}) },
  });
  const pod: KubeObject = {
    ...testPod('p', NS, { nodeName: 'node-a', containers: [], volumes: [{ name: 'tmp', ephemeral: {} }, { name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }),
    metadata: { name: 'p', namespace: NS, uid: 'pod-uid' },
  };
  assert.equal(podUsesClaim(pod, claim('p-tmp', 'pod-uid')), true);
  const shutDown = { ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 0 } };
  assert.equal(podUsesClaim(shutDown, claim('p-tmp', 'pod-uid')), false);
  assert.equal(podUsesClaim(shutDown, claim('data')), true);
  const terminating = { ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 30 } };
  assert.equal(podUsesClaim(terminating, claim('p-tmp', 'pod-uid')), true, 'still terminating gracefully');
  assert.equal(podUsesClaim({ ...pod, metadata: { ...pod.metadata, namespace: 'other' } }, claim('data')), false, 'only pods in the claim’s namespace');
});

test('deleting a Bound volume leaves it Terminating until its claim is gone, then it goes', async () => {
  const { ctx, close, settled } = setUp();
  try {
    await boundClaim(ctx, 'db');
    ctx.store.delete('persistentvolumes', undefined, 'db-pv');
    await settled();
    const held = getVolume(ctx, 'db-pv')!;
    assert.ok(held.metadata.deletionTimestamp);
    assert.equal(held.status.phase, 'Bound');
    assert.deepEqual(held.metadata.finalizers, [PV_FINALIZER]);
    ctx.store.delete('persistentvolumeclaims', NS, 'db');
    await eventually(() => !getClaim(ctx, 'db') && !getVolume(ctx, 'db-pv'), 'claim and volume gone');
  } finally {
    close();
  }
});
