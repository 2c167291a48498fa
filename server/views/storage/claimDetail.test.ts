import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { claimDetail } from './claimDetail.ts';

const standard: KubeObject = {
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'k8s.io/minikube-hostpath',
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'Immediate',
  allowVolumeExpansion: true,
};
const localWait: KubeObject = { kind: 'StorageClass', metadata: { name: 'local-wait' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
const manual: KubeObject = { kind: 'StorageClass', metadata: { name: 'manual' }, provisioner: 'kubernetes.io/no-provisioner', reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate' };

function claim(name: string, opts: { cls?: string; size?: string; phase?: string; volumeName?: string; annotations?: Record<string, string>; namespace?: string } = {}): KubeObject {
  return {
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: opts.namespace ?? 'storage-demo', uid: `uid-${name}`, resourceVersion: '7', ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: opts.size ?? '1Gi' } },
      volumeMode: 'Filesystem',
      ...(opts.cls ? { storageClassName: opts.cls } : {}),
      ...(opts.volumeName ? { volumeName: opts.volumeName } : {}),
    },
    status: { phase: opts.phase ?? 'Pending', ...(opts.phase === 'Bound' ? { capacity: { storage: opts.size ?? '1Gi' }, accessModes: ['ReadWriteOnce'] } : {}) },
  };
}

function volume(name: string, opts: { cls: string; size: string; claim?: string; provisionedBy?: string; phase?: string; annotations?: Record<string, string> }): KubeObject {
  const annotations = { ...(opts.provisionedBy ? { 'pv.kubernetes.io/provisioned-by': opts.provisionedBy } : {}), ...opts.annotations };
  return {
    kind: 'PersistentVolume',
    metadata: { name, annotations },
    spec: {
      capacity: { storage: opts.size },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: opts.provisionedBy ? 'Delete' : 'Retain',
      storageClassName: opts.cls,
      hostPath: { path: `/mnt/${name}`, type: 'DirectoryOrCreate' },
      ...(opts.claim ? { claimRef: { kind: 'PersistentVolumeClaim', namespace: opts.claim.split('/')[0], name: opts.claim.split('/')[1] } } : {}),
    },
    status: { phase: opts.phase ?? (opts.claim ? 'Bound' : 'Available') },
  };
}

function event(about: string, reason: string, message: string, at: string, type = 'Normal'): KubeObject {
  return {
    kind: 'Event',
    metadata: { name: `${about}.${reason}`, namespace: 'storage-demo' },
    involvedObject: { kind: 'PersistentVolumeClaim', name: about, namespace: 'storage-demo', uid: `uid-${about}` },
    type,
    reason,
    message,
    count: 1,
    lastTimestamp: at,
  };
}

