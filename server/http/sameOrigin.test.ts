import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import { openWebSocket, rawRequest, startConsole, type RunningConsole } from '../testing/consoleFixture.ts';

let cluster: DemoCluster;
let local: RunningConsole;
let behindProxy: RunningConsole;
let tlsTerminated: RunningConsole;

test.before(async () => {
  cluster = await startDemoCluster({ speed: 20, seed: false });
  local = await startConsole([demoContext(cluster.url)]);
  behindProxy = await startConsole([demoContext(cluster.url)], { publicUrl: new URL('https://ops.example.com/console/'), trustProxy: true, basePath: '/console/' });
  tlsTerminated = await startConsole([demoContext(cluster.url)], { trustProxy: true });
});
test.after(async () => {
  await local.close();
  await behindProxy.close();
  await tlsTerminated.close();
  await cluster.close();
});

test('a foreign Host (DNS rebinding) is refused with 403 on the API and the proxy', async () => {
  for (const path of ['/api/contexts', '/k8s/demo/api/v1/namespaces', '/']) {
    const res = await rawRequest(local.port, path, { headers: { Host: 'attacker.example:8080' } });
    assert.equal(res.status, 403, path);
    assert.equal(res.headers['cache-control'], 'no-store');
  }
  for (const host of ['localhost:8080', '127.0.0.1', '[::1]:8080']) {
    assert.equal((await rawRequest(local.port, '/api/contexts', { headers: { Host: host } })).status, 200, host);
  }
});

test('a foreign Host cannot open a websocket either', async () => {
  const r = await openWebSocket(`ws://127.0.0.1:${local.port}/api/live`, { headers: { Host: 'attacker.example' } });
  assert.equal(r.status, 403);
});

test('a websocket from a foreign page is refused; same-origin and origin-less clients are accepted', async () => {
  const foreign = await openWebSocket(`ws://127.0.0.1:${local.port}/api/live`, { origin: 'https://evil.example' });
  assert.equal(foreign.status, 403);
  assert.match((JSON.parse(foreign.body ?? '{}') as { message: string }).message, /origin "https:\/\/evil.example" is not allowed/);
  const foreignExec = await openWebSocket(`ws://127.0.0.1:${local.port}/k8s/demo/api/v1/namespaces/default/pods/x/exec?command=sh`, { origin: 'http://localhost.evil.example' });
  assert.equal(foreignExec.status, 403);

  const same = await openWebSocket(`ws://127.0.0.1:${local.port}/api/live`, { origin: `http://127.0.0.1:${local.port}` });
  assert.equal(same.status, 101);
  same.ws?.close();
  const cli = await openWebSocket(`ws://127.0.0.1:${local.port}/api/live`);
  assert.equal(cli.status, 101);
  cli.ws?.close();
});

test('behind a proxy, the public URL is the accepted host and origin', async () => {
  const fromProxy = { Host: 'ops.example.com', 'X-Forwarded-Host': 'ops.example.com', 'X-Forwarded-Proto': 'https' };
  const res = await rawRequest(behindProxy.port, '/console/api/contexts', { headers: fromProxy });
  assert.equal(res.status, 200);
  assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  const ws = await openWebSocket(`ws://127.0.0.1:${behindProxy.port}/console/api/live`, { headers: fromProxy, origin: 'https://ops.example.com' });
  assert.equal(ws.status, 101);
  ws.ws?.close();
  const other = await rawRequest(behindProxy.port, '/console/api/contexts', { headers: { Host: 'ops.example.com', 'X-Forwarded-Host': 'evil.example' } });
  assert.equal(other.status, 403);
});

test('HSTS is only sent over TLS', async () => {
  const res = await fetch(`${local.origin}/api/contexts`);
  assert.equal(res.headers.get('strict-transport-security'), null);
  // X-Forwarded-Proto is not believed without TRUST_PROXY.
  const spoofed = await rawRequest(local.port, '/api/contexts', { headers: { 'X-Forwarded-Proto': 'https' } });
  assert.equal(spoofed.headers['strict-transport-security'], undefined);
});

test('only GET websocket upgrades are accepted', async () => {
  const h2c = await rawRequest(local.port, '/k8s/demo/api', { headers: { Connection: 'Upgrade', Upgrade: 'h2c' } });
  assert.equal(h2c.status, 400);
  assert.equal(h2c.headers['cache-control'], 'no-store');
  const post = await rawRequest(local.port, '/k8s/demo/api/v1/namespaces/default/pods/x/exec', {
    method: 'POST',
    headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
  });
  assert.equal(post.status, 400);
  assert.match((JSON.parse(post.body) as { message: string }).message, /only GET requests with "Upgrade: websocket"/);
});

