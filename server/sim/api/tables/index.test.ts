import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../kube/object.ts';
import { ResourceRegistry, servedResources } from '../resources.ts';
import { toTable } from './index.ts';

const registry = new ResourceRegistry(servedResources(32));
const NOW = Date.parse('2025-01-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Table {
  columnDefinitions: { name: string; priority: number; type: string; format: string }[];
  rows: { cells: unknown[]; object?: Record<string, unknown>; conditions?: unknown[] }[];
  metadata: Record<string, unknown>;
}

function table(key: string, objects: KubeObject[], includeObject: 'None' | 'Metadata' | 'Object' = 'Metadata'): Table {
  return toTable(registry.get(key), objects, { includeObject, resourceVersion: '42', now: NOW }) as Table;
}

/** The row as `kubectl get` shows it: priority-0 columns by name. */
function row(key: string, obj: KubeObject): Record<string, unknown> {
  const t = table(key, [obj]);
  return Object.fromEntries(t.columnDefinitions.map((c, i) => [c.name, t.rows[0].cells[i]]));
}

const pod = (status: Record<string, unknown>, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'shop', creationTimestamp: ago(3600), ...meta },
  spec: { containers: [{ name: 'app', image: 'x' }], ...spec },
  status,
});

test('a crash-looping pod prints CrashLoopBackOff and restarts with the last restart age', () => {
  const r = row('pods', pod({ phase: 'Running', containerStatuses: [{ name: 'app', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(10) } } }] }));
  assert.deepEqual([r.Ready, r.Status, r.Restarts, r.Age], ['0/1', 'CrashLoopBackOff', '3 (10s ago)', '60m']);
});

test('pod columns are the ones kubectl get pods -o wide shows', () => {
  const t = table('pods', [pod({ phase: 'Pending' })]);
  assert.deepEqual(t.columnDefinitions.map((c) => c.name), ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
  assert.deepEqual(t.columnDefinitions.map((c) => c.priority), [0, 0, 0, 0, 0, 1, 1, 1, 1]);
  assert.equal(t.columnDefinitions[0].format, 'name');
  assert.deepEqual(t.rows[0].cells.slice(1, 4), ['0/1', 'Pending', '0']);
  assert.deepEqual(t.rows[0].cells.slice(5), ['<none>', '<none>', '<none>', '<none>']);
});

test('pod status follows init containers, image pulls, completion and deletion', () => {
  const init = { initContainers: [{ name: 'migrate', image: 'm' }] };
  assert.equal(row('pods', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'migrate', state: { running: {} } }] }, init)).Status, 'Init:0/1');
  assert.equal(row('pods', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'migrate', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, init)).Status, 'Init:CrashLoopBackOff');
  assert.equal(row('pods', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 2 } } }] }, init)).Status, 'Init:ExitCode:2');
  assert.equal(row('pods', pod({ phase: 'Pending', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }] })).Status, 'ContainerCreating');
  assert.equal(row('pods', pod({ phase: 'Pending', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ImagePullBackOff' } } }] })).Status, 'ImagePullBackOff');
  assert.equal(row('pods', pod({ phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] })).Status, 'OOMKilled');
  const done = table('pods', [pod({ phase: 'Succeeded', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] })]);
  assert.equal(done.rows[0].cells[2], 'Completed');
  assert.equal((done.rows[0].conditions as { reason: string }[])[0].reason, 'Succeeded');
  const running = { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }] };
  assert.deepEqual([row('pods', pod(running)).Ready, row('pods', pod(running)).Status], ['1/1', 'Running']);
  assert.equal(row('pods', pod(running, {}, { deletionTimestamp: ago(1) })).Status, 'Terminating');
});

test('includeObject decides what each row carries', () => {
  const p = pod({ phase: 'Pending' });
  const meta = table('pods', [p]);
  assert.deepEqual(meta.rows[0].object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: p.metadata });
  assert.equal(table('pods', [p], 'Object').rows[0].object?.spec !== undefined, true);
  assert.equal('object' in table('pods', [p], 'None').rows[0], false);
  const withContinue = toTable(registry.get('pods'), [], { includeObject: 'None', resourceVersion: '7', continue: 'abc', remainingItemCount: 3 }) as Table;
  assert.deepEqual(withContinue.metadata, { resourceVersion: '7', continue: 'abc', remainingItemCount: 3 });
});

