import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster } from '../sim/index.ts';
import { startConsole } from '../testing/consoleFixture.ts';
import { IN_CLUSTER_CONTEXT, SERVICE_ACCOUNT_DIR, inClusterContext, inPod } from './inCluster.ts';

test('in a pod, the console reaches the API server with the mounted service account token and CA', async () => {
  const root = mkdtempSync(join(tmpdir(), 'in-cluster-'));
  const cluster = await startDemoCluster({ speed: 20, seed: false, tls: true, token: 'sa-token' });
  const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
  const sa = join(root, SERVICE_ACCOUNT_DIR);
  mkdirSync(sa, { recursive: true });
  writeFileSync(join(sa, 'token'), 'sa-token');
  writeFileSync(join(sa, 'ca.crt'), cluster.tls!.caPem);
  writeFileSync(join(sa, 'namespace'), 'console');
  process.env.KUBERNETES_SERVICE_HOST = '127.0.0.1';
  process.env.KUBERNETES_SERVICE_PORT = String(cluster.port);
  let c;
  try {
    assert.equal(inPod(process.env, root), true);
    const ctx = inClusterContext(root);
    assert.deepEqual([ctx.name, ctx.source, ctx.namespace, ctx.server], [IN_CLUSTER_CONTEXT, 'in-cluster', 'console', `https://127.0.0.1:${cluster.port}`]);
    // In a pod the default is token sign-in; the console's own account acts only when asked for by name.
    c = await startConsole([ctx], { auth: { mode: 'serviceaccount', sessionKeys: [], sessionTtlMs: 3_600_000 } });
    assert.equal(((await (await fetch(`${c.origin}/auth/session`)).json()) as { mode: string }).mode, 'serviceaccount');
    const res = await fetch(`${c.origin}/k8s/in-cluster/api/v1/namespaces`);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await fetch(`${c.origin}/readyz`)).status, 200);
  } finally {
    process.env.KUBERNETES_SERVICE_HOST = saved.host;
    process.env.KUBERNETES_SERVICE_PORT = saved.port;
    if (saved.host === undefined) delete process.env.KUBERNETES_SERVICE_HOST;
    if (saved.port === undefined) delete process.env.KUBERNETES_SERVICE_PORT;
    await c?.close();
    await cluster.close();
    rmSync(root, { recursive: true, force: true });
  }
});
