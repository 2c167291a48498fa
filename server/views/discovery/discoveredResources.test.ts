import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextFrom } from '../../clusters/contextConfig.ts';
import { demoContext } from '../../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../../sim/index.ts';
import { startConsole, type RunningConsole } from '../../testing/consoleFixture.ts';
import type { DiscoveredResources } from './discoveredResources.ts';

let cluster: DemoCluster;
let consoleApp: RunningConsole;
let policyDir: string;

before(async () => {
  policyDir = mkdtempSync(join(tmpdir(), 'discovery-policy-'));
  const policy = join(policyDir, 'policy.yaml');
  // A viewer who may read pods and configmaps in shop, and nothing else.
  writeFileSync(policy, 'users:\n  viewer:\n    token: view-token\n    rules:\n      - verbs: [get, list, watch]\n        resources: [pods, configmaps]\n        namespaces: [shop]\n');
  cluster = await startDemoCluster({ port: 0, controllers: false, token: 'admin-token', policyFile: policy });
  const viewer = contextFrom({ name: 'viewer', server: cluster.url, skipTLSVerify: true }, { name: 'viewer', token: 'view-token' }, { name: 'viewer', cluster: 'viewer', user: 'viewer' }, 'kubeconfig');
  const admin = contextFrom({ name: 'admin', server: cluster.url, skipTLSVerify: true }, { name: 'admin', token: 'admin-token' }, { name: 'admin', cluster: 'admin', user: 'admin' }, 'kubeconfig');
  consoleApp = await startConsole([admin, viewer, demoContext('http://127.0.0.1:9')]);
});

after(async () => {
  await consoleApp?.close();
  await cluster?.close();
  rmSync(policyDir, { recursive: true, force: true });
});

async function resources(context: string, query = ''): Promise<{ status: number; body: DiscoveredResources & { message?: string } }> {
  const res = await fetch(`${consoleApp.url}api/contexts/${context}/resources${query}`);
  return { status: res.status, body: await res.json() };
}

test('discovery lists every served resource once, in its catalogue category, with kubectl short names', async () => {
  const { status, body } = await resources('admin');
  assert.equal(status, 200);
  const byKey = new Map(body.resources.map((r) => [r.key, r]));
  assert.equal(byKey.size, body.resources.length, 'one entry per resource');
  assert.deepEqual(
    { ...byKey.get('deployments.apps'), verbs: undefined },
    { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'], key: 'deployments.apps', category: 'workloads', canList: true, verbs: undefined },
  );
  assert.equal(byKey.get('configmaps')?.category, 'config');
  assert.equal(byKey.get('services')?.category, 'network');
  assert.equal(byKey.get('serviceaccounts')?.category, 'access');
  assert.equal(byKey.get('nodes')?.namespaced, false);
  assert.ok(byKey.get('pods')?.verbs.includes('watch'));
  // Subresources are not resources to browse.
  assert.ok(![...byKey.keys()].some((k) => k.includes('/')));
});

test('the user sees as listable only what the API server would let them list', async () => {
  const { body } = await resources('viewer', '?namespace=shop');
  const listable = body.resources.filter((r) => r.canList).map((r) => r.key).sort();
  assert.deepEqual(listable, ['configmaps', 'pods']);
  const elsewhere = await resources('viewer', '?namespace=default');
  assert.deepEqual(elsewhere.body.resources.filter((r) => r.canList), []);
});

test('a bad namespace is a 400 and an unreachable cluster a Status, never a stack', async () => {
  const bad = await resources('admin', '?namespace=..');
  assert.equal(bad.status, 400);
  assert.match(bad.body.message ?? '', /namespace/);
  const twice = await resources('admin', '?namespace=a&namespace=b');
  assert.equal(twice.status, 400);
  const missing = await resources('nope');
  assert.equal(missing.status, 404);
  const down = await resources('demo');
  assert.equal(down.status, 503);
});

test('an API server without aggregated discovery (1.20) is read group by group, and its versions are the ones it serves', async () => {
  const old = await startDemoCluster({ port: 0, controllers: false, seed: false, kubeVersion: '1.20' });
  const oldConsole = await startConsole([demoContext(old.url, 'old')]);
  try {
    const res = await fetch(`${oldConsole.url}api/contexts/old/resources`);
    const body = (await res.json()) as DiscoveredResources;
    const cronJobs = body.resources.find((r) => r.key === 'cronjobs.batch');
    assert.equal(cronJobs?.version, 'v1beta1');
    assert.equal(cronJobs?.category, 'batch');
    assert.ok(body.resources.some((r) => r.key === 'pods'));
  } finally {
    await oldConsole.close();
    await old.close();
  }
});
