import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';
import { eventually } from '../../../testing/eventually.ts';
import { runPython } from '../../../testing/python.ts';

// ResourceQuota as kube-apiserver's admission plugin and kube-controller-manager's quota
// controller keep it: usage counted, creations over the limit refused with the real 403.
const demo = demoClusterForKubectl({ seed: false });
const ok = demo.ok;
const refused = demo.refused;

function pod(name: string, resources?: object): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'quota' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...(resources ? { resources } : {}) }] } });
}

const SMALL = { requests: { cpu: '200m', memory: '128Mi' }, limits: { cpu: '400m', memory: '256Mi' } };

function used(name: string): Record<string, string> | undefined {
  return demo.cluster.store.getRef('resourcequotas', 'quota', name)?.status?.used as Record<string, string> | undefined;
}

before(async () => {
  await ok(['create', 'namespace', 'quota']);
  await ok(['create', 'quota', 'compute', '-n', 'quota', '--hard=pods=2,requests.cpu=1,requests.memory=1Gi,limits.cpu=2,limits.memory=2Gi']);
  await eventually(() => used('compute'), 'the quota controller fills status.used');
});

test('a new quota shows its hard limits and zero usage in kubectl get quota (REQUEST, LIMIT)', async () => {
  assert.deepEqual(used('compute'), { 'limits.cpu': '0', 'limits.memory': '0', pods: '0', 'requests.cpu': '0', 'requests.memory': '0' });
  const out = await ok(['get', 'quota', '-n', 'quota']);
  assert.match(out, /^NAME\s+AGE\s+REQUEST\s+LIMIT\n/);
  assert.match(out, /\ncompute\s+\S+\s+pods: 0\/2, requests\.cpu: 0\/1, requests\.memory: 0\/1Gi\s+limits\.cpu: 0\/2, limits\.memory: 0\/2Gi\n/);
});

test('a pod without limits in a namespace whose quota covers them is refused: must specify limits.cpu…', async () => {
  const err = await refused(['create', '-f', '-'], pod('bare'));
  assert.equal(
    err,
    'Error from server (Forbidden): error when creating "STDIN": pods "bare" is forbidden: failed quota: compute: must specify limits.cpu for: app; limits.memory for: app; requests.cpu for: app; requests.memory for: app',
  );
});

