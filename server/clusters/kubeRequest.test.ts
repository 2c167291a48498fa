import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { contextFrom } from './contextConfig.ts';
import { kubeJson, streamLines } from './kubeRequest.ts';
import { KubeStatusError } from './kubeStatus.ts';
import { contextAt, startSilentUpstream } from '../testing/testUpstream.ts';

const dir = mkdtempSync(join(tmpdir(), 'kube-request-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

async function listen(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

test('after the exec plugin rotates its token, one call gets the 401 and the next one the new token', async () => {
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, 'first');
  const plugin = join(dir, 'rotating-plugin.sh');
  // No expirationTimestamp: only the console's short header cache and 401 invalidation decide when it runs again.
  writeFileSync(plugin, `#!/bin/sh\necho "{\\"apiVersion\\":\\"client.authentication.k8s.io/v1beta1\\",\\"kind\\":\\"ExecCredential\\",\\"status\\":{\\"token\\":\\"$(cat ${tokenFile})\\"}}"\n`, { mode: 0o755 });
  let accepted = 'first';
  const upstream = await listen((req, res) => {
    const ok = req.headers.authorization === `Bearer ${accepted}`;
    res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
    res.end(ok ? '{"kind":"NamespaceList","items":[]}' : '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}');
  });
  const exec = { apiVersion: 'client.authentication.k8s.io/v1beta1', command: plugin, args: [], env: [], interactiveMode: 'Never' };
  const ctx = contextFrom({ name: 'cloud', server: upstream.url, skipTLSVerify: false }, { name: 'u', exec }, { name: 'cloud', cluster: 'cloud', user: 'u' }, 'kubeconfig');
  try {
    assert.deepEqual(await kubeJson(ctx, '/api/v1/namespaces'), { kind: 'NamespaceList', items: [] });
    writeFileSync(tokenFile, 'second');
    accepted = 'second';
    const refused = await kubeJson(ctx, '/api/v1/namespaces').catch((err: unknown) => err);
    assert.ok(refused instanceof KubeStatusError);
    assert.equal(refused.status.code, 401);
    assert.equal(refused.status.message, 'Unauthorized');
    assert.deepEqual(await kubeJson(ctx, '/api/v1/namespaces'), { kind: 'NamespaceList', items: [] });
  } finally {
    await upstream.close();
  }
});

test('a watch arrives line by line across torn chunks, and a silent watch ends with an error', async () => {
  const upstream = await listen((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n{"type":"MOD');
    setTimeout(() => res.write('IFIED","object":{"metadata":{"name":"a"}}}\n\n'), 20);
    // Then nothing: a half-open connection.
  });
  const ctx = contextFrom({ name: 'demo', server: upstream.url, skipTLSVerify: true }, { name: 'demo' }, { name: 'demo', cluster: 'demo', user: 'demo' }, 'demo');
  try {
    const lines: string[] = [];
    const ended = await new Promise<KubeStatusError | undefined>((resolve, reject) => {
      streamLines(ctx, '/api/v1/pods', { watch: 'true' }, { line: (l) => lines.push(l), end: resolve }, 300).catch(reject);
    });
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as { type: string }).type),
      ['ADDED', 'MODIFIED'],
    );
    assert.ok(ended instanceof KubeStatusError);
    assert.equal(ended.status.code, 503);
    assert.match(ended.status.message, /cluster "demo" is unreachable: watch went silent/);

    let endCalls = 0;
    const stream = await streamLines(ctx, '/api/v1/pods', { watch: 'true' }, { line: () => {}, end: () => endCalls++ }, 60_000);
    stream.abort();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(endCalls, 0, 'an aborted watch does not report an end');
  } finally {
    await upstream.close();
  }
});

test('an API server that accepts the connection and never answers gets a 504 naming the context and the call, and the socket is closed', async () => {
  const upstream = await startSilentUpstream();
  const ctx = contextAt(upstream.url, 'hung', { connectMs: 1_000, firstByteMs: 200 });
  try {
    const err = await kubeJson(ctx, '/api/v1/namespaces/shop/pods').catch((e: unknown) => e);
    assert.ok(err instanceof KubeStatusError, String(err));
    assert.equal(err.status.code, 504);
    assert.equal(err.status.reason, 'Timeout');
    assert.equal(err.status.message, 'cluster "hung" sent no answer to GET /api/v1/namespaces/shop/pods within 0.2 s');
    // No stuck sockets pile up: the request was destroyed.
    while (upstream.connections() > 0) await new Promise((r) => setImmediate(r));
  } finally {
    await upstream.close();
  }
});

test('an answer whose body stops arriving is given up with a 504 too', async () => {
  const upstream = await listen((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"kind":"PodList","items":[');
  });
  const ctx = contextFrom({ name: 'stall', server: upstream.url, skipTLSVerify: true }, { name: 'u' }, { name: 'stall', cluster: 'stall', user: 'u' }, 'kubeconfig');
  ctx.timeouts = { connectMs: 1_000, firstByteMs: 200 };
  try {
    const err = await kubeJson(ctx, '/api/v1/pods').catch((e: unknown) => e);
    assert.ok(err instanceof KubeStatusError, String(err));
    assert.equal(err.status.code, 504);
  } finally {
    await upstream.close();
  }
});

test('a path whose segment is "..", "." or an encoded one never leaves the console', async () => {
  const seen: string[] = [];
  const upstream = await listen((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
  const ctx = contextFrom({ name: 'demo', server: upstream.url, skipTLSVerify: true }, { name: 'u' }, { name: 'demo', cluster: 'demo', user: 'u' }, 'kubeconfig');
  try {
    for (const path of ['/api/v1/namespaces/victim/pods/..', '/api/v1/namespaces/victim/pods/%2e%2e', '/api/v1/namespaces/victim/pods/%252E%252E', '/apis/apps/v1/namespaces/shop/deployments/.', '/api/v1/namespaces/a%2Fb/pods']) {
      const err = await kubeJson(ctx, path, { method: 'DELETE' }).catch((e: unknown) => e);
      assert.ok(err instanceof KubeStatusError, path);
      assert.equal(err.status.code, 400, path);
    }
    assert.deepEqual(seen, []);
    await kubeJson(ctx, '/api/v1/namespaces/victim/pods/web-0');
    assert.deepEqual(seen, ['/api/v1/namespaces/victim/pods/web-0']);
  } finally {
    await upstream.close();
  }
});
