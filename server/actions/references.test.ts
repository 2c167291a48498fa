import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import { startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import type { ReferencedObject, WorkloadReferences } from './references.ts';
import type { SecretKeys } from './referencesSecretData.ts';
import type { ServicePods } from './referencesServicePods.ts';

let cluster: DemoCluster;
let consoleApp: RunningConsole;
let api: string;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20 });
  consoleApp = await startConsole([demoContext(cluster.url)]);
  api = `${consoleApp.url}api/contexts/demo/namespaces`;
});

after(async () => {
  await consoleApp?.close();
  await cluster?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are many shapes
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', Origin: consoleApp.origin, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

async function kube(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${cluster.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const got = await probe();
    if (got !== undefined) return got;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const find = (refs: WorkloadReferences, kind: string, name: string): ReferencedObject | undefined => refs.objects.find((o) => o.kind === kind && o.name === name);

test("the shop api's references: its ConfigMap and the postgres Secret are present, with where they are used, and the api Service selects it", async () => {
  const res = await call('GET', '/shop/deployments/api/references');
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const refs = res.json as WorkloadReferences;
  const config = find(refs, 'ConfigMap', 'api-config');
  assert.equal(config?.state, 'present');
  assert.deepEqual(config?.uses, [{ via: 'envFrom', container: 'api', role: 'app', optional: false }]);
  assert.deepEqual(config?.notes, []);
  const secret = find(refs, 'Secret', 'postgres-credentials');
  assert.equal(secret?.state, 'present');
  assert.deepEqual(secret?.uses, [{ via: 'envKey', container: 'api', role: 'app', variable: 'DATABASE_PASSWORD', key: 'password', optional: false }]);
  assert.equal(find(refs, 'ServiceAccount', 'default')?.state, 'present');
  assert.deepEqual(refs.services?.map((s) => s.name), ['api']);
  assert.ok(!JSON.stringify(refs).includes(Buffer.from('s3cr3t-demo-only').toString('base64')), 'no secret value in the references');
});

test("postgres's claims come from its claim templates, one per ordinal, and its pod names the same claim", async () => {
  const refs = (await call('GET', '/shop/statefulsets/postgres/references')).json as WorkloadReferences;
  assert.deepEqual(
    refs.objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.name),
    ['data-postgres-0', 'data-postgres-1'],
  );
  const pod = await waitFor('postgres-0 with its claim', async () => {
    const r = (await call('GET', '/shop/pods/postgres-0/references')).json as WorkloadReferences;
    return find(r, 'PersistentVolumeClaim', 'data-postgres-0')?.state === 'present' ? r : undefined;
  });
  assert.deepEqual(pod.services?.map((s) => s.name), ['postgres']);
});

test('a Deployment naming a ConfigMap that does not exist is flagged missingRequired until the ConfigMap is created; a missing optional Secret is only a note', async () => {
  const labels = { app: 'refs-missing' };
  const created = await kube('POST', '/apis/apps/v1/namespaces/shop/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'refs-missing', namespace: 'shop' },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx:1.27',
              env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'refs-settings', key: 'mode' } } }],
              envFrom: [{ secretRef: { name: 'refs-extra', optional: true } }],
            },
          ],
        },
      },
    },
  });
  assert.equal(created.status, 201);
  const before = (await call('GET', '/shop/deployments/refs-missing/references')).json as WorkloadReferences;
  const settings = find(before, 'ConfigMap', 'refs-settings');
  assert.equal(settings?.state, 'missing');
  assert.deepEqual(settings?.notes, [{ code: 'missingRequired', kind: 'ConfigMap', name: 'refs-settings', effect: 'configError' }]);
  assert.deepEqual(find(before, 'Secret', 'refs-extra')?.notes, [{ code: 'missingOptional', kind: 'Secret', name: 'refs-extra' }]);
  assert.deepEqual(before.services, [], 'no seeded Service selects app=refs-missing');

  // Created without the key the env var needs: still a problem, now of the key.
  assert.equal((await kube('POST', '/api/v1/namespaces/shop/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'refs-settings' }, data: { other: 'x' } })).status, 201);
  const keyless = (await call('GET', '/shop/deployments/refs-missing/references')).json as WorkloadReferences;
  assert.deepEqual(find(keyless, 'ConfigMap', 'refs-settings')?.notes, [{ code: 'missingKey', kind: 'ConfigMap', name: 'refs-settings', key: 'mode', optional: false, effect: 'configError' }]);

  assert.equal((await kube('PUT', '/api/v1/namespaces/shop/configmaps/refs-settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'refs-settings' }, data: { mode: 'fast' } })).status, 200);
  const after = (await call('GET', '/shop/deployments/refs-missing/references')).json as WorkloadReferences;
  assert.equal(find(after, 'ConfigMap', 'refs-settings')?.state, 'present');
  assert.deepEqual(find(after, 'ConfigMap', 'refs-settings')?.notes, []);
});

test("the frontend Service's pods are ready endpoints; a pod that fails readiness is listed not ready, and a label typo is a near miss", async () => {
  const frontend = await waitFor('2 ready frontend endpoints', async () => {
    const r = (await call('GET', '/shop/services/frontend/pods')).json as ServicePods;
    return r.pods.length === 2 && r.pods.every((p) => p.endpoint === 'ready') ? r : undefined;
  });
  assert.deepEqual(frontend.selector, { app: 'frontend' });
  assert.equal(frontend.endpointsSource, 'Endpoints');
  assert.deepEqual(frontend.pods.map((p) => p.notes), [[], []]);

  // A pod whose readiness probe does not pass for an hour, selected by a new Service; and one with a typo.
  const pod = (name: string, labels: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', labels },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 3600 } }] },
  });
  assert.equal((await kube('POST', '/api/v1/namespaces/shop/pods', pod('refs-slow', { app: 'refs-web', tier: 'web' }))).status, 201);
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'refs-web' }, spec: { selector: { app: 'refs-web', tier: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } };
  assert.equal((await kube('POST', '/api/v1/namespaces/shop/services', svc)).status, 201);
  const slow = await waitFor('refs-slow listed not ready', async () => {
    const r = (await call('GET', '/shop/services/refs-web/pods')).json as ServicePods;
    return r.pods[0]?.endpoint === 'notReady' ? r : undefined;
  });
  assert.deepEqual(slow.pods.map((p) => [p.name, p.notes]), [['refs-slow', [{ code: 'podNotReady', containers: ['web'] }]]]);
  assert.deepEqual(slow.nearMisses, [], 'near misses only while nothing is selected');

  assert.equal((await kube('POST', '/api/v1/namespaces/shop/pods', pod('refs-typo', { app: 'refs-canary', track: 'canry' }))).status, 201);
  const canary = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'refs-canary' }, spec: { selector: { app: 'refs-canary', track: 'canary' }, ports: [{ port: 80 }] } };
  assert.equal((await kube('POST', '/api/v1/namespaces/shop/services', canary)).status, 201);
  const typo = (await call('GET', '/shop/services/refs-canary/pods')).json as ServicePods;
  assert.deepEqual(typo.pods, []);
  assert.deepEqual(typo.nearMisses, [{ name: 'refs-typo', misses: [{ key: 'track', wanted: 'canary', actual: 'canry' }] }]);

  const manual = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'refs-manual' }, spec: { ports: [{ port: 80 }] } };
  assert.equal((await kube('POST', '/api/v1/namespaces/shop/services', manual)).status, 201);
  const none = (await call('GET', '/shop/services/refs-manual/pods')).json as ServicePods;
  assert.equal(none.selector, null);
  assert.deepEqual(none.pods, []);
});

