/**
 * The actions API met as an attacker or a careless script would: every route with names that
 * are path syntax (`.`, `..`, encoded or not, `a/b`), empty or over-long; numbers past int32
 * or of the wrong type; preconditions of the wrong type; image references with newlines. Each
 * is a clean 400 Status that changes nothing — above all, a pod named `..` in namespace
 * `victim` must never reach the Namespace `victim`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import type { KubeObject } from '../kube/object.ts';
import { rawRequest, startConsole, type RunningConsole } from '../testing/consoleFixture.ts';

let cluster: DemoCluster;
let consoleApp: RunningConsole;

const json = { 'Content-Type': 'application/json' };

async function kube(method: string, path: string, body?: unknown): Promise<KubeObject> {
  const res = await fetch(`${cluster.url}${path}`, { method, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
  const out = (await res.json()) as KubeObject;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
  return out;
}

const victimDeployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'keep', namespace: 'victim' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'keep' } }, template: { metadata: { labels: { app: 'keep' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
};

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20 });
  consoleApp = await startConsole([demoContext(cluster.url)]);
  await kube('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'victim' } });
  await kube('POST', '/apis/apps/v1/namespaces/victim/deployments', victimDeployment);
});

after(async () => {
  await consoleApp?.close();
  await cluster?.close();
});

/** What must not change: the namespace and its deployment, by uid and resourceVersion. */
async function victimState(): Promise<string> {
  const ns = await kube('GET', '/api/v1/namespaces/victim');
  const d = await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep');
  return JSON.stringify([ns.metadata.uid, ns.metadata.resourceVersion, ns.metadata.deletionTimestamp, d.metadata.uid, d.metadata.generation, d.spec?.replicas]);
}

async function send(method: string, path: string, body?: unknown) {
  const text = body === undefined ? undefined : JSON.stringify(body);
  // Node's client sends a DELETE body without chunking: the length must be said, as browsers do.
  const res = await rawRequest(consoleApp.port, `/api/contexts/demo${path}`, {
    method,
    headers: text === undefined ? {} : { ...json, 'Content-Length': String(Buffer.byteLength(text)) },
    body: text,
  });
  let status: { kind?: string; code?: number; message?: string } = {};
  try {
    status = JSON.parse(res.body) as typeof status;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    assert.fail(`${method} ${path}: not JSON: ${res.body.slice(0, 200)}`);
  }
  return { code: res.status, status, cache: res.headers['cache-control'] };
}

const LONG = 'a'.repeat(300);
/** Raw in the URL: Express hands these to the route as `.`, `..`, `..`, `a/b`, `..`. */
const HOSTILE_NAMES = ['.', '..', '%2e%2e', '%2E%2e', 'a%2Fb', '%252e%252e', LONG, 'UPPER', 'a%00b', 'sp%20ace'];

const ROUTES: { method: string; path: (ns: string, name: string) => string; body?: unknown }[] = [
  { method: 'PUT', path: (ns, n) => `/namespaces/${ns}/deployments/${n}/scale`, body: { replicas: 0, generation: 1 } },
  { method: 'POST', path: (ns, n) => `/namespaces/${ns}/deployments/${n}/set-image`, body: { container: 'c', image: 'nginx:1.28', generation: 1 } },
  { method: 'POST', path: (ns, n) => `/namespaces/${ns}/deployments/${n}/restart`, body: {} },
  { method: 'POST', path: (ns, n) => `/namespaces/${ns}/deployments/${n}/pause`, body: {} },
  { method: 'POST', path: (ns, n) => `/namespaces/${ns}/deployments/${n}/resume`, body: {} },
  { method: 'POST', path: (ns, n) => `/namespaces/${ns}/deployments/${n}/rollback`, body: { revision: 0, generation: 1 } },
  { method: 'GET', path: (ns, n) => `/namespaces/${ns}/deployments/${n}/revisions/1/diff` },
  { method: 'GET', path: (ns, n) => `/namespaces/${ns}/deployments/${n}/detail` },
  { method: 'GET', path: (ns, n) => `/namespaces/${ns}/pods/${n}/detail` },
  { method: 'GET', path: (ns, n) => `/namespaces/${ns}/persistentvolumeclaims/${n}/detail` },
  { method: 'POST', path: (ns, n) => `/namespaces/${ns}/pods/${n}/evict`, body: {} },
];

