import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster, type DemoCluster } from '../server/sim/index.ts';
import { execOverWebSocket, openWebSocket, runningPod } from '../server/testing/consoleFixture.ts';
import { startDevServer, type DevServer } from './dev.ts';

const dir = mkdtempSync(join(tmpdir(), 'dev-test-'));
let cluster: DemoCluster;
let dev: DevServer;

test.before(async () => {
  const kubeconfig = join(dir, 'kubeconfig');
  cluster = await startDemoCluster({ speed: 20, writeKubeconfig: kubeconfig });
  await runningPod(cluster.url, 'dev-shell');
  dev = await startDevServer({ env: { ...process.env, KUBECONFIG: kubeconfig, CONSOLE_DEMO: '', BASE_PATH: '', LOG_LEVEL: 'warn' }, port: 0 });
});
test.after(async () => {
  await dev.close();
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
});

test('in dev mode the very first request, a websocket exec, connects and round-trips', async () => {
  const ws = dev.url.replace('http', 'ws');
  const r = await execOverWebSocket(`${ws}k8s/demo/api/v1/namespaces/default/pods/dev-shell/exec?command=echo&command=hi&container=main&stdout=true&stderr=true`, { origin: new URL(dev.url).origin });
  assert.equal(r.stdout, 'hi\n');
});

test('in dev mode the live channel connects and the SPA is served by Vite with HMR', async () => {
  const live = await openWebSocket(`${dev.url.replace('http', 'ws')}api/live`, { origin: new URL(dev.url).origin });
  assert.equal(live.status, 101);
  live.ws?.close();
  const res = await fetch(`${dev.url}workloads`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  const html = await res.text();
  assert.match(html, /@vite\/client/);
  assert.match(html, /<base href="\/">/);
  const client = await (await fetch(`${dev.url}@vite/client`)).text();
  const token = /const wsToken = "([^"]+)"/.exec(client)?.[1];
  assert.ok(token, 'the Vite client carries its HMR token');
  const hmr = await openWebSocket(`${dev.url.replace('http', 'ws')}?token=${token}`, { protocols: ['vite-hmr'], origin: new URL(dev.url).origin });
  assert.equal(hmr.status, 101, 'the HMR socket shares the server');
  hmr.ws?.close();
  assert.equal((await fetch(`${dev.url}assets/missing-123.js`)).status, 404);
});