test("a Secret's keys come with sizes and no values; one key is revealed on request, and its value is never logged", async () => {
  const keys = await call('GET', '/shop/secrets/postgres-credentials/keys');
  assert.equal(keys.status, 200);
  assert.deepEqual((keys.json as SecretKeys).keys, [
    { key: 'password', bytes: 16 },
    { key: 'username', bytes: 4 },
  ]);
  assert.ok(!JSON.stringify(keys.json).includes('s3cr3t'));
  const revealed = await call('POST', '/shop/secrets/postgres-credentials/reveal', { key: 'password' });
  assert.equal(revealed.status, 200, JSON.stringify(revealed.json));
  assert.deepEqual(revealed.json, { key: 'password', value: 's3cr3t-demo-only', encoding: 'utf8' });
  assert.equal(revealed.headers.get('cache-control'), 'no-store');
  assert.ok(consoleApp.logs.length > 0);
  assert.ok(!consoleApp.logs.some((l) => l.includes('s3cr3t') || l.includes(Buffer.from('s3cr3t-demo-only').toString('base64'))), 'no log line holds the value');
});

test('refusals: bad key names, unknown keys, bad object names, kinds without templates and cross-site reveals', async () => {
  for (const key of ['../x', 'a/b', '..hidden', 'x'.repeat(254), '']) {
    const r = await call('POST', '/shop/secrets/postgres-credentials/reveal', { key });
    assert.equal(r.status, 400, `key ${JSON.stringify(key)}`);
    assert.equal(r.json.kind, 'Status');
  }
  const unknown = await call('POST', '/shop/secrets/postgres-credentials/reveal', { key: 'token' });
  assert.equal(unknown.status, 404);
  assert.match(unknown.json.message, /has no key "token"/);
  assert.equal((await call('GET', '/shop/secrets/nope/keys')).status, 404);
  assert.equal((await call('GET', '/shop/secrets/Bad_Name/keys')).status, 400);
  assert.equal((await call('GET', '/shop/services/1abc/pods')).status, 400, 'a Service name is a DNS-1035 label');
  assert.equal((await call('GET', '/shop/cronjobs/x/references')).status, 400, 'a CronJob runs no pods itself: its Jobs do');
  assert.equal((await call('GET', '/shop/jobs/x/references')).status, 404, 'a Job runs pods: its template is read, and this one is not there');
  assert.equal((await call('GET', '/shop/deployments/nope/references')).status, 404);
  const crossSite = await call('POST', '/shop/secrets/postgres-credentials/reveal', { key: 'password' }, { Origin: 'https://evil.example' });
  assert.equal(crossSite.status, 403);
  assert.ok(!JSON.stringify(crossSite.json).includes('s3cr3t'));
});
