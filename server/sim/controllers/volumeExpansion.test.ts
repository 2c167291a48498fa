import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { persistentVolumeController } from './persistentVolume.ts';
import { externalStorageController } from './pvProvisioner.ts';
import { externalResizer, nodeVolumeExpander } from './volumeExpansion.ts';
import { eventually } from '../../testing/eventually.ts';
import { eventsFor, testContext, testPod } from './testContext.ts';

const NS = 'storage-demo';

function setUp() {
  const { ctx, close } = testContext([persistentVolumeController(), externalStorageController(), externalResizer(), nodeVolumeExpander()]);
  ctx.store.create('storageclasses.storage.k8s.io', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'k8s.io/minikube-hostpath', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', allowVolumeExpansion: true });
  return { ctx, close };
}

async function boundClaim(ctx: SimContext, name: string, volumeMode = 'Filesystem'): Promise<KubeObject> {
  ctx.store.create('persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: NS }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', volumeMode, resources: { requests: { storage: '1Gi' } } } });
  return eventually(() => {
    const c = getClaim(ctx, name);
    return c?.status?.phase === 'Bound' && c;
  }, `${name} bound`);
}

function runningPod(ctx: SimContext, name: string, claimName: string): KubeObject {
  return ctx.store.create('pods', { ...testPod(name, NS, { nodeName: 'node-a', containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName } }] }), status: { phase: 'Running' } });
}

const getClaim = (ctx: SimContext, name: string) => ctx.store.get('persistentvolumeclaims', NS, name);
const getVolume = (ctx: SimContext, name: string) => ctx.store.get('persistentvolumes', undefined, name);
const grow = (ctx: SimContext, name: string, size: string) => ctx.store.mutate('persistentvolumeclaims', NS, name, (c) => void (c.spec.resources.requests.storage = size));

/** Every distinct state the claim's resize went through: conditions, resize status, allocated size, capacity, and the volume's capacity then. */
function recordResize(ctx: SimContext, name: string): { states: string[]; stop: () => void } {
  const states: string[] = [];
  const stop = ctx.store.subscribe((e) => {
    if (e.object.metadata.name !== name) return;
    const s = e.object.status ?? {};
    const state = [
      ((s.conditions as { type: string }[] | undefined) ?? []).map((c) => c.type).join('+') || '-',
      s.allocatedResourceStatuses?.storage ?? '-',
      `allocated=${s.allocatedResources?.storage ?? '-'}`,
      `capacity=${s.capacity?.storage}`,
      `pv=${getVolume(ctx, e.object.spec?.volumeName)?.spec.capacity.storage}`,
    ].join(' ');
    if (states.at(-1) !== state) states.push(state);
  }, 'persistentvolumeclaims');
  return { states, stop };
}

test('growing a claim a running pod mounts: Resizing, the volume grows, FileSystemResizePending, the kubelet grows the file system, capacity is the new size', async () => {
  const { ctx, close } = setUp();
  try {
    const pvc = await boundClaim(ctx, 'grow');
    const pod = runningPod(ctx, 'user', 'grow');
    const seen = recordResize(ctx, 'grow');
    grow(ctx, 'grow', '2Gi');
    const done = await eventually(() => {
      const c = getClaim(ctx, 'grow');
      return c?.status?.capacity?.storage === '2Gi' && c;
    }, 'claim capacity grown');
    seen.stop();
    assert.deepEqual(
      seen.states.filter((s) => !s.startsWith('- - allocated=- capacity=1Gi')),
      [
        'Resizing ControllerResizeInProgress allocated=2Gi capacity=1Gi pv=1Gi',
        'FileSystemResizePending NodeResizePending allocated=2Gi capacity=1Gi pv=2Gi',
        'FileSystemResizePending NodeResizeInProgress allocated=2Gi capacity=1Gi pv=2Gi',
        '- - allocated=2Gi capacity=2Gi pv=2Gi',
      ],
    );
    assert.equal(done.status.conditions, undefined, 'resize conditions gone');
    assert.equal(done.status.allocatedResourceStatuses, undefined);
    assert.deepEqual(done.status.allocatedResources, { storage: '2Gi' });
    const volume = pvc.spec.volumeName as string;
    assert.deepEqual(
      eventsFor(ctx, done).filter((e) => e.reason !== 'ExternalProvisioning' && !e.reason.startsWith('Provisioning')).map((e) => [e.reason, e.message]),
      [
        ['ExternalExpanding', 'waiting for an external controller to expand this PVC'],
        ['Resizing', `External resizer is resizing volume ${volume}`],
        ['FileSystemResizeRequired', 'Require file system resize of volume on node'],
        ['FileSystemResizeSuccessful', `MountVolume.NodeExpandVolume succeeded for volume "${volume}" node-a`],
      ],
    );
    assert.deepEqual(eventsFor(ctx, pod).map((e) => e.reason), ['FileSystemResizeSuccessful']);
  } finally {
    close();
  }
});