test('pods are charged to the quota, the one too many is refused with exceeded quota, and a deleted pod gives its share back', async () => {
  await ok(['create', '-f', '-'], pod('one', SMALL));
  await ok(['create', '-f', '-'], pod('two', SMALL));
  await eventually(() => used('compute')?.pods === '2' && used('compute'), 'two pods counted');
  assert.deepEqual(used('compute'), { 'limits.cpu': '800m', 'limits.memory': '512Mi', pods: '2', 'requests.cpu': '400m', 'requests.memory': '256Mi' });
  const err = await refused(['create', '-f', '-'], pod('three', SMALL));
  assert.equal(err, 'Error from server (Forbidden): error when creating "STDIN": pods "three" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2');
  const described = await ok(['describe', 'quota', 'compute', '-n', 'quota']);
  assert.match(described, /Resource\s+Used\s+Hard\n\s*--------\s+----\s+----\n/);
  assert.match(described, /\nlimits\.memory\s+512Mi\s+2Gi\n/);
  assert.match(described, /\nrequests\.cpu\s+400m\s+1\n/);
  await ok(['delete', 'pod', 'two', '-n', 'quota', '--grace-period=0', '--force']);
  await eventually(() => used('compute')?.pods === '1', 'the deleted pod no longer counts');
  const big = { requests: { cpu: '900m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } };
  const tooBig = await refused(['create', '-f', '-'], pod('big', big));
  assert.match(tooBig, /pods "big" is forbidden: exceeded quota: compute, requested: requests\.cpu=900m, used: requests\.cpu=200m, limited: requests\.cpu=1$/);
});

test('count/<resource>.<group> limits any kind; a Deployment whose pods do not fit records FailedCreate with the message', async () => {
  await ok(['create', 'namespace', 'counted']);
  await ok(['create', 'quota', 'objects', '-n', 'counted', '--hard=count/deployments.apps=1,pods=1']);
  await eventually(() => demo.cluster.store.getRef('resourcequotas', 'counted', 'objects')?.status?.used, 'usage known');
  await ok(['create', 'deployment', 'web', '-n', 'counted', '--image=nginx:1.27', '--replicas=2']);
  const err = await refused(['create', 'deployment', 'api', '-n', 'counted', '--image=nginx:1.27']);
  assert.equal(err, 'error: failed to create deployment: deployments.apps "api" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1');
  const { store } = demo.cluster;
  const failed = await eventually(
    () => store.listRefs('events', 'counted').find((e) => e.reason === 'FailedCreate'),
    'a FailedCreate event on the ReplicaSet',
  );
  assert.match(String(failed.message), /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: objects, requested: pods=1, used: pods=1, limited: pods=1$/);
  assert.equal(store.listRefs('pods', 'counted').length, 1);
});

test('an invalid quota is refused with the field errors of ValidateResourceQuota', async () => {
  const bad = JSON.stringify({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'bad', namespace: 'quota' }, spec: { hard: { widgets: '1', pods: '-1' } } });
  const err = await refused(['create', '-f', '-'], bad);
  assert.match(err, /^The ResourceQuota "bad" is invalid: \n/);
  assert.match(err, /\n\* spec\.hard\[pods\]: Invalid value: "-1": must be greater than or equal to 0(\n|$)/);
  assert.match(err, /\n\* spec\.hard\[widgets\]: Invalid value: "widgets": must be a standard resource for quota(\n|$)/);
  const scoped = JSON.stringify({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'scoped', namespace: 'quota' }, spec: { hard: { services: '1' }, scopes: ['BestEffort'] } });
  assert.match(await refused(['create', '-f', '-'], scoped), /ResourceQuota "scoped" is invalid: spec\.scopes: Invalid value: \[\]core\.ResourceQuotaScope\{"BestEffort"\}: unsupported scope applied to resource/);
});

const python = (body: string[]) => runPython(demo.kubeconfig, body);

test('the Python client creates a quota, reads its usage, and gets ApiException 403 Forbidden over it', async () => {
  await ok(['create', 'namespace', 'py-quota']);
  const out = await python([
    "q = kubernetes.client.V1ResourceQuota(metadata=kubernetes.client.V1ObjectMeta(name='two-maps'), spec=kubernetes.client.V1ResourceQuotaSpec(hard={'count/configmaps': '2'}))",
    "v1.create_namespaced_resource_quota('py-quota', q)",
    'import time',
    'for _ in range(600):',
    "    st = v1.read_namespaced_resource_quota_status('two-maps', 'py-quota').status",
    "    if st.used is not None and st.used.get('count/configmaps') == '1': break",
    '    time.sleep(0.05)',
    "cm = lambda n: kubernetes.client.V1ConfigMap(metadata=kubernetes.client.V1ObjectMeta(name=n), data={'k': 'v'})",
    "v1.create_namespaced_config_map('py-quota', cm('first'))",
    'try:',
    "    v1.create_namespaced_config_map('py-quota', cm('second'))",
    "    print(json.dumps({'created': True}))",
    'except kubernetes.client.exceptions.ApiException as e:',
    "    print(json.dumps({'status': e.status, 'body': json.loads(e.body), 'hard': st.hard, 'used': st.used}))",
  ]);
  const result = JSON.parse(out) as { status: number; body: { reason: string; message: string }; hard: Record<string, string>; used: Record<string, string> };
  // kube-root-ca.crt, published into every namespace, is the first config map counted.
  assert.deepEqual([result.hard, result.used], [{ 'count/configmaps': '2' }, { 'count/configmaps': '1' }]);
  assert.equal(result.status, 403);
  assert.equal(result.body.reason, 'Forbidden');
  assert.equal(result.body.message, 'configmaps "second" is forbidden: exceeded quota: two-maps, requested: count/configmaps=1, used: count/configmaps=2, limited: count/configmaps=2');
});
