/**
 * The claim expand and create routes met as an attacker or a careless script would: names that
 * are path syntax, upper case or too long, sizes that are not sizes, bodies of the wrong type or
 * content type, a shrink. Each is a clean 4xx Kubernetes Status, and the cluster's claims are
 * exactly as they were.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import type { KubeObject } from '../kube/object.ts';
import { eventually } from '../testing/eventually.ts';
import { rawRequest, startConsole, type RunningConsole } from '../testing/consoleFixture.ts';

let cluster: DemoCluster;
let consoleApp: RunningConsole;
const NS = 'vault';
const json = { 'Content-Type': 'application/json' };

async function kube(method: string, path: string, body?: unknown): Promise<KubeObject> {
  const res = await fetch(`${cluster.url}${path}`, { method, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
  const out = (await res.json()) as KubeObject;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
  return out;
}

let claim: KubeObject;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20 });
  consoleApp = await startConsole([demoContext(cluster.url)]);
  await kube('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await kube('POST', `/api/v1/namespaces/${NS}/persistentvolumeclaims`, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'keep', namespace: NS },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
  });
  let latest: KubeObject | undefined;
  const poll = setInterval(() => void kube('GET', `/api/v1/namespaces/${NS}/persistentvolumeclaims/keep`).then((c) => (latest = c)), 50);
  try {
    await eventually(() => latest?.status?.phase === 'Bound' && latest.status?.capacity?.storage === '1Gi', 'claim keep Bound at 1Gi', 20_000);
  } finally {
    clearInterval(poll);
  }
  claim = latest as KubeObject;
});

after(async () => {
  await consoleApp?.close();
  await cluster?.close();
});

/**
 * What must not change: every claim of namespace vault (uid, resourceVersion, request), and
 * where in the cluster claims named like the ones these tests send exist (the seeded claims
 * elsewhere are still being bound and provisioned, so their versions move on their own).
 */
async function claimsState(): Promise<string> {
  const list = (await kube('GET', '/api/v1/persistentvolumeclaims')) as unknown as { items: KubeObject[] };
  const ours = list.items.filter((c) => c.metadata.namespace === NS).map((c) => [c.metadata.name, c.metadata.uid, c.metadata.resourceVersion, c.spec?.resources?.requests?.storage]);
  const named = list.items.filter((c) => ['keep', 'fresh'].includes(c.metadata.name ?? '')).map((c) => `${c.metadata.namespace}/${c.metadata.name}`);
  return JSON.stringify([ours.sort(), named.sort()]);
}

async function send(method: string, path: string, body: string | undefined, contentType = 'application/json') {
  const res = await rawRequest(consoleApp.port, `/api/contexts/demo${path}`, { method, headers: body === undefined ? {} : { 'Content-Type': contentType }, body });
  let status: { kind?: string; status?: string; code?: number; reason?: string; message?: string } = {};
  try {
    status = JSON.parse(res.body) as typeof status;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    assert.fail(`${method} ${path}: not JSON: ${res.body.slice(0, 200)}`);
  }
  return { code: res.status, status, cache: res.headers['cache-control'] };
}

function assertRefused(res: Awaited<ReturnType<typeof send>>, code: number, where: string, message?: RegExp): void {
  assert.equal(res.code, code, `${where}: ${JSON.stringify(res.status)}`);
  assert.equal(res.status.kind, 'Status', where);
  assert.equal(res.status.status, 'Failure', where);
  assert.equal(res.status.code, code, where);
  assert.equal(res.cache, 'no-store', where);
  if (message) assert.match(res.status.message ?? '', message, where);
}

const expandBody = (extra: Record<string, unknown>) => JSON.stringify({ storage: '2Gi', from: '1Gi', uid: claim.metadata.uid, ...extra });
const createBody = (extra: Record<string, unknown>) => JSON.stringify({ name: 'fresh', storage: '1Gi', accessModes: ['ReadWriteOnce'], ...extra });
const LONG = 'a'.repeat(300);
const HOSTILE = ['.', '..', '%2e%2e', '%2E%2e', 'a%2Fb', LONG, 'UPPER', 'a%00b'];

test('expand and create refuse a claim name or namespace that is path syntax, upper case or too long, and no claim changes', async () => {
  const before = await claimsState();
  for (const bad of HOSTILE) {
    assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims/${bad}/expand`, expandBody({})), 400, `expand name ${bad.slice(0, 20)}`);
    assertRefused(await send('POST', `/namespaces/${bad}/persistentvolumeclaims/keep/expand`, expandBody({})), 400, `expand namespace ${bad.slice(0, 20)}`);
    assertRefused(await send('POST', `/namespaces/${bad}/persistentvolumeclaims`, createBody({})), 400, `create namespace ${bad.slice(0, 20)}`);
  }
  for (const name of ['.', '..', LONG, 'UPPER', 'a/b', '', 'x\ny', 42, null, ['fresh']]) {
    assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims`, createBody({ name })), 400, `create name ${JSON.stringify(name).slice(0, 20)}`);
  }
  assert.equal(await claimsState(), before);
});