test('a non-JSON write to the console API is 415; a write from a foreign page is 403', async () => {
  const form = await fetch(`${local.origin}/api/contexts`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
  assert.equal(form.status, 415);
  assert.equal(form.headers.get('cache-control'), 'no-store');
  assert.equal(((await form.json()) as { reason: string }).reason, 'UnsupportedMediaType');
  const unknown = await fetch(`${local.origin}/api/nothing`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.headers.get('cache-control'), 'no-store');
  const crossSite = await rawRequest(local.port, '/k8s/demo/api/v1/namespaces', { method: 'POST', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(crossSite.status, 403);
});

test('every request is logged once with its id, without the query string', async () => {
  const res = await fetch(`${local.origin}/k8s/demo/api/v1/namespaces?token=secret`, { headers: { 'X-Request-Id': 'trace-123' } });
  assert.equal(res.headers.get('x-request-id'), 'trace-123');
  await res.arrayBuffer();
  await new Promise((r) => setImmediate(r));
  const lines = local.logs.filter((l) => l.includes('trace-123'));
  assert.equal(lines.length, 1);
  const entry = JSON.parse(lines[0]) as Record<string, unknown>;
  assert.equal(entry.path, '/k8s/demo/api/v1/namespaces');
  assert.equal(entry.status, 200);
  assert.equal(typeof entry.ms, 'number');
  assert.doesNotMatch(lines[0], /secret/);
  assert.match((await fetch(`${local.origin}/healthz`)).headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

test('an origin with the right host and port but another scheme is a different site and is refused', async () => {
  const httpsTwin = `https://127.0.0.1:${local.port}`;
  const ws = await openWebSocket(`ws://127.0.0.1:${local.port}/api/live`, { origin: httpsTwin });
  assert.equal(ws.status, 403);
  const exec = await openWebSocket(`ws://127.0.0.1:${local.port}/k8s/demo/api/v1/namespaces/default/pods/x/exec?command=sh`, { origin: httpsTwin });
  assert.equal(exec.status, 403);
  const write = await rawRequest(local.port, '/k8s/demo/api/v1/namespaces', { method: 'POST', headers: { Origin: httpsTwin, 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(write.status, 403);
  assert.match((JSON.parse(write.body) as { message: string }).message, /origin "https:\/\/127\.0\.0\.1:\d+" is not allowed/);
  const otherPort = await rawRequest(local.port, '/api/contexts', { method: 'POST', headers: { Origin: `http://127.0.0.1:${local.port + 1}`, 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(otherPort.status, 403);
  // Without TRUST_PROXY a client cannot claim TLS with X-Forwarded-Proto.
  const claimed = await openWebSocket(`ws://127.0.0.1:${local.port}/api/live`, { origin: httpsTwin, headers: { 'X-Forwarded-Proto': 'https' } });
  assert.equal(claimed.status, 403);
});

test('behind a TLS-terminating proxy the forwarded scheme decides, and PUBLIC_URL is matched exactly', async () => {
  const port = tlsTerminated.port;
  const viaTls = { 'X-Forwarded-Proto': 'https' };
  const https = await openWebSocket(`ws://127.0.0.1:${port}/api/live`, { origin: `https://127.0.0.1:${port}`, headers: viaTls });
  assert.equal(https.status, 101);
  https.ws?.close();
  const plain = await openWebSocket(`ws://127.0.0.1:${port}/api/live`, { origin: `http://127.0.0.1:${port}`, headers: viaTls });
  assert.equal(plain.status, 403, 'an http page cannot talk to a console served over https');

  const fromProxy = { Host: 'ops.example.com', 'X-Forwarded-Host': 'ops.example.com', 'X-Forwarded-Proto': 'https' };
  for (const origin of ['http://ops.example.com', 'https://ops.example.com:8443']) {
    const r = await openWebSocket(`ws://127.0.0.1:${behindProxy.port}/console/api/live`, { headers: fromProxy, origin });
    assert.equal(r.status, 403, origin);
  }
  const exact = await openWebSocket(`ws://127.0.0.1:${behindProxy.port}/console/api/live`, { headers: fromProxy, origin: 'https://ops.example.com:443' });
  assert.equal(exact.status, 101, 'the default port is the same origin');
  exact.ws?.close();
});
