// SPDY/3.1 upgrades (kubectl before 1.30/1.31, client-go) through /k8s/{context}, against an
// API server stand-in that answers 101 to `Upgrade: SPDY/3.1` and echoes what it is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawRequest, startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import { eventually } from '../testing/eventually.ts';
import { rawUpgradeClient } from '../testing/rawUpgradeClient.ts';
import { SPDY_IN_WEBSOCKET, spdyDataFrame, startSpdyUpstream, streamVersions, type SpdyUpstream } from '../testing/spdyUpstream.ts';

const EXEC = '/k8s/c/api/v1/namespaces/default/pods/p/exec?command=sh&stdin=true&stdout=true';
const SPDY_HEADERS = 'Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\nX-Stream-Protocol-Version: v3.channel.k8s.io\r\n';

let api: SpdyUpstream;
let c: RunningConsole;

test.before(async () => {
  api = await startSpdyUpstream();
  c = await startConsole([api.context('c')]);
});
test.after(async () => {
  await c.close();
  await api.close();
});
test.beforeEach(() => {
  api.upgrades.length = 0;
  api.sockets.length = 0;
});

const client = (head: string, port = c.port) => rawUpgradeClient(port, head);

test('a SPDY exec POST is tunnelled both ways with the context credentials, never the client’s', async () => {
  const cl = client(
    `POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n${SPDY_HEADERS}` +
      'Authorization: Bearer browser\r\nCookie: sid=1\r\nImpersonate-User: admin\r\nImpersonate-Group: system:masters\r\n\r\n',
  );
  const head = await cl.head();
  assert.match(head, /^HTTP\/1\.1 101 /);
  assert.match(head, /\r\nX-Stream-Protocol-Version: v4\.channel\.k8s\.io/i, 'the version the API server chose reaches the client');
  const frame = spdyDataFrame(1, 'echo me');
  cl.socket.write(frame);
  assert.deepEqual(await cl.after(frame.length), frame, 'the bytes came back through the tunnel');

  const [seen] = api.upgrades;
  assert.equal(seen.method, 'POST');
  assert.equal(seen.url, EXEC.slice('/k8s/c'.length));
  assert.equal(seen.headers.upgrade, 'SPDY/3.1');
  assert.equal(seen.headers.authorization, 'Bearer console-token');
  assert.equal(seen.headers.cookie, undefined);
  assert.equal(seen.headers['impersonate-user'], undefined);
  assert.equal(seen.headers['impersonate-group'], undefined);
  assert.deepEqual(streamVersions(seen), ['v4.channel.k8s.io', 'v3.channel.k8s.io'], 'each offered version on its own line');
  cl.socket.destroy();
  await eventually(() => c.console.proxy.sessions() === 0, 'the session to end');
});

test('a SPDY upgrade names the command in the audit log, as a websocket exec does', async () => {
  const cl = client(`POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1\r\n${SPDY_HEADERS}\r\n`);
  await cl.head();
  cl.socket.destroy();
  const audit = await eventually(
    () => c.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'audit' && l.verb === 'exec'),
    'an audit line for the exec',
  );
  assert.deepEqual(audit.command, ['sh']);
  assert.equal(audit.status, 101);
  assert.equal(audit.path, EXEC.split('?')[0]);
});

test('a SPDY upgrade from a foreign page is refused 403 before anything reaches the API server', async () => {
  const cl = client(`POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1:${c.port}\r\nOrigin: https://evil.example\r\n${SPDY_HEADERS}\r\n`);
  assert.match(await cl.head(), /^HTTP\/1\.1 403 /);
  assert.equal(api.upgrades.length, 0);
  cl.socket.destroy();
});