test('every action route refuses a name or namespace that is path syntax, empty or too long with a 400 Status, and the victim namespace survives', async () => {
  const before = await victimState();
  const deletes = HOSTILE_NAMES.map((name) => ({ method: 'DELETE', path: (ns: string, n: string) => `/namespaces/${ns}/pods/${n}`, body: { confirmName: decodeURIComponent(name.replace(/%25/g, '%')) }, name }));
  for (const route of [...ROUTES, ...deletes.map(({ method, path, body }) => ({ method, path, body }))]) {
    for (const name of HOSTILE_NAMES) {
      for (const [ns, n] of [['victim', name], [name, 'keep']]) {
        const body = route.method === 'DELETE' ? { confirmName: n } : route.body;
        const { code, status, cache } = await send(route.method, route.path(ns, n), body);
        const where = `${route.method} ${route.path(ns, n).slice(0, 120)}`;
        assert.equal(code, 400, `${where}: ${JSON.stringify(status)}`);
        assert.equal(status.kind, 'Status', where);
        assert.equal(cache, 'no-store', where);
      }
    }
  }
  assert.equal(await victimState(), before, 'nothing in namespace victim changed');
});

test('a pod named ".." deleted with its name typed gets a 400 and the namespace is not deleted', async () => {
  const res = await send('DELETE', '/namespaces/victim/pods/%2e%2e', { confirmName: '..' });
  assert.equal(res.code, 400);
  assert.match(res.status.message ?? '', /may not be '\.\.'/);
  const ns = await kube('GET', '/api/v1/namespaces/victim');
  assert.equal(ns.metadata.deletionTimestamp, undefined);
  assert.equal(ns.status?.phase, 'Active');
});

test('an empty name matches no route: a 404 Status from the console API, nothing sent to the cluster', async () => {
  const res = await send('DELETE', '/namespaces/victim/deployments/', { confirmName: '' });
  assert.equal(res.code, 404);
  assert.equal(res.status.kind, 'Status');
  await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep');
});

test('replicas outside int32, negative, fractional or not a number are refused in the API server\'s words, and the deployment keeps its replicas', async () => {
  const d = await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep');
  const cases: [unknown, RegExp][] = [
    [1e308, /spec\.replicas: cannot unmarshal number 1e\+308 into a field of type int32/],
    [2147483648, /cannot unmarshal number 2147483648 into a field of type int32/],
    [-1, /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/],
    [1.5, /cannot unmarshal number 1\.5/],
    ['3', /cannot unmarshal string into a field of type int32/],
    [null, /cannot unmarshal null/],
    [[3], /cannot unmarshal array/],
    [undefined, /cannot unmarshal undefined/],
  ];
  for (const [replicas, message] of cases) {
    const res = await send('PUT', '/namespaces/victim/deployments/keep/scale', { replicas, generation: d.metadata.generation });
    assert.equal(res.code, 400, `${String(replicas)}: ${JSON.stringify(res.status)}`);
    assert.match(res.status.message ?? '', message);
  }
  assert.equal((await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep')).spec?.replicas, 1);
});

test('adding more than 1,000 replicas at once needs allowLargeScale, and the refusal carries the numbers for the page', async () => {
  const d = await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep');
  const refused = await send('PUT', '/namespaces/victim/deployments/keep/scale', { replicas: 1002, generation: d.metadata.generation });
  assert.equal(refused.code, 400);
  const details = (refused.status as { details?: { causes?: { reason: string; message: string }[] } }).details;
  assert.deepEqual(details?.causes?.[0], { reason: 'LargeScaleUp', field: 'spec.replicas', message: '1→1002' });
  assert.equal((await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep')).spec?.replicas, 1);
});

test('with allowLargeScale the same scale-up goes through (an ordered StatefulSet whose first pod never becomes ready, so no pods flood the cluster)', async () => {
  await kube('POST', '/apis/apps/v1/namespaces/victim/statefulsets', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'big', namespace: 'victim' },
    spec: {
      replicas: 0,
      serviceName: 'big',
      podManagementPolicy: 'OrderedReady',
      selector: { matchLabels: { app: 'big' } },
      template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'demo.registry/none:does-not-exist' }] } },
    },
  });
  const sts = await kube('GET', '/apis/apps/v1/namespaces/victim/statefulsets/big');
  const refused = await send('PUT', '/namespaces/victim/statefulsets/big/scale', { replicas: 1001, generation: sts.metadata.generation });
  assert.equal(refused.code, 400);
  const allowed = await send('PUT', '/namespaces/victim/statefulsets/big/scale', { replicas: 1001, generation: sts.metadata.generation, allowLargeScale: true });
  assert.equal(allowed.code, 200, JSON.stringify(allowed.status));
  assert.equal((await kube('GET', '/apis/apps/v1/namespaces/victim/statefulsets/big')).spec?.replicas, 1001);
  await kube('DELETE', '/apis/apps/v1/namespaces/victim/statefulsets/big');
});

