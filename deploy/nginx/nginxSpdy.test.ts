/**
 * SPDY/3.1 upgrades (kubectl before 1.30/1.31, client-go) through the shipped nginx.conf in front
 * of two console replicas: nginx passes `Upgrade: SPDY/3.1` on (the $connection_upgrade map
 * holds for any upgrade, not only websocket), switches to a tunnel on the 101, and keeps every
 * X-Stream-Protocol-Version line. The API server is a stand-in that echoes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { rawRequest, startConsole, type RunningConsole } from '../../server/testing/consoleFixture.ts';
import { rawUpgradeClient } from '../../server/testing/rawUpgradeClient.ts';
import { SPDY_IN_WEBSOCKET, spdyDataFrame, startSpdyUpstream, streamVersions, type SpdyUpstream } from '../../server/testing/spdyUpstream.ts';
import { NGINX, startLocalNginx, type LocalNginx } from './localNginx.ts';

let api: SpdyUpstream;
const replicas: RunningConsole[] = [];
let nginx: LocalNginx | undefined;

test.before(async () => {
  assert.ok(existsSync(NGINX), `nginx is required for this test (apt-get install nginx): ${NGINX} not found`);
  api = await startSpdyUpstream();
  for (let i = 0; i < 2; i++) replicas.push(await startConsole([api.context('c')], { basePath: '/console/', trustProxy: 'loopback' }));
  nginx = await startLocalNginx(replicas.map((r) => r.port));
});
test.after(async () => {
  await nginx?.stop();
  for (const r of replicas) await r.close();
  await api?.close();
});

const EXEC = '/console/k8s/c/api/v1/namespaces/default/pods/p/exec?command=sh&stdin=true&stdout=true';

test('through nginx, a SPDY exec POST is upgraded and tunnels bytes both ways, every offered version kept', async () => {
  const cl = rawUpgradeClient(
    nginx!.port,
    `POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1:${nginx!.port}\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n` +
      'X-Stream-Protocol-Version: v4.channel.k8s.io\r\nX-Stream-Protocol-Version: v3.channel.k8s.io\r\nAuthorization: Bearer browser\r\n\r\n',
  );
  const head = await cl.head();
  assert.match(head, /^HTTP\/1\.1 101 /);
  assert.match(head, /\r\nupgrade: SPDY\/3\.1/i);
  assert.match(head, /\r\nX-Stream-Protocol-Version: v4\.channel\.k8s\.io/i);
  const frame = spdyDataFrame(1, 'through nginx');
  cl.socket.write(frame);
  assert.deepEqual(await cl.after(frame.length), frame);
  const [seen] = api.upgrades;
  assert.equal(seen.method, 'POST');
  assert.equal(seen.headers.upgrade, 'SPDY/3.1');
  assert.equal(seen.headers.authorization, 'Bearer console-token');
  assert.deepEqual(streamVersions(seen), ['v4.channel.k8s.io', 'v3.channel.k8s.io']);
  cl.socket.destroy();
});

test('through nginx, kubectl 1.31+ port-forward (SPDY inside a websocket) keeps its subprotocol', async () => {
  const cl = rawUpgradeClient(
    nginx!.port,
    `GET /console/k8s/c/api/v1/namespaces/default/pods/p/portforward?ports=80 HTTP/1.1\r\nHost: 127.0.0.1:${nginx!.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: SPDY/3.1+portforward.k8s.io\r\n\r\n',
  );
  const head = await cl.head();
  assert.match(head, /^HTTP\/1\.1 101 /);
  assert.match(head, /\r\nSec-WebSocket-Protocol: SPDY\/3\.1\+portforward\.k8s\.io(\r\n|$)/i);
  const message = Buffer.concat([Buffer.from([0x82, SPDY_IN_WEBSOCKET.length]), SPDY_IN_WEBSOCKET]);
  assert.deepEqual(await cl.after(message.length), message);
  cl.socket.destroy();
});

test('through nginx, a SPDY upgrade from a foreign page is refused 403 and one the API server refuses keeps its Status', async () => {
  const spdy = { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' };
  const before = api.upgrades.length;
  const foreign = await rawRequest(nginx!.port, EXEC, { method: 'POST', headers: { ...spdy, Origin: 'https://evil.example' } });
  assert.equal(foreign.status, 403);
  assert.equal(api.upgrades.length, before, 'nothing reached the API server');
  const refused = await rawRequest(nginx!.port, '/console/k8s/c/api/v1/namespaces/default/pods/refused/exec?command=sh', { method: 'POST', headers: spdy });
  assert.equal(refused.status, 403);
  assert.equal(refused.headers['cache-control'], 'no-store');
  assert.equal((JSON.parse(refused.body) as { reason: string }).reason, 'Forbidden');
});
