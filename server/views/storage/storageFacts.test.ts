import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { claimProvisioning } from './claimProvisioning.ts';
import { claimStatus, resizeProgress, resizeSteps } from './claimState.ts';
import { claimKeysOfPod, claimUsers, workloadOf } from './claimUsers.ts';
import { reclaimFacts, volumeNodeAffinity, volumeSource } from './volumeFacts.ts';

const postgres0: KubeObject = {
  kind: 'Pod',
  metadata: { name: 'postgres-0', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'postgres', uid: 'u', controller: true }] },
  spec: {
    initContainers: [{ name: 'init-perms', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    containers: [
      { name: 'postgres', volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }, { name: 'other', mountPath: '/x' }] },
      { name: 'backup', volumeMounts: [{ name: 'data', mountPath: '/backup/source', readOnly: true }] },
    ],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-postgres-0' } }, { name: 'other', emptyDir: {} }],
  },
};

const uploader: KubeObject = {
  kind: 'Pod',
  metadata: { name: 'uploader-5d8f9c-abcde', namespace: 'storage-demo', labels: { 'pod-template-hash': '5d8f9c' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'uploader-5d8f9c', uid: 'r', controller: true }] },
  spec: { containers: [{ name: 'app', volumeMounts: [{ name: 'files', mountPath: '/srv/uploads' }] }], volumes: [{ name: 'files', persistentVolumeClaim: { claimName: 'uploads', readOnly: true } }] },
};

test('a StatefulSet pod mounting its claim lists each container with its path and read-only flag, init containers marked', () => {
  const [user, ...rest] = claimUsers('data-postgres-0', [postgres0, uploader]);
  assert.equal(rest.length, 0, 'only the pod that names the claim');
  assert.equal(user.pod, 'postgres-0');
  assert.deepEqual(user.workload, { kind: 'StatefulSet', name: 'postgres' });
  assert.deepEqual(user.mounts, [
    { container: 'init-perms', mountPath: '/data', readOnly: false, init: true },
    { container: 'postgres', mountPath: '/var/lib/postgresql/data', readOnly: false },
    { container: 'backup', mountPath: '/backup/source', readOnly: true },
  ]);
});

test("a Deployment's pod is the Deployment's, and a read-only claim volume makes every mount read-only", () => {
  assert.deepEqual(workloadOf(uploader), { kind: 'Deployment', name: 'uploader' });
  const [user] = claimUsers('uploads', [uploader]);
  assert.deepEqual(user.mounts, [{ container: 'app', mountPath: '/srv/uploads', readOnly: true }]);
  assert.deepEqual(claimUsers('orphan-cache', [postgres0, uploader]), []);
});

test('a ReplicaSet not made by a Deployment stays the ReplicaSet; a generic ephemeral volume names claim <pod>-<volume>', () => {
  const bare = { ...uploader, metadata: { ...uploader.metadata, labels: {} } };
  assert.deepEqual(workloadOf(bare), { kind: 'ReplicaSet', name: 'uploader-5d8f9c' });
  const eph: KubeObject = { kind: 'Pod', metadata: { name: 'job-x', namespace: 'ns' }, spec: { containers: [{ name: 'c', volumeMounts: [{ name: 'scratch', mountPath: '/tmp/s' }] }], volumes: [{ name: 'scratch', ephemeral: {} }] } };
  assert.deepEqual(claimKeysOfPod(eph), ['ns/job-x-scratch']);
  assert.equal(claimUsers('job-x-scratch', [eph])[0].ephemeral, true);
  assert.deepEqual(claimKeysOfPod(postgres0), ['shop/data-postgres-0']);
});

