/**
 * The shipped deploy/nginx/nginx.conf, run by Debian's nginx in front of two console replicas
 * under /console/, against the demo cluster: the SPA loads, API errors stay uncached, a watch
 * streams, an exec round-trips over a websocket, kubectl works. No nginx → the test fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoContext } from '../../server/clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../../server/sim/index.ts';
import { execOverWebSocket, kubectl, runningPod, startConsole, type RunningConsole } from '../../server/testing/consoleFixture.ts';
import { NGINX, startLocalNginx, type LocalNginx } from './localNginx.ts';

const dir = mkdtempSync(join(tmpdir(), 'nginx-test-'));
let cluster: DemoCluster;
let replicas: RunningConsole[] = [];
let nginx: LocalNginx | undefined;
let base: string;

test.before(async () => {
  assert.ok(existsSync(NGINX), `nginx is required for this test (apt-get install nginx): ${NGINX} not found`);
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><base href="/"><script type="module" src="./assets/app-1a2b3c.js"></script></head><body></body></html>');
  writeFileSync(join(dist, 'assets', 'app-1a2b3c.js'), 'export {};');

  cluster = await startDemoCluster({ speed: 20 });
  await runningPod(cluster.url, 'nginx-shell');
  for (let i = 0; i < 2; i++) replicas.push(await startConsole([demoContext(cluster.url)], { basePath: '/console/', distDir: dist, trustProxy: 'loopback' }));

  nginx = await startLocalNginx(replicas.map((r) => r.port));
  base = nginx.base;
});

test.after(async () => {
  await nginx?.stop();
  for (const r of replicas) await r.close();
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('through nginx, index.html loads under /console/ with no-cache and the base written in', async () => {
  const res = await fetch(base);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.match(await res.text(), /<base href="\/console\/">/);
  const deep = await fetch(`${base}workloads/deployments`);
  assert.equal(deep.status, 200);
});

test('through nginx, a hashed asset is immutable', async () => {
  const res = await fetch(`${base}assets/app-1a2b3c.js`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal((await fetch(`${base}assets/app-old.js`)).status, 404);
});

test('through nginx, a 404 from the API server keeps its Status body and no-store', async () => {
  const res = await fetch(`${base}k8s/demo/api/v1/namespaces/default/pods/nope`);
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = (await res.json()) as { kind: string; reason: string };
  assert.deepEqual([body.kind, body.reason], ['Status', 'NotFound']);
});

test('through nginx, a watch streams an event as soon as it happens', async () => {
  const ac = new AbortController();
  const res = await fetch(`${base}k8s/demo/api/v1/namespaces/default/configmaps?watch=1&fieldSelector=metadata.name%3Dvia-nginx`, { signal: ac.signal });
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  const create = await fetch(`${base}k8s/demo/api/v1/namespaces/default/configmaps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'via-nginx' } }),
  });
  assert.equal(create.status, 201);
  let seen = '';
  const deadline = setTimeout(() => ac.abort(), 5000);
  while (!seen.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += Buffer.from(value).toString();
  }
  clearTimeout(deadline);
  ac.abort();
  const event = JSON.parse(seen.split('\n')[0]) as { type: string; object: { metadata: { name: string } } };
  assert.deepEqual([event.type, event.object.metadata.name], ['ADDED', 'via-nginx']);
});

test('through nginx, a websocket exec round-trips echo hi (v5.channel.k8s.io)', async () => {
  const ws = base.replace('http', 'ws');
  const r = await execOverWebSocket(`${ws}k8s/demo/api/v1/namespaces/default/pods/nginx-shell/exec?command=echo&command=hi&container=main&stdout=true&stderr=true`, { origin: new URL(base).origin });
  assert.equal(r.protocol, 'v5.channel.k8s.io');
  assert.equal(r.stdout, 'hi\n');
  assert.match(r.status, /"status":"Success"/);
});

test('through nginx, kubectl get pods -A and exec work', async () => {
  const get = await kubectl(['--server', `${base}k8s/demo`, 'get', 'pods', '-A']);
  assert.equal(get.code, 0, get.stderr);
  assert.match(get.stdout, /default\s+nginx-shell\s+1\/1\s+Running/);
  const exec = await kubectl(['--server', `${base}k8s/demo`, 'exec', 'nginx-shell', '--', 'echo', 'hi']);
  assert.equal(exec.code, 0, exec.stderr);
  assert.equal(exec.stdout, 'hi\n');
});

test('with no replica answering, nginx itself answers a 502 Status that is not cached', async () => {
  for (const r of replicas) await r.close();
  replicas = [];
  const res = await fetch(`${base}api/contexts`);
  assert.equal(res.status, 502);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(((await res.json()) as { kind: string }).kind, 'Status');
});