test('SPDY is refused where kube-apiserver does not speak it, and without a stream protocol version', async () => {
  const spdy = { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' };
  const list = await rawRequest(c.port, '/k8s/c/api/v1/pods', { headers: spdy });
  assert.equal(list.status, 400);
  assert.equal(list.headers['cache-control'], 'no-store');
  assert.match((JSON.parse(list.body) as { message: string }).message, /only the exec, attach and portforward subresources of pods/);
  const logs = await rawRequest(c.port, '/k8s/c/api/v1/namespaces/default/pods/p/log', { method: 'POST', headers: spdy });
  assert.equal(logs.status, 400);
  const put = await rawRequest(c.port, '/k8s/c/api/v1/namespaces/default/pods/p/exec', { method: 'PUT', headers: spdy });
  assert.equal(put.status, 405);
  assert.equal((JSON.parse(put.body) as { reason: string }).reason, 'MethodNotAllowed');
  const unversioned = await rawRequest(c.port, '/k8s/c/api/v1/namespaces/default/pods/p/exec', { method: 'POST', headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1' } });
  assert.equal(unversioned.status, 400);
  assert.equal((JSON.parse(unversioned.body) as { message: string }).message, 'unable to upgrade: X-Stream-Protocol-Version is required');
  const postWebsocket = await rawRequest(c.port, '/k8s/c/api/v1/namespaces/default/pods/p/exec', {
    method: 'POST',
    headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
  });
  assert.equal(postWebsocket.status, 400);
  assert.equal((JSON.parse(postWebsocket.body) as { message: string }).message, 'only GET requests with "Upgrade: websocket" can be upgraded');
  assert.equal(api.upgrades.length, 0, 'the API server heard none of them');
});

test('a GET SPDY upgrade to portforward is carried too', async () => {
  const cl = client(
    'GET /k8s/c/api/v1/namespaces/default/pods/p/portforward HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n',
  );
  assert.match(await cl.head(), /^HTTP\/1\.1 101 /);
  assert.equal(api.upgrades[0].method, 'GET');
  assert.equal(api.upgrades[0].headers['x-stream-protocol-version'], 'portforward.k8s.io');
  cl.socket.destroy();
});

test('an API server that refuses the SPDY upgrade is relayed with its Status and no-store', async () => {
  const refused = await rawRequest(c.port, '/k8s/c/api/v1/namespaces/default/pods/refused/exec?command=sh', {
    method: 'POST',
    headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' },
  });
  assert.equal(refused.status, 403);
  assert.equal(refused.headers['cache-control'], 'no-store');
  assert.equal((JSON.parse(refused.body) as { reason: string }).reason, 'Forbidden');
});

test('kubectl 1.31+ port-forward: SPDY inside a websocket passes as a websocket, its subprotocol echoed', async () => {
  // A raw client: the ws library refuses "/" in a subprotocol name; Go's websocket client (kubectl) sends it.
  const cl = client(
    'GET /k8s/c/api/v1/namespaces/default/pods/p/portforward?ports=80 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: SPDY/3.1+portforward.k8s.io\r\n\r\n',
  );
  const head = await cl.head();
  assert.match(head, /^HTTP\/1\.1 101 /);
  assert.match(head, /\r\nSec-WebSocket-Protocol: SPDY\/3\.1\+portforward\.k8s\.io(\r\n|$)/i);
  assert.equal(api.upgrades[0].headers['sec-websocket-protocol'], 'SPDY/3.1+portforward.k8s.io');
  assert.equal(api.upgrades[0].headers.upgrade, 'websocket');
  const message = Buffer.concat([Buffer.from([0x82, SPDY_IN_WEBSOCKET.length]), SPDY_IN_WEBSOCKET]);
  assert.deepEqual(await cl.after(message.length), message, 'the binary message arrives unchanged');
  cl.socket.destroy();
});

test('a client that closes its side ends the session soon after, even if the API server would wait', async () => {
  await eventually(() => c.console.proxy.sessions() === 0, 'earlier sessions to end');
  const cl = client(`POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1\r\n${SPDY_HEADERS}\r\n`);
  await cl.head();
  await eventually(() => api.sockets.length === 1, 'the upstream connection');
  // The stand-in stops echoing and will not end its side on its own.
  const up = api.sockets[0];
  up.unpipe(up);
  const upstreamEnded = new Promise<void>((r) => up.once('end', r));
  assert.equal(c.console.proxy.sessions(), 1);
  cl.socket.end();
  await cl.ended;
  await upstreamEnded;
  await eventually(() => c.console.proxy.sessions() === 0, 'the session to end');
});

test('shutting down ends a SPDY tunnel after the frame in flight, with a FIN', { timeout: 10_000 }, async () => {
  const own = await startConsole([api.context('c')]);
  try {
    const cl = client(`POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1\r\n${SPDY_HEADERS}\r\n`, own.port);
    await cl.head();
    await eventually(() => api.sockets.length === 1, 'the upstream connection');
    const up = api.sockets[0];
    up.unpipe(up);
    const frame = spdyDataFrame(3, 'x'.repeat(300));
    up.write(frame.subarray(0, 100));
    await cl.after(100);
    assert.equal(own.console.proxy.sessions(), 1);

    const closing = own.close();
    up.write(frame.subarray(100));
    await cl.ended;
    assert.deepEqual(cl.body(), frame, 'the whole frame and nothing after it');
    cl.socket.destroy();
    await closing;
    assert.equal(own.console.proxy.sessions(), 0);
  } finally {
    await own.close();
  }
});