test('sizes that are not storage sizes are refused with the reason, for expand and create alike', async () => {
  const before = await claimsState();
  const cases: [unknown, RegExp][] = [
    [1e308, /a storage size is a quantity string/],
    ['1e308', /at most 8Ei/],
    ['-1Gi', /more than zero/],
    ['0', /more than zero/],
    ['10 GB', /a storage size is a quantity string/],
    ['abc', /a storage size is a quantity string/],
    [['1Gi'], /a storage size is a quantity string/],
    [{ storage: '1Gi' }, /a storage size is a quantity string/],
    ['', /a storage size is required/],
    [null, /a storage size is required/],
  ];
  for (const [storage, message] of cases) {
    assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims/keep/expand`, expandBody({ storage })), 400, `expand ${JSON.stringify(storage)}`, message);
    assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims`, createBody({ storage })), 400, `create ${JSON.stringify(storage)}`, message);
  }
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims/keep/expand`, expandBody({ from: 5 })), 400, 'from of the wrong type', /^from must be/);
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims/keep/expand`, expandBody({ uid: undefined })), 400, 'no uid', /^uid is required/);
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims`, createBody({ accessModes: 'ReadWriteOnce' })), 400, 'access modes not a list', /^accessModes must be/);
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims`, createBody({ accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] })), 400, 'RWOP with another mode');
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims`, createBody({ storageClassName: '../x' })), 400, 'class name path syntax');
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims`, createBody({ volumeMode: 'Raw' })), 400, 'volume mode', /^volumeMode must be/);
  assert.equal(await claimsState(), before);
});

test('empty bodies, bodies that are not objects or not JSON, and other content types are refused', async () => {
  const before = await claimsState();
  const routes = [`/namespaces/${NS}/persistentvolumeclaims/keep/expand`, `/namespaces/${NS}/persistentvolumeclaims`];
  for (const path of routes) {
    assertRefused(await send('POST', path, '{}'), 400, `${path} {}`);
    assertRefused(await send('POST', path, ''), 400, `${path} empty`);
    for (const body of ['[1,2]', '"text"', '42', 'null']) assertRefused(await send('POST', path, body), 400, `${path} ${body}`);
    assertRefused(await send('POST', path, '{"storage": "2Gi"'), 400, `${path} truncated JSON`);
    assertRefused(await send('POST', path, 'storage=2Gi', 'application/x-www-form-urlencoded'), 415, `${path} form`);
    assertRefused(await send('POST', path, expandBody({}), 'text/plain'), 415, `${path} text/plain`);
  }
  assert.equal(await claimsState(), before);
});

test('shrinking a claim below its capacity is refused in Kubernetes 1.32\'s words; asking for its own size is refused too; the claim keeps 1Gi', async () => {
  const before = await claimsState();
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims/keep/expand`, expandBody({ storage: '500Mi' })), 422, 'shrink', /spec\.resources\.requests\.storage: Forbidden: field can not be less than status\.capacity/);
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims/keep/expand`, expandBody({ storage: '1Gi' })), 422, 'same size', /is not more than the current request 1Gi/);
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims/keep/expand`, expandBody({ storage: '1024Mi' })), 422, 'same size in other units');
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims/keep/expand`, expandBody({ from: '2Gi', storage: '3Gi' })), 409, 'a request the page did not show', /changed since you loaded it/);
  assertRefused(await send('POST', `/namespaces/${NS}/persistentvolumeclaims/keep/expand`, expandBody({ uid: '0badf00d-0000-4000-8000-000000000000' })), 409, 'another claim of the same name');
  assert.equal(await claimsState(), before);
});

test('a well-formed create makes the claim with the class, size and modes asked for; a well-formed expand grows it', async () => {
  const created = await send('POST', `/namespaces/${NS}/persistentvolumeclaims`, createBody({ name: 'fresh', storage: '1Gi', storageClassName: 'standard', accessModes: ['ReadWriteOnce'] }));
  assert.equal(created.code, 201, JSON.stringify(created.status));
  const fresh = await kube('GET', `/api/v1/namespaces/${NS}/persistentvolumeclaims/fresh`);
  assert.deepEqual([fresh.spec?.storageClassName, fresh.spec?.resources?.requests?.storage, fresh.spec?.accessModes, fresh.spec?.volumeMode], ['standard', '1Gi', ['ReadWriteOnce'], 'Filesystem']);
  const again = await send('POST', `/namespaces/${NS}/persistentvolumeclaims`, createBody({ name: 'fresh' }));
  assertRefused(again, 409, 'the same name again', /already exists/);
  const grown = await send('POST', `/namespaces/${NS}/persistentvolumeclaims/keep/expand`, expandBody({ storage: '2Gi' }));
  assert.equal(grown.code, 200, JSON.stringify(grown.status));
  assert.equal((await kube('GET', `/api/v1/namespaces/${NS}/persistentvolumeclaims/keep`)).spec?.resources?.requests?.storage, '2Gi');
});
