import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoCluster } from '../index.ts';

test('an unseeded cluster has the namespaces kube-apiserver keeps, and the bootstrap Roles in them', async () => {
  const cluster = await startDemoCluster({ port: 0, seed: false, controllers: false });
  try {
    const list = (await (await fetch(`${cluster.url}/api/v1/namespaces`)).json()) as { items: { metadata: { name: string }; status?: { phase?: string } }[] };
    assert.deepEqual(
      list.items.map((n) => `${n.metadata.name} ${n.status?.phase}`),
      ['default Active', 'kube-node-lease Active', 'kube-public Active', 'kube-system Active'],
    );
    const role = await fetch(`${cluster.url}/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/roles/extension-apiserver-authentication-reader`);
    assert.equal(role.status, 200);
    // As on a real cluster, creating one of them again is a conflict.
    const again = await fetch(`${cluster.url}/api/v1/namespaces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ metadata: { name: 'default' } }) });
    assert.equal(again.status, 409);
  } finally {
    await cluster.close();
  }
});
