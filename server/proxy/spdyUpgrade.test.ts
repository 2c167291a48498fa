// SPDY/3.1 upgrades (kubectl before 1.30/1.31, client-go) through /k8s/{context}, against an
// API server stand-in that answers 101 to `Upgrade: SPDY/3.1` and echoes what it is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type http from 'node:http';
import net from 'node:net';
import { contextFrom } from '../clusters/contextConfig.ts';
import { rawRequest, startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import { eventually } from '../testing/eventually.ts';
import { startHttpUpstream, websocketAccept, type TestUpstream } from '../testing/testUpstream.ts';

const EXEC = '/k8s/c/api/v1/namespaces/default/pods/p/exec?command=sh&stdin=true&stdout=true';
const SPDY_HEADERS = 'Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\nX-Stream-Protocol-Version: v3.channel.k8s.io\r\n';

interface SeenUpgrade {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
}

/** Upgrades it received; the SPDY ones get a 101 and an echo, a path ending in /refused a 403 Status. */
let upstream: TestUpstream;
let upgrades: SeenUpgrade[] = [];
/** Per upgraded connection: writes bytes as the API server would (part of a frame, say). */
let upstreamSockets: net.Socket[] = [];
let c: RunningConsole;

test.before(async () => {
  upstream = await startHttpUpstream(
    (_req, res) => res.writeHead(404).end(),
    (req, socket) => {
      upgrades.push({ method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders });
      if (req.url?.includes('/refused')) {
        const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: 'pods "p" is forbidden' });
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nCache-Control: public, max-age=600\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        return;
      }
      upstreamSockets.push(socket as net.Socket);
      if (String(req.headers.upgrade).toLowerCase() === 'websocket') {
        // SPDY bytes in one unmasked binary message, as kube-apiserver sends them to kubectl ≥1.31.
        const spdy = dataFrame(2, 'from the pod');
        socket.write(Buffer.concat([Buffer.from(websocketAccept(req, ['Sec-WebSocket-Protocol: SPDY/3.1+portforward.k8s.io'])), Buffer.from([0x82, spdy.length]), spdy]));
        socket.resume();
        return;
      }
      socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n');
      socket.pipe(socket);
    },
  );
  const ctx = contextFrom({ name: 'c', server: upstream.url, skipTLSVerify: false }, { name: 'u', token: 'console-token', impersonateUser: undefined }, { name: 'c', cluster: 'c', user: 'u' }, 'kubeconfig');
  c = await startConsole([ctx]);
});
test.after(async () => {
  await c.close();
  await upstream.close();
});
test.beforeEach(() => {
  upgrades = [];
  upstreamSockets = [];
});

/** A raw client: sends `head` and collects every byte the console sends back. */
function rawClient(head: string) {
  const socket = net.connect(c.port, '127.0.0.1');
  socket.write(head);
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
  const ended = new Promise<void>((r) => socket.once('end', r));
  const headEnd = () => received.indexOf('\r\n\r\n');
  return {
    socket,
    ended,
    /** Resolves with the response head once it has arrived. */
    async head(): Promise<string> {
      while (headEnd() === -1) await new Promise((r) => socket.once('data', r));
      return received.subarray(0, headEnd()).toString('latin1');
    },
    /** Resolves with what came after the head once it is at least `n` bytes. */
    async after(n: number): Promise<Buffer> {
      while (headEnd() === -1 || received.length - headEnd() - 4 < n) await new Promise((r) => socket.once('data', r));
      return received.subarray(headEnd() + 4);
    },
  };
}

/** A SPDY data frame (stream id, flags 0, 24-bit length) around `payload`. */
function dataFrame(streamId: number, payload: string): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(streamId, 0);
  header.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([header, Buffer.from(payload)]);
}

test('a SPDY exec POST is tunnelled both ways with the context credentials, never the client’s', async () => {
  const client = rawClient(
    `POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n${SPDY_HEADERS}` +
      'Authorization: Bearer browser\r\nCookie: sid=1\r\nImpersonate-User: admin\r\nImpersonate-Group: system:masters\r\n\r\n',
  );
  const head = await client.head();
  assert.match(head, /^HTTP\/1\.1 101 /);
  assert.match(head, /\r\nX-Stream-Protocol-Version: v4\.channel\.k8s\.io/i, 'the version the API server chose reaches the client');
  const frame = dataFrame(1, 'echo me');
  client.socket.write(frame);
  assert.deepEqual(await client.after(frame.length), frame, 'the bytes came back through the tunnel');

  const [seen] = upgrades;
  assert.equal(seen.method, 'POST');
  assert.equal(seen.url, EXEC.slice('/k8s/c'.length));
  assert.equal(seen.headers.upgrade, 'SPDY/3.1');
  assert.equal(seen.headers.authorization, 'Bearer console-token');
  assert.equal(seen.headers.cookie, undefined);
  assert.equal(seen.headers['impersonate-user'], undefined);
  assert.equal(seen.headers['impersonate-group'], undefined);
  const versions = seen.rawHeaders.filter((_, i) => i % 2 === 1 && seen.rawHeaders[i - 1].toLowerCase() === 'x-stream-protocol-version');
  assert.deepEqual(versions, ['v4.channel.k8s.io', 'v3.channel.k8s.io'], 'each offered version on its own line');
  client.socket.destroy();
  await eventually(() => c.console.proxy.sessions() === 0, 'the session to end');
});

