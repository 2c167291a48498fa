import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextFrom } from '../clusters/contextConfig.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import { startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import type { WorkloadReferences } from './references.ts';

let cluster: DemoCluster;
let consoleApp: RunningConsole;
let policyDir: string;

before(async () => {
  policyDir = mkdtempSync(join(tmpdir(), 'references-policy-'));
  const policy = join(policyDir, 'policy.yaml');
  // A viewer who may read the shop's deployments, pods and ConfigMaps: no Secrets, Services or ServiceAccounts.
  writeFileSync(policy, 'users:\n  viewer:\n    token: view-token\n    rules:\n      - verbs: [get, list, watch]\n        resources: [deployments.apps, pods, configmaps]\n        namespaces: [shop]\n');
  cluster = await startDemoCluster({ port: 0, controllers: false, token: 'admin-token', policyFile: policy });
  const viewer = contextFrom({ name: 'viewer', server: cluster.url, skipTLSVerify: true }, { name: 'viewer', token: 'view-token' }, { name: 'viewer', cluster: 'viewer', user: 'viewer' }, 'kubeconfig');
  consoleApp = await startConsole([viewer]);
});

after(async () => {
  await consoleApp?.close();
  await cluster?.close();
  rmSync(policyDir, { recursive: true, force: true });
});

const get = async (path: string) => {
  const res = await fetch(`${consoleApp.url}api/contexts/viewer/namespaces/shop/${path}`);
  return { status: res.status, body: await res.json() };
};

test('a viewer who may not read Secrets sees the Secret as not readable, not as missing, and no Services list', async () => {
  const { status, body } = await get('deployments/api/references');
  assert.equal(status, 200, JSON.stringify(body));
  const refs = body as WorkloadReferences;
  const secret = refs.objects.find((o) => o.kind === 'Secret' && o.name === 'postgres-credentials');
  assert.equal(secret?.state, 'forbidden');
  assert.deepEqual(secret?.notes, [{ code: 'forbidden', kind: 'Secret', name: 'postgres-credentials' }]);
  assert.equal(refs.objects.find((o) => o.kind === 'ConfigMap')?.state, 'present');
  assert.equal(refs.services, undefined);
});

test("a viewer's reveal and a Service's pods are the API server's 403, as a Status", async () => {
  const reveal = await fetch(`${consoleApp.url}api/contexts/viewer/namespaces/shop/secrets/postgres-credentials/reveal`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key: 'password' }),
  });
  const body = (await reveal.json()) as { kind: string; reason: string };
  assert.equal(reveal.status, 403);
  assert.equal(body.kind, 'Status');
  assert.equal(body.reason, 'Forbidden');
  assert.equal((await get('services/frontend/pods')).status, 403);
  assert.equal((await get('secrets/postgres-credentials/keys')).status, 403);
});