test('the default StorageClass is marked (default)', () => {
  const sc: KubeObject = { metadata: { name: 'standard', creationTimestamp: ago(60), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'k8s.io/minikube-hostpath', allowVolumeExpansion: true };
  assert.deepEqual(table('storageclasses.storage.k8s.io', [sc]).rows[0].cells, ['standard (default)', 'k8s.io/minikube-hostpath', 'Delete', 'Immediate', true, '60s']);
});

test('deployments, statefulsets and daemonsets print their replica counts', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'envoy' }] } };
  const d = row('deployments.apps', { metadata: { name: 'web', creationTimestamp: ago(300) }, spec: { replicas: 3, selector: { matchLabels: { app: 'web', tier: 'fe' } }, template }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } });
  assert.deepEqual(d, { Name: 'web', Ready: '2/3', 'Up-to-date': 3, Available: 2, Age: '5m', Containers: 'nginx,sidecar', Images: 'nginx:1.27,envoy', Selector: 'app=web,tier=fe' });
  assert.equal(row('statefulsets.apps', { metadata: { name: 'db' }, spec: { replicas: 2, template }, status: { readyReplicas: 1 } }).Ready, '1/2');
  const ds = row('daemonsets.apps', { metadata: { name: 'logs' }, spec: { selector: { matchLabels: { app: 'logs' } }, template }, status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1 } });
  assert.deepEqual([ds.Desired, ds.Ready, ds['Node Selector'], ds.Selector], [2, 1, '<none>', 'app=logs']);
  const rev = row('controllerrevisions.apps', { metadata: { name: 'logs-6d8f', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'logs', uid: 'u', controller: true }] }, revision: 2 });
  assert.deepEqual([rev.Controller, rev.Revision], ['daemonset.apps/logs', 2]);
});

test('jobs and cronjobs print status, completions, duration and schedule as kubectl 1.32 does', () => {
  const job = (status: Record<string, unknown>, spec: Record<string, unknown> = { completions: 1, parallelism: 1 }) => row('jobs.batch', { metadata: { name: 'j', creationTimestamp: ago(600) }, spec: { ...spec, template: { spec: { containers: [] } } }, status });
  const done = job({ succeeded: 1, startTime: ago(500), completionTime: ago(455), conditions: [{ type: 'Complete', status: 'True' }] });
  assert.deepEqual([done.Status, done.Completions, done.Duration], ['Complete', '1/1', '45s']);
  assert.equal(job({ conditions: [{ type: 'Failed', status: 'True' }] }).Status, 'Failed');
  assert.equal(job({ conditions: [{ type: 'Suspended', status: 'True' }] }).Status, 'Suspended');
  const running = job({ startTime: ago(200) }, { parallelism: 3 });
  assert.deepEqual([running.Status, running.Completions, running.Duration], ['Running', '0/1 of 3', '3m20s']);
  const cj = row('cronjobs.batch', { metadata: { name: 'backup', creationTimestamp: ago(86400 * 3) }, spec: { schedule: '0 2 * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [] } } } } }, status: { active: [{ name: 'x' }], lastScheduleTime: ago(3600 * 10) } });
  assert.deepEqual([cj.Schedule, cj.Timezone, cj.Suspend, cj.Active, cj['Last Schedule'], cj.Age], ['0 2 * * *', '<none>', 'False', 1, '10h', '3d']);
});

test('nodes, services, events and claims print like a real cluster', () => {
  const node = row('nodes', { metadata: { name: 'node-a', labels: { 'node-role.kubernetes.io/control-plane': '' } }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '192.168.49.2' }], nodeInfo: { kubeletVersion: 'v1.32.0' } } });
  assert.deepEqual([node.Status, node.Roles, node.Version, node['Internal-IP'], node['External-IP']], ['Ready,SchedulingDisabled', 'control-plane', 'v1.32.0', '192.168.49.2', '<none>']);
  const svc = row('services', { metadata: { name: 'api' }, spec: { type: 'NodePort', clusterIPs: ['10.96.4.5'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'api' } } });
  assert.deepEqual([svc['Cluster-IP'], svc['External-IP'], svc['Port(s)'], svc.Selector], ['10.96.4.5', '<none>', '80:30080/TCP', 'app=api']);
  const ev = row('events', { metadata: { name: 'p.1' }, involvedObject: { kind: 'Pod', name: 'p' }, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container ', firstTimestamp: ago(600), lastTimestamp: ago(30), count: 7, source: { component: 'kubelet', host: 'node-a' } });
  assert.deepEqual([ev['Last Seen'], ev.Object, ev.Message, ev.Count, ev.Source], ['30s', 'pod/p', 'Back-off restarting failed container', 7, 'kubelet, node-a']);
  const pvc = row('persistentvolumeclaims', { metadata: { name: 'data', annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' } }, spec: { volumeName: 'pv-1', accessModes: ['ReadWriteOnce'] }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] } });
  assert.deepEqual([pvc.Status, pvc.Volume, pvc.Capacity, pvc['Access Modes'], pvc.StorageClass, pvc.VolumeAttributesClass], ['Bound', 'pv-1', '1Gi', 'RWO,ROX', 'legacy', '<unset>']);
  const pv = row('persistentvolumes', { metadata: { name: 'pv-1' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'shop', name: 'data' }, storageClassName: 'manual' }, status: { phase: 'Bound' } });
  assert.deepEqual([pv.Capacity, pv['Access Modes'], pv['Reclaim Policy'], pv.Claim, pv.StorageClass], ['5Gi', 'RWX', 'Retain', 'shop/data', 'manual']);
});

test('kinds without a printer get the server default Name and Created At', () => {
  const t = table('selfsubjectaccessreviews.authorization.k8s.io', [{ metadata: { name: 'x', creationTimestamp: ago(5) } }]);
  assert.deepEqual(t.columnDefinitions.map((c) => [c.name, c.type]), [['Name', 'string'], ['Created At', 'date']]);
});