test('a SPDY upgrade names the command in the audit log, as a websocket exec does', async () => {
  const client = rawClient(`POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1\r\n${SPDY_HEADERS}\r\n`);
  await client.head();
  client.socket.destroy();
  const audit = await eventually(
    () => c.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'audit' && l.verb === 'exec'),
    'an audit line for the exec',
  );
  assert.deepEqual(audit.command, ['sh']);
  assert.equal(audit.status, 101);
  assert.equal(audit.path, EXEC.split('?')[0]);
});

test('a SPDY upgrade from a foreign page is refused 403 before anything reaches the API server', async () => {
  const client = rawClient(`POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1:${c.port}\r\nOrigin: https://evil.example\r\n${SPDY_HEADERS}\r\n`);
  assert.match(await client.head(), /^HTTP\/1\.1 403 /);
  assert.equal(upgrades.length, 0);
  client.socket.destroy();
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
  assert.equal(upgrades.length, 0, 'the API server heard none of them');
});

test('a GET SPDY upgrade to portforward is carried too', async () => {
  const client = rawClient(
    'GET /k8s/c/api/v1/namespaces/default/pods/p/portforward HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n',
  );
  assert.match(await client.head(), /^HTTP\/1\.1 101 /);
  assert.equal(upgrades[0].method, 'GET');
  assert.equal(upgrades[0].headers['x-stream-protocol-version'], 'portforward.k8s.io');
  client.socket.destroy();
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
  const client = rawClient(
    'GET /k8s/c/api/v1/namespaces/default/pods/p/portforward?ports=80 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: SPDY/3.1+portforward.k8s.io\r\n\r\n',
  );
  const head = await client.head();
  assert.match(head, /^HTTP\/1\.1 101 /);
  assert.match(head, /\r\nSec-WebSocket-Protocol: SPDY\/3\.1\+portforward\.k8s\.io(\r\n|$)/i);
  assert.equal(upgrades[0].headers['sec-websocket-protocol'], 'SPDY/3.1+portforward.k8s.io');
  assert.equal(upgrades[0].headers.upgrade, 'websocket');
  const spdy = dataFrame(2, 'from the pod');
  assert.deepEqual(await client.after(spdy.length + 2), Buffer.concat([Buffer.from([0x82, spdy.length]), spdy]), 'the binary message arrives unchanged');
  client.socket.destroy();
});

test('shutting down ends a SPDY tunnel after the frame in flight, with a FIN', { timeout: 10_000 }, async () => {
  const own = await startConsole([contextFrom({ name: 'c', server: upstream.url, skipTLSVerify: false }, { name: 'u', token: 't', impersonateUser: undefined }, { name: 'c', cluster: 'c', user: 'u' }, 'kubeconfig')]);
  try {
    const socket = net.connect(own.port, '127.0.0.1');
    socket.write(`POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1\r\n${SPDY_HEADERS}\r\n`);
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
    const ended = new Promise<void>((r) => socket.once('end', r));
    while (received.indexOf('\r\n\r\n') === -1) await new Promise((r) => socket.once('data', r));
    await eventually(() => upstreamSockets.length === 1, 'the upstream connection');
    const up = upstreamSockets[0];
    up.unpipe(up);
    const frame = dataFrame(3, 'x'.repeat(300));
    up.write(frame.subarray(0, 100));
    const after = () => received.subarray(received.indexOf('\r\n\r\n') + 4);
    while (after().length < 100) await new Promise((r) => socket.once('data', r));
    assert.equal(own.console.proxy.sessions(), 1);

    const closing = own.close();
    up.write(frame.subarray(100));
    await ended;
    assert.deepEqual(after(), frame, 'the whole frame and nothing after it');
    socket.destroy();
    await closing;
    assert.equal(own.console.proxy.sessions(), 0);
  } finally {
    await own.close();
  }
});
