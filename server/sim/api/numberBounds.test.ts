import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoCluster, type DemoCluster } from '../index.ts';

// Numbers the real API server's Go types cannot hold are refused before anything is stored:
// the "api" deployment keeps its 2 replicas and 2 pods whatever is sent.
let cluster: DemoCluster;
const NS = '/apis/apps/v1/namespaces/shop';
const API = `${NS}/deployments/api`;

interface Reply {
  status: number;
  body: { message?: string; reason?: string; code?: number; details?: { causes?: { reason: string; field: string; message: string }[] }; spec?: { replicas?: number } };
}

async function send(method: string, path: string, text: string, contentType = 'application/json'): Promise<Reply> {
  const res = await fetch(cluster.url + path, { method, headers: { 'Content-Type': contentType }, body: text });
  return { status: res.status, body: (await res.json()) as Reply['body'] };
}

const deployment = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
    ...spec,
  },
});

async function apiPods(): Promise<number> {
  const res = await fetch(`${cluster.url}/api/v1/namespaces/shop/pods?labelSelector=app%3Dapi`);
  return ((await res.json()) as { items: unknown[] }).items.length;
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Nothing moved: still 2 replicas, and (after the controllers had time to act) still 2 pods. */
async function assertUnchanged(): Promise<void> {
  const res = await fetch(cluster.url + API);
  assert.equal(((await res.json()) as Reply['body']).spec?.replicas, 2);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await apiPods(), 2);
}

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20, seed: false });
  await send('POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: 'shop' } }));
  assert.equal((await send('POST', `${NS}/deployments`, JSON.stringify(deployment('api')))).status, 201);
  await until('the 2 api pods', async () => (await apiPods()) === 2);
});
after(() => cluster.close());

const scaleBody = (replicas: string) => `{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"api","namespace":"shop"},"spec":{"replicas":${replicas}}}`;