function pod(name: string, claimName: string, node?: string): KubeObject {
  return {
    kind: 'Pod',
    metadata: { name, namespace: 'shop', uid: `uid-${name}` },
    spec: { ...(node ? { nodeName: node } : {}), containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
    status: { phase: node ? 'Running' : 'Pending' },
  };
}

const BOUND_DYNAMIC = {
  'pv.kubernetes.io/bind-completed': 'yes',
  'pv.kubernetes.io/bound-by-controller': 'yes',
  'volume.beta.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
  'volume.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
};

test("postgres-0's data claim is Bound to a volume the hostpath provisioner made for it, mounted by postgres-0", () => {
  const c = claim('data-postgres-0', { namespace: 'shop', cls: 'standard', size: '2Gi', phase: 'Bound', volumeName: 'pvc-1', annotations: BOUND_DYNAMIC });
  const pv = volume('pvc-1', { cls: 'standard', size: '2Gi', claim: 'shop/data-postgres-0', provisionedBy: 'k8s.io/minikube-hostpath' });
  const d = claimDetail(c, { storageClass: standard, volume: pv, pods: [pod('postgres-0', 'data-postgres-0', 'node-a'), pod('api-1', 'other', 'node-b')], events: [] });
  assert.equal(d.phase, 'Bound');
  assert.equal(d.unbound, undefined);
  assert.deepEqual([d.requested, d.capacity], ['2Gi', '2Gi']);
  assert.deepEqual(d.storageClass, { name: 'standard', from: 'spec', found: true, provisioner: 'k8s.io/minikube-hostpath', volumeBindingMode: 'Immediate', reclaimPolicy: 'Delete', allowVolumeExpansion: true, isDefault: true });
  assert.deepEqual(d.volume, { name: 'pvc-1', found: true, capacity: '2Gi', reclaimPolicy: 'Delete', phase: 'Bound', sourceType: 'hostPath', source: '/mnt/pvc-1', storageClass: 'standard' });
  assert.deepEqual(d.provisioning, { mode: 'dynamic', provisioner: 'k8s.io/minikube-hostpath', boundByController: true });
  assert.deepEqual(
    d.annotations.map((a) => `${a.on}:${a.key}`),
    [
      'claim:volume.beta.kubernetes.io/storage-provisioner',
      'claim:volume.kubernetes.io/storage-provisioner',
      'claim:pv.kubernetes.io/bound-by-controller',
      'claim:pv.kubernetes.io/bind-completed',
      'volume:pv.kubernetes.io/provisioned-by',
    ],
  );
  assert.deepEqual(d.pods, [{ name: 'postgres-0', status: 'Running', node: 'node-a', ephemeral: false, mounts: [] }]);
});

test('a claim bound by the controller to a hand-made volume is static, and an old ProvisioningFailed event does not make it look stuck', () => {
  const c = claim('archive', { cls: 'manual', size: '5Gi', phase: 'Bound', volumeName: 'archive-pv-01', annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' } });
  const pv = volume('archive-pv-01', { cls: 'manual', size: '5Gi', claim: 'storage-demo/archive', annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } });
  const d = claimDetail(c, { storageClass: manual, volume: pv, pods: [], events: [event('archive', 'ProvisioningFailed', 'no volume plugin matched name: kubernetes.io/no-provisioner', '2026-01-01T00:00:00Z', 'Warning')] });
  assert.deepEqual(d.provisioning, { mode: 'static', binding: 'matched', boundByController: true });
  assert.equal(d.unbound, undefined);
  assert.equal(d.events.length, 1, 'the event is still listed');
});

test('a WaitForFirstConsumer claim nobody uses waits for its first consumer, and says so with the controller event', () => {
  const c = claim('scratch', { cls: 'local-wait' });
  const events = [event('scratch', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', '2026-01-01T00:00:05Z'), event('uploads', 'ProvisioningSucceeded', 'x', '2026-01-01T00:00:09Z')];
  const d = claimDetail(c, { storageClass: localWait, pods: [], events, volumes: [] });
  assert.equal(d.unbound?.cause, 'waitForFirstConsumer');
  assert.equal(d.unbound?.event?.message, 'waiting for first consumer to be created before binding');
  assert.equal(d.events.length, 1, "only the claim's own events");
  assert.deepEqual(d.provisioning, { mode: 'awaitingProvisioner', provisioner: 'rancher.io/local-path', boundByController: false });
  assert.equal(d.storageClass?.volumeBindingMode, 'WaitForFirstConsumer');
});

test('once a pod uses the WaitForFirstConsumer claim it waits for that pod to be scheduled', () => {
  const d = claimDetail(claim('scratch', { cls: 'local-wait' }), { storageClass: localWait, pods: [pod('cruncher', 'scratch')], events: [] });
  assert.equal(d.unbound?.cause, 'waitForPodScheduled');
  assert.deepEqual(d.unbound?.waitingPods, ['cruncher']);
  assert.deepEqual(d.pods.map((p) => [p.name, p.status]), [['cruncher', 'Pending']]);
});

test('a 50Gi claim of the manual class has no matching volume, and each manual volume says why it does not fit', () => {
  const c = claim('reports-archive', { cls: 'manual', size: '50Gi' });
  const volumes = [
    volume('archive-pv-01', { cls: 'manual', size: '5Gi', claim: 'storage-demo/archive' }),
    volume('spare-10g', { cls: 'manual', size: '10Gi' }),
    volume('big-released', { cls: 'manual', size: '100Gi', phase: 'Released' }),
    volume('pvc-x', { cls: 'standard', size: '100Gi' }),
  ];
  const events = [event('reports-archive', 'ProvisioningFailed', 'no volume plugin matched name: kubernetes.io/no-provisioner', '2026-01-01T00:00:05Z', 'Warning')];
  const d = claimDetail(c, { storageClass: manual, pods: [], events, volumes });
  assert.equal(d.unbound?.cause, 'noMatchingVolume');
  assert.equal(d.unbound?.event?.reason, 'ProvisioningFailed');
  assert.deepEqual(
    d.unbound?.candidates?.map((v) => [v.name, v.verdict, v.claim]),
    [
      ['archive-pv-01', 'boundElsewhere', 'storage-demo/archive'],
      ['spare-10g', 'tooSmall', undefined],
      ['big-released', 'notAvailable', undefined],
    ],
  );
  assert.equal(d.provisioning.mode, 'awaitingVolume');
  assert.equal(d.capacity, undefined, 'no actual capacity before binding');
});

test('a claim written before storageClassName existed takes its class from the beta annotation', () => {
  const c = claim('legacy-data', { annotations: { 'volume.beta.kubernetes.io/storage-class': 'standard' } });
  const d = claimDetail(c, { storageClass: standard, pods: [], events: [] });
  assert.equal(d.storageClass?.name, 'standard');
  assert.equal(d.storageClass?.from, 'betaAnnotation');
  assert.equal(d.unbound?.cause, 'provisioning');
  assert.equal(d.annotations[0]?.key, 'volume.beta.kubernetes.io/storage-class');
});

test('the provisioner failing and a class that does not exist are told apart', () => {
  const failing = [event('uploads', 'ExternalProvisioning', 'waiting', '2026-01-01T00:00:01Z'), event('uploads', 'ProvisioningFailed', 'quota exceeded', '2026-01-01T00:00:02Z', 'Warning')];
  assert.equal(claimDetail(claim('uploads', { cls: 'standard' }), { storageClass: standard, pods: [], events: failing }).unbound?.cause, 'provisioningFailed');
  const missing = claimDetail(claim('typo', { cls: 'fast-ssd' }), { pods: [], events: [] });
  assert.equal(missing.unbound?.cause, 'classNotFound');
  assert.deepEqual(missing.storageClass, { name: 'fast-ssd', from: 'spec', found: false });
});

test('a Bound claim whose volume was deleted is Lost, and the page says the volume is gone', () => {
  const c = claim('uploads', { cls: 'standard', phase: 'Lost', volumeName: 'pvc-gone', annotations: BOUND_DYNAMIC });
  const d = claimDetail(c, { storageClass: standard, pods: [], events: [event('uploads', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!', '2026-01-01T00:00:02Z', 'Warning')] });
  assert.equal(d.unbound?.cause, 'volumeLost');
  assert.deepEqual(d.volume, { name: 'pvc-gone', found: false });
  assert.equal(d.provisioning.mode, 'unknown');
});
