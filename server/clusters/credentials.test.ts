import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startDemoCluster } from '../sim/index.ts';
import { kubectl, openWebSocket, startConsole, writeKubeconfig } from '../testing/consoleFixture.ts';
import { contextFrom } from './contextConfig.ts';
import { loadKubeconfig } from './kubeconfig.ts';

const dir = mkdtempSync(join(tmpdir(), 'credentials-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('the console injects the kubeconfig token; the browser cannot bring its own', async () => {
  const cluster = await startDemoCluster({ speed: 20, seed: false, token: 'the-right-token' });
  const file = join(dir, 'token.yaml');
  writeKubeconfig(file, [{ name: 'team@cluster', server: cluster.url, token: 'the-right-token' }]);
  const c = await startConsole(loadKubeconfig([file]).contexts);
  try {
    const direct = await fetch(`${cluster.url}/api/v1/namespaces`, { headers: { Authorization: 'Bearer bogus' } });
    assert.equal(direct.status, 401, 'the demo cluster checks tokens');
    const proxied = await fetch(`${c.origin}/k8s/${encodeURIComponent('team@cluster')}/api/v1/namespaces`, { headers: { Authorization: 'Bearer bogus', Cookie: 'session=x' } });
    assert.equal(proxied.status, 200);
    const r = await kubectl(['--server', `${c.origin}/k8s/team%40cluster`, '--token', 'bogus', 'get', 'namespaces']);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    await c.close();
    await cluster.close();
  }
});

test('a TLS demo cluster with client certificates is reached through a written kubeconfig', async () => {
  const file = join(dir, 'tls.yaml');
  const cluster = await startDemoCluster({ speed: 20, seed: false, tls: true, writeKubeconfig: file });
  const loaded = loadKubeconfig([file]);
  const c = await startConsole(loaded.contexts);
  try {
    assert.ok(cluster.url.startsWith('https://'));
    const res = await fetch(`${c.origin}/k8s/demo/api/v1/namespaces`);
    assert.equal(res.status, 200, await res.clone().text());
    const contexts = (await (await fetch(`${c.origin}/api/contexts`)).json()) as { reachable: boolean }[];
    assert.equal(contexts[0].reachable, true);
    const body = JSON.stringify(contexts);
    assert.doesNotMatch(body, /BEGIN|PRIVATE|token/i, 'no credentials in the listing');
  } finally {
    await c.close();
    await cluster.close();
  }
});

test('browser credentials, impersonation and bearer subprotocols never reach the API server', async () => {
  // An API server stand-in that reports the headers it received (the demo cluster cannot show them).
  const seen: http.IncomingHttpHeaders[] = [];
  const upstream = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=600', 'Set-Cookie': 'x=y' });
    res.end('{}');
  });
  upstream.on('upgrade', (req, socket) => {
    seen.push(req.headers);
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const ctx = contextFrom({ name: 'c', server: url, skipTLSVerify: false }, { name: 'u', token: 'console-token', impersonateUser: undefined }, { name: 'c', cluster: 'c', user: 'u' }, 'kubeconfig');
  const c = await startConsole([ctx]);
  try {
    const res = await fetch(`${c.origin}/k8s/c/api/v1/pods`, { headers: { Authorization: 'Bearer browser', Cookie: 'sid=1', 'Impersonate-User': 'admin', 'Impersonate-Group': 'system:masters', 'X-Remote-User': 'admin' } });
    assert.equal(res.headers.get('cache-control'), 'no-store', 'upstream caching headers are overwritten');
    assert.equal(res.headers.get('set-cookie'), null);
    const ws = await openWebSocket(`ws://127.0.0.1:${c.port}/k8s/c/api/v1/namespaces/d/pods/p/exec?command=sh`, {
      protocols: ['v5.channel.k8s.io', 'base64url.bearer.authorization.k8s.io.YnJvd3Nlcg'],
      headers: { Authorization: 'Bearer browser', Cookie: 'sid=1' },
    });
    assert.equal(ws.status, 403, 'a refused handshake is relayed');
    for (const h of seen) {
      assert.equal(h.authorization, 'Bearer console-token');
      assert.equal(h.cookie, undefined);
      assert.equal(h['impersonate-user'], undefined);
      assert.equal(h['impersonate-group'], undefined);
      assert.equal(h['x-remote-user'], undefined);
      assert.equal(h.host, new URL(url).host);
    }
    assert.equal(seen[1]['sec-websocket-protocol'], 'v5.channel.k8s.io');
  } finally {
    await c.close();
    await new Promise((r) => upstream.close(r));
  }
});

test('an exec auth plugin supplies the token, as gke-gcloud-auth-plugin or aws eks get-token would', async () => {
  const cluster = await startDemoCluster({ speed: 20, seed: false, token: 'from-plugin' });
  const plugin = join(dir, 'auth-plugin.sh');
  writeFileSync(plugin, `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"from-plugin","expirationTimestamp":"2999-01-01T00:00:00Z"}}'\n`, { mode: 0o755 });
  const file = join(dir, 'exec.yaml');
  writeFileSync(
    file,
    `apiVersion: v1\nkind: Config\ncurrent-context: cloud\nclusters:\n- name: cloud\n  cluster: {server: "${cluster.url}"}\nusers:\n- name: cloud\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ${plugin}\n      interactiveMode: Never\ncontexts:\n- name: cloud\n  context: {cluster: cloud, user: cloud}\n`,
  );
  const c = await startConsole(loadKubeconfig([file]).contexts);
  try {
    const res = await fetch(`${c.origin}/k8s/cloud/api/v1/namespaces`);
    assert.equal(res.status, 200, await res.clone().text());
  } finally {
    await c.close();
    await cluster.close();
  }
});