test('a claim no pod mounts waits in FileSystemResizePending with its volume grown, and finishes when a pod starts; a request grown again meanwhile follows', async () => {
  const { ctx, close } = setUp();
  try {
    const pvc = await boundClaim(ctx, 'idle');
    grow(ctx, 'idle', '2Gi');
    const pending = await eventually(() => {
      const c = getClaim(ctx, 'idle');
      return c?.status?.allocatedResourceStatuses?.storage === 'NodeResizePending' && c;
    }, 'waiting for the node');
    assert.deepEqual(pending.status.conditions.map((c: { type: string; message: string }) => [c.type, c.message]), [['FileSystemResizePending', 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.']]);
    assert.deepEqual(pending.status.capacity, { storage: '1Gi' });
    assert.equal(getVolume(ctx, pvc.spec.volumeName)?.spec.capacity.storage, '2Gi');
    // Grown again before the node finished: the resizer waits for the node first.
    grow(ctx, 'idle', '3Gi');
    runningPod(ctx, 'late-user', 'idle');
    const done = await eventually(() => {
      const c = getClaim(ctx, 'idle');
      return c?.status?.capacity?.storage === '3Gi' && !c.status.allocatedResourceStatuses && c;
    }, 'capacity 3Gi');
    assert.equal(getVolume(ctx, pvc.spec.volumeName)?.spec.capacity.storage, '3Gi');
    assert.deepEqual(done.status.allocatedResources, { storage: '3Gi' });
    const reasons = eventsFor(ctx, done).map((e) => e.reason);
    assert.equal(reasons.filter((r) => r === 'Resizing').length, 1, 'same message twice counts on one event');
    assert.equal(eventsFor(ctx, done).find((e) => e.reason === 'Resizing')?.count, 2);
    assert.equal(eventsFor(ctx, done).find((e) => e.reason === 'FileSystemResizeSuccessful')?.count, 2);
  } finally {
    close();
  }
});

test('a Block volume needs no node step: the resizer finishes it with VolumeResizeSuccessful', async () => {
  const { ctx, close } = setUp();
  try {
    const pvc = await boundClaim(ctx, 'raw', 'Block');
    const seen = recordResize(ctx, 'raw');
    grow(ctx, 'raw', '4Gi');
    const done = await eventually(() => {
      const c = getClaim(ctx, 'raw');
      return c?.status?.capacity?.storage === '4Gi' && c;
    }, 'capacity 4Gi');
    seen.stop();
    assert.ok(!seen.states.some((s) => s.includes('FileSystemResizePending')), seen.states.join('\n'));
    assert.equal(done.status.conditions, undefined);
    assert.equal(done.status.allocatedResourceStatuses, undefined);
    assert.equal(getVolume(ctx, pvc.spec.volumeName)?.spec.capacity.storage, '4Gi');
    assert.deepEqual(eventsFor(ctx, done).filter((e) => e.reason === 'VolumeResizeSuccessful').map((e) => e.message), ['Resize volume succeeded']);
  } finally {
    close();
  }
});
