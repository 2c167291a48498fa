import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import { injectBase } from './spa.ts';

const dist = mkdtempSync(join(tmpdir(), 'spa-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><base href="/" /><meta name="console-base" content="/" /><script type="module" src="./assets/index-abc123.js"></script></head><body></body></html>');
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
writeFileSync(join(dist, 'favicon.svg'), '<svg/>');

let consoleUnderTest: RunningConsole;
test.before(async () => {
  consoleUnderTest = await startConsole([], { basePath: '/console/', distDir: dist });
});
test.after(async () => {
  await consoleUnderTest.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (path: string) => fetch(consoleUnderTest.origin + path, { redirect: 'manual' });

test('index.html is served under the base path with the base written in, revalidated every time', async () => {
  const res = await get('/console/');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'.*frame-ancestors 'none'/);
  const html = await res.text();
  assert.match(html, /<head><base href="\/console\/"><meta name="console-base" content="\/console\/"><meta charset/);
  assert.equal(html.match(/<base /g)?.length, 1);
});

test('a deep link to a view reloads into the SPA', async () => {
  const res = await get('/console/workloads/deployments/shop/web?tab=pods');
  assert.equal(res.status, 200);
  assert.match(await res.text(), /console-base" content="\/console\//);
});

test('a deep link whose resource or object name holds dots reloads into the SPA', async () => {
  for (const path of ['/console/c/demo/k/ingresses.networking.k8s.io', '/console/c/demo/k/configmaps/kube-system/kube-root-ca.crt']) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.match(await res.text(), /<html/i, path);
  }
});

test('hashed assets are cached for a year, immutable', async () => {
  const res = await get('/console/assets/index-abc123.js');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(res.headers.get('content-type') ?? '', /javascript/);
});

test('a missing asset is a 404, never index.html', async () => {
  for (const path of ['/console/assets/index-old999.js', '/console/assets/chunk', '/console/missing.png', '/console/assets/../index.html.map']) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.doesNotMatch(await res.text(), /<html/, path);
  }
});

test('unhashed root files are revalidated', async () => {
  const res = await get('/console/favicon.svg');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
});

test('the root redirects to the base path and health probes answer at both', async () => {
  const res = await get('/');
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), '/console/');
  assert.equal(await (await get('/healthz')).text(), 'ok');
  assert.equal(await (await get('/console/healthz')).text(), 'ok');
});

test('without a build the console explains how to make one', async () => {
  const bare = await startConsole([], { distDir: join(dist, 'nope') });
  try {
    const res = await fetch(bare.origin + '/');
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(await res.text(), /npm run build/);
  } finally {
    await bare.close();
  }
});

test('injectBase replaces existing tags and works without them', () => {
  assert.equal(injectBase('<html><head></head></html>', '/x/'), '<html><head><base href="/x/"><meta name="console-base" content="/x/"></head></html>');
});