const claim = (over: { annotations?: Record<string, string>; volumeName?: string; status?: Record<string, unknown>; deleting?: boolean; request?: string }): KubeObject => ({
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'c', namespace: 'n', annotations: over.annotations ?? {}, ...(over.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { resources: { requests: { storage: over.request ?? '1Gi' } }, ...(over.volumeName ? { volumeName: over.volumeName } : {}) },
  status: over.status ?? { phase: 'Bound', capacity: { storage: '1Gi' } },
});
const pv = (annotations: Record<string, string>): KubeObject => ({ kind: 'PersistentVolume', metadata: { name: 'v', annotations }, spec: {} });

test('a static bind says who made it: the controller matching both, a claimRef the administrator set, or the claim naming the volume', () => {
  const done = { 'pv.kubernetes.io/bind-completed': 'yes' };
  const byCtl = { 'pv.kubernetes.io/bound-by-controller': 'yes' };
  assert.deepEqual(claimProvisioning(claim({ annotations: { ...done, ...byCtl }, volumeName: 'v' }), pv(byCtl), undefined), { mode: 'static', binding: 'matched', boundByController: true });
  assert.equal(claimProvisioning(claim({ annotations: { ...done, ...byCtl }, volumeName: 'v' }), pv({}), undefined).binding, 'preBoundByClaimRef');
  assert.equal(claimProvisioning(claim({ annotations: done, volumeName: 'v' }), pv({}), undefined).binding, 'preBoundByVolumeName');
  // bound-by-controller on both sides with provisioned-by on the volume is still dynamic.
  const dynamic = claimProvisioning(claim({ annotations: { ...done, ...byCtl }, volumeName: 'v' }), pv({ 'pv.kubernetes.io/provisioned-by': 'k8s.io/minikube-hostpath' }), undefined);
  assert.deepEqual(dynamic, { mode: 'dynamic', provisioner: 'k8s.io/minikube-hostpath', boundByController: true });
});

test('a claim being deleted is Terminating whatever its phase; otherwise its phase', () => {
  assert.equal(claimStatus(claim({ deleting: true })), 'Terminating');
  assert.equal(claimStatus(claim({})), 'Bound');
  assert.equal(claimStatus(claim({ status: {} })), 'Pending');
  assert.equal(claimStatus(claim({ status: { phase: 'Lost' } })), 'Lost');
});

test('an expansion goes requested → Resizing → FileSystemResizePending → none once the capacity shows the new size', () => {
  const cap = (s: string) => ({ phase: 'Bound', capacity: { storage: s } });
  assert.equal(resizeProgress(claim({ request: '2Gi' })).state, 'requested');
  const resizing = resizeProgress(claim({ request: '2Gi', status: { ...cap('1Gi'), allocatedResources: { storage: '2Gi' }, conditions: [{ type: 'Resizing', status: 'True' }] } }));
  assert.equal(resizing.state, 'resizing');
  assert.equal(resizing.allocated, '2Gi');
  assert.equal(resizeProgress(claim({ request: '2Gi', status: { ...cap('1Gi'), conditions: [{ type: 'FileSystemResizePending', status: 'True', message: 'Waiting for user to (re-)start a pod' }] } })).state, 'fileSystemResizePending');
  assert.equal(resizeProgress(claim({ request: '2Gi', status: { ...cap('1Gi'), allocatedResourceStatuses: { storage: 'NodeResizePending' } } })).state, 'fileSystemResizePending');
  assert.equal(resizeProgress(claim({ request: '2Gi', status: { ...cap('1Gi'), conditions: [{ type: 'ControllerResizeError', status: 'True' }] } })).state, 'failed');
  assert.equal(resizeProgress(claim({ request: '2Gi', status: cap('2Gi') })).state, 'none');
  assert.equal(resizeProgress(claim({ request: '2048Mi', status: cap('2Gi') })).state, 'none', 'quantities compare by value');
});

test("a volume's source, node affinity and what its reclaim policy does once Released", () => {
  const local: KubeObject = {
    kind: 'PersistentVolume',
    metadata: { name: 'l' },
    spec: {
      capacity: { storage: '1Gi' },
      persistentVolumeReclaimPolicy: 'Delete',
      local: { path: '/mnt/disks/ssd1' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-a', 'node-b'] }] }] } },
    },
    status: { phase: 'Released' },
  };
  assert.deepEqual(volumeSource(local), { type: 'local', detail: '/mnt/disks/ssd1' });
  assert.deepEqual(volumeNodeAffinity(local), ['kubernetes.io/hostname In (node-a, node-b)']);
  assert.deepEqual(reclaimFacts(local), { policy: 'Delete', reclaimable: true });
  const csi: KubeObject = { kind: 'PersistentVolume', metadata: { name: 'c' }, spec: { csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' } }, status: { phase: 'Bound' } };
  assert.deepEqual(volumeSource(csi), { type: 'csi', detail: 'ebs.csi.aws.com vol-1' });
  assert.deepEqual(reclaimFacts(csi), { policy: 'Retain', reclaimable: false });
  assert.deepEqual(volumeSource({ kind: 'PersistentVolume', metadata: { name: 'n' }, spec: { nfs: { server: '10.0.0.5', path: '/exports' } } }), { type: 'nfs', detail: '10.0.0.5 /exports' });
});

test("the resize steps are the latest expansion's events in order; an earlier expansion's are left out", () => {
  const ev = (reason: string, lastSeen: string) => ({ reason, type: 'Normal', message: reason, lastSeen });
  const steps = resizeSteps([
    ev('FileSystemResizeSuccessful', '2026-01-01T00:05:03Z'),
    ev('ProvisioningSucceeded', '2026-01-01T00:00:01Z'),
    ev('FileSystemResizeRequired', '2026-01-01T00:05:02Z'),
    ev('VolumeResizeSuccessful', '2026-01-01T00:05:02Z'),
    ev('Resizing', '2026-01-01T00:05:00Z'),
    ev('FileSystemResizeFailed', '2026-01-01T00:01:00Z'),
  ]);
  assert.deepEqual(steps.map((s) => s.reason), ['Resizing', 'VolumeResizeSuccessful', 'FileSystemResizeRequired', 'FileSystemResizeSuccessful']);
  assert.deepEqual(resizeSteps([ev('ProvisioningSucceeded', 'x')]), []);
});