test('PUT of a Deployment with replicas 2147483648 is a 400 in the JSON decoder\'s words, and nothing changes', async () => {
  const text = JSON.stringify(deployment('api')).replace('"replicas":2', '"replicas":2147483648');
  const r = await send('PUT', API, text);
  assert.equal(r.status, 400);
  assert.equal(r.body.reason, 'BadRequest');
  assert.equal(r.body.message, 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32');
  await assertUnchanged();
});

test('PUT on /scale refuses what an int32 cannot hold (400) and a negative count (422), quoting the literal sent', async () => {
  for (const [literal, what] of [['2147483648', 'number 2147483648'], ['1e308', 'number 1e308'], ['1.5', 'number 1.5'], ['"3"', 'string'], ['true', 'bool']]) {
    const r = await send('PUT', `${API}/scale`, scaleBody(literal));
    assert.equal(r.status, 400, literal);
    assert.equal(r.body.message, `Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${what} into Go struct field ScaleSpec.spec.replicas of type int32`);
  }
  const negative = await send('PUT', `${API}/scale`, scaleBody('-1'));
  assert.equal(negative.status, 422);
  assert.equal(negative.body.reason, 'Invalid');
  assert.equal(negative.body.message, 'Scale.autoscaling "api" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  await assertUnchanged();
});

test('a merge patch on /scale (what kubectl scale sends) is a 422 on the field "patch" carrying the decoder\'s message', async () => {
  for (const [literal, what] of [['2147483648', 'number 2147483648'], ['1e308', 'number 1e308'], ['1.5', 'number 1.5'], ['"3"', 'string']]) {
    const r = await send('PATCH', `${API}/scale`, `{"spec":{"replicas":${literal}}}`, 'application/merge-patch+json');
    assert.equal(r.status, 422, literal);
    const decoder = `json: cannot unmarshal ${what} into Go struct field ScaleSpec.spec.replicas of type int32`;
    assert.match(r.body.message ?? '', /^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"autoscaling\/v1\\",\\"kind\\":\\"Scale\\",/);
    assert.ok(r.body.message?.endsWith(`}": ${decoder}`), r.body.message);
    assert.equal(r.body.details?.causes?.[0].field, 'patch');
    assert.ok(r.body.details?.causes?.[0].message.includes(`\\"replicas\\":${literal.replace(/"/g, '\\"')}`), 'the patched document shows the literal as sent');
  }
  await assertUnchanged();
});

test('a JSON patch on the Deployment is refused the same way, and -1 by validation', async () => {
  const r = await send('PATCH', API, '[{"op":"replace","path":"/spec/replicas","value":2147483648}]', 'application/json-patch+json');
  assert.equal(r.status, 422);
  assert.ok(r.body.message?.endsWith('": json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32'), r.body.message);
  const negative = await send('PATCH', API, '[{"op":"replace","path":"/spec/replicas","value":-1}]', 'application/json-patch+json');
  assert.equal(negative.status, 422);
  assert.equal(negative.body.message, 'Deployment.apps "api" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  await assertUnchanged();
});

test('a strategic merge patch converts like Go: 2147483648 wraps to -2147483648 and is refused, 1.5 and "3" cannot convert', async () => {
  const smp = 'application/strategic-merge-patch+json';
  const wrapped = await send('PATCH', API, '{"spec":{"replicas":2147483648}}', smp);
  assert.equal(wrapped.status, 422);
  assert.equal(wrapped.body.message, 'Deployment.apps "api" is invalid: spec.replicas: Invalid value: -2147483648: must be greater than or equal to 0');
  const fraction = await send('PATCH', `${API}/scale`, '{"spec":{"replicas":1.5}}', smp);
  assert.equal(fraction.status, 422);
  assert.equal(fraction.body.message, ' "" is invalid: patch: Invalid value: "map[spec:map[replicas:1.5]]": cannot convert float64 to int32');
  const text = await send('PATCH', API, '{"spec":{"replicas":"3"}}', smp);
  assert.equal(text.status, 422);
  assert.equal(text.body.message, ' "" is invalid: patch: Invalid value: "map[spec:map[replicas:3]]": unrecognized type: int32');
  await assertUnchanged();
});

test('creating workloads checks every int32/int64 field: Job, CronJob, pod ports and budgets', async () => {
  const job = (spec: Record<string, unknown>) =>
    JSON.stringify({ metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } }, ...spec } });
  const backoff = await send('POST', '/apis/batch/v1/namespaces/shop/jobs', job({ backoffLimit: 1e21 }).replace('1e+21', '1e21'));
  assert.equal(backoff.status, 400);
  assert.equal(backoff.body.message, 'Job in version "v1" cannot be handled as a Job: json: cannot unmarshal number 1e21 into Go struct field JobSpec.spec.backoffLimit of type int32');
  const deadline = await send('POST', '/apis/batch/v1/namespaces/shop/jobs', job({ activeDeadlineSeconds: 1 }).replace(':1}', ':9223372036854775808}'));
  assert.equal(deadline.status, 400);
  assert.match(deadline.body.message ?? '', /number 9223372036854775808 into Go struct field JobSpec\.spec\.activeDeadlineSeconds of type int64$/);
  const ttl = await send('POST', '/apis/batch/v1/namespaces/shop/jobs', job({ ttlSecondsAfterFinished: -5 }));
  assert.equal(ttl.status, 422);
  assert.equal(ttl.body.message, 'Job.batch "j" is invalid: spec.ttlSecondsAfterFinished: Invalid value: -5: must be greater than or equal to 0');

  const cron = JSON.stringify({ metadata: { name: 'c' }, spec: { schedule: '* * * * *', startingDeadlineSeconds: 1.5, jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } } });
  const cronReply = await send('POST', '/apis/batch/v1/namespaces/shop/cronjobs', cron);
  assert.equal(cronReply.status, 400);
  assert.match(cronReply.body.message ?? '', /number 1\.5 into Go struct field CronJobSpec\.spec\.startingDeadlineSeconds of type int64$/);

  const hostPort = deployment('hp');
  hostPort.spec.template.spec.containers[0].ports = [{ containerPort: 80, hostPort: 70000 } as { containerPort: number }];
  const portReply = await send('POST', `${NS}/deployments`, JSON.stringify(hostPort));
  assert.equal(portReply.status, 422);
  assert.equal(portReply.body.message, 'Deployment.apps "hp" is invalid: spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive');

  const pdb = await send('POST', '/apis/policy/v1/namespaces/shop/poddisruptionbudgets', '{"metadata":{"name":"p"},"spec":{"minAvailable":2147483648,"selector":{"matchLabels":{"app":"api"}}}}');
  assert.equal(pdb.status, 400);
  assert.equal(pdb.body.message, 'PodDisruptionBudget in version "v1" cannot be handled as a PodDisruptionBudget: json: cannot unmarshal number 2147483648 into Go value of type int32');
});

test('a Deployment keeps minReadySeconds, revisionHistoryLimit and progressDeadlineSeconds in range, as ValidateDeploymentSpec does', async () => {
  const r = await send('POST', `${NS}/deployments`, JSON.stringify(deployment('d', { minReadySeconds: 700, revisionHistoryLimit: -1 })));
  assert.equal(r.status, 422);
  assert.deepEqual(
    r.body.details?.causes?.map((c) => `${c.field}: ${c.message}`),
    ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0', 'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
  );
  const negative = await send('POST', `${NS}/deployments`, JSON.stringify(deployment('d', { minReadySeconds: -1 })));
  assert.equal(negative.status, 422);
  assert.equal(negative.body.message, 'Deployment.apps "d" is invalid: spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0');
});