test('preconditions of the wrong type are refused by name instead of dropped', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ generation: 'x' }, /^generation: cannot unmarshal string into a field of type int64/],
    [{ generation: '1' }, /^generation: cannot unmarshal string/],
    [{ generation: 1.5 }, /^generation: cannot unmarshal number 1\.5/],
    [{ generation: -2 }, /^generation: Invalid value: -2/],
    [{ uid: 123, generation: 1 }, /^uid must be/],
    [{ resourceVersion: 7 }, /^resourceVersion must be a non-empty string/],
    [{}, /^generation \(or resourceVersion\) is required/],
  ];
  for (const [seen, message] of cases) {
    const res = await send('PUT', '/namespaces/victim/deployments/keep/scale', { replicas: 2, ...seen });
    assert.equal(res.code, 400, JSON.stringify(seen));
    assert.match(res.status.message ?? '', message, JSON.stringify(seen));
  }
  const del = await send('DELETE', '/namespaces/victim/deployments/keep', { confirmName: 'keep', uid: 42 });
  assert.equal(del.code, 400);
  assert.equal((await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep')).spec?.replicas, 1);
});

test('set-image refuses references with newlines, NUL, spaces or bad grammar, and bad container names', async () => {
  const d = await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep');
  for (const [container, image] of [
    ['c', 'nginx:1.28\nX-Injected: 1'],
    ['c', 'nginx\u0000'],
    ['c', ' nginx'],
    ['c', 'NGINX:1'],
    ['c', 'nginx:'],
    ['c', 'nginx@sha256:abc'],
    ['c', ''],
    ['c', 42],
    ['..', 'nginx:1.28'],
    ['C', 'nginx:1.28'],
  ]) {
    const res = await send('POST', '/namespaces/victim/deployments/keep/set-image', { container, image, generation: d.metadata.generation });
    assert.equal(res.code, 400, `${JSON.stringify([container, image])}: ${JSON.stringify(res.status)}`);
  }
  const after = await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep');
  assert.equal(after.spec?.template?.spec?.containers?.[0]?.image, 'nginx:1.27');
  const ok = await send('POST', '/namespaces/victim/deployments/keep/set-image', { container: 'c', image: 'registry.example.com:5000/team/nginx:1.28', generation: d.metadata.generation });
  assert.equal(ok.code, 200, JSON.stringify(ok.status));
});

test('revisions in a URL or a body must be whole numbers of 0 or more', async () => {
  for (const revision of ['1e3', '-1', '0x10', 'abc', '99999999999999999999']) {
    const res = await send('GET', `/namespaces/victim/deployments/keep/revisions/${revision}/diff`);
    assert.equal(res.code, 400, revision);
  }
  const d = await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep');
  for (const revision of [1e308, -1, 1.5, '1', null]) {
    const res = await send('POST', '/namespaces/victim/deployments/keep/rollback', { revision, generation: d.metadata.generation });
    assert.equal(res.code, 400, String(revision));
  }
});

test('a body that is not a JSON object is a 400, never a 500', async () => {
  for (const body of [[1, 2], 'text', 42, null]) {
    const res = await send('PUT', '/namespaces/victim/deployments/keep/scale', body);
    assert.equal(res.code, 400, JSON.stringify(body));
  }
});

test('a body sent as application/merge-patch+json is read like JSON, so its preconditions are checked, not dropped', async () => {
  const d = await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep');
  const res = await rawRequest(consoleApp.port, '/api/contexts/demo/namespaces/victim/deployments/keep/pause', {
    method: 'POST',
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ uid: '0badf00d-0000-4000-8000-000000000000', generation: d.metadata.generation }),
  });
  assert.equal(res.status, 409, res.body);
  assert.match(res.body, /deleted and created again/);
  assert.equal((await kube('GET', '/apis/apps/v1/namespaces/victim/deployments/keep')).spec?.paused, undefined);
});
