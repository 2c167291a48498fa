/**
 * A token the API server rejects (401) is not reused: the proxy drops the cached credential
 * headers, so the next request runs the kubeconfig's exec plugin again, as client-go's exec
 * authenticator does after a 401 (an EKS or GKE token revoked or rotated before its expiry).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig } from '../clusters/kubeconfig.ts';
import { startDemoCluster } from '../sim/index.ts';
import { startConsole } from '../testing/consoleFixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'unauthorized-refresh-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('after a 401 the next request runs the exec plugin again and gets through with the new token', async () => {
  const cluster = await startDemoCluster({ speed: 20, seed: false, token: 'rotated' });
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, 'revoked');
  const plugin = join(dir, 'auth-plugin.sh');
  // No expirationTimestamp: client-node runs the plugin whenever it is asked for credentials.
  writeFileSync(
    plugin,
    `#!/bin/sh\necho "{\\"apiVersion\\":\\"client.authentication.k8s.io/v1beta1\\",\\"kind\\":\\"ExecCredential\\",\\"status\\":{\\"token\\":\\"$(cat ${tokenFile})\\"}}"\n`,
    { mode: 0o755 },
  );
  const file = join(dir, 'exec.yaml');
  writeFileSync(
    file,
    `apiVersion: v1\nkind: Config\ncurrent-context: cloud\nclusters:\n- name: cloud\n  cluster: {server: "${cluster.url}"}\nusers:\n- name: cloud\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ${plugin}\n      interactiveMode: Never\ncontexts:\n- name: cloud\n  context: {cluster: cloud, user: cloud}\n`,
  );
  const c = await startConsole(loadKubeconfig([file]).contexts);
  try {
    const refused = await fetch(`${c.origin}/k8s/cloud/api/v1/namespaces`);
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as { kind: string; reason: string }).reason, 'Unauthorized');

    writeFileSync(tokenFile, 'rotated');
    const res = await fetch(`${c.origin}/k8s/cloud/api/v1/namespaces`);
    assert.equal(res.status, 200, await res.clone().text());
  } finally {
    await c.close();
    await cluster.close();
  }
});
