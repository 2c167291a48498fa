import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import { openWebSocket, runningPod, startConsole } from '../testing/consoleFixture.ts';
import { contextAt, startHttpUpstream, websocketAccept } from '../testing/testUpstream.ts';

let cluster: DemoCluster;

test.before(async () => {
  cluster = await startDemoCluster({ speed: 20 });
  await runningPod(cluster.url, 'shell');
});
test.after(() => cluster.close());

/** Each test shuts its own console down. */
const demoConsole = () => startConsole([demoContext(cluster.url)]);

test('shutting down closes a terminal proxied through /k8s with 1001 going away, not a dropped connection', async () => {
  const c = await demoConsole();
  const exec = `${c.origin.replace('http', 'ws')}/k8s/demo/api/v1/namespaces/default/pods/shell/exec?command=sh&command=-c&command=sleep%20100000&container=main&stdin=true&stdout=true`;
  const { ws, protocol } = await openWebSocket(exec, { protocols: ['v5.channel.k8s.io'] });
  assert.equal(protocol, 'v5.channel.k8s.io');
  const closed = new Promise<number>((r) => ws!.once('close', (code) => r(code)));
  assert.equal(c.console.proxy.sessions(), 1);
  await c.close();
  assert.equal(await closed, 1001);
  assert.equal(c.console.proxy.sessions(), 0);
});

test('shutting down ends a proxied watch with its last chunk, after whole events', async () => {
  const c = await demoConsole();
  const req = http.get(`${c.origin}/k8s/demo/api/v1/namespaces/default/pods?watch=1`);
  const res = await new Promise<http.IncomingMessage>((r) => req.once('response', r));
  assert.equal(res.statusCode, 200);
  let body = '';
  const problems: string[] = [];
  res.on('data', (chunk: Buffer) => (body += chunk));
  res.on('aborted', () => problems.push('aborted'));
  res.on('error', (err) => problems.push(err.message));
  req.on('error', (err) => problems.push(err.message));
  const ended = new Promise<void>((r) => res.once('end', r));
  while (!body.includes('\n')) await new Promise((r) => res.once('data', r));
  await c.close();
  await ended;
  assert.deepEqual(problems, []);
  assert.ok(res.complete, 'the terminating chunk arrived');
  assert.ok(body.endsWith('\n'), 'the stream ends between events');
  for (const line of body.trim().split('\n')) assert.equal((JSON.parse(line) as { type: string }).type, 'ADDED');
});

/** A binary frame with a 16-bit extended length (RFC 6455 §5.2), unmasked as a server sends it. */
function binaryFrame(payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x82, 126, payload.length >> 8, payload.length & 0xff]), payload]);
}

test('the close frame waits for the end of the frame in flight: it is never written into the middle of one', { timeout: 10_000 }, async () => {
  const payload = Buffer.alloc(300, 'x');
  const frame = binaryFrame(payload);
  let sendRest!: () => void;
  let upstreamEnded!: Promise<void>;
  const upstream = await startHttpUpstream(
    (_req, res) => res.writeHead(404).end(),
    (req, socket) => {
      // The 101 and the first 100 bytes of a frame in one write: the console holds them as the upgrade's head.
      socket.write(Buffer.concat([Buffer.from(websocketAccept(req)), frame.subarray(0, 100)]));
      sendRest = () => socket.write(frame.subarray(100));
      upstreamEnded = new Promise((r) => socket.once('end', () => r()));
      socket.resume();
    },
  );
  const c = await startConsole([contextAt(upstream.url, 'ws')]);
  try {
    // A raw client, to see every byte the console sends.
    const client = net.connect(c.port, '127.0.0.1');
    client.write(
      'GET /k8s/ws/api/v1/namespaces/default/pods/p/attach?stdout=true HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    let received = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
    const clientEnded = new Promise<void>((r) => client.once('end', r));
    const afterHead = () => received.subarray(received.indexOf('\r\n\r\n') + 4);
    while (received.indexOf('\r\n\r\n') === -1 || afterHead().length < 100) await new Promise((r) => client.once('data', r));
    assert.match(received.toString('latin1'), /^HTTP\/1\.1 101 /);

    const closing = c.close();
    sendRest();
    await clientEnded;
    assert.deepEqual(afterHead(), Buffer.concat([frame, Buffer.from([0x88, 0x02, 0x03, 0xe9])]), 'the whole frame, then close 1001');
    await upstreamEnded;
    client.destroy();
    await closing;
  } finally {
    await c.close();
    await upstream.close();
  }
});

test('a watch event split across chunks is completed before the stream ends', { timeout: 10_000 }, async () => {
  let sendRest!: () => void;
  const upstream = await startHttpUpstream((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"type":"ADDED","object":{"n":1}}\n{"type":"MODIFIED","obj');
    sendRest = () => res.write('ect":{"n":2}}\n{"type":"DELETED","object":{"n":3}}\n');
  });
  const c = await startConsole([contextAt(upstream.url, 'split')]);
  try {
    const req = http.get(`${c.origin}/k8s/split/api/v1/pods?watch=true`);
    const res = await new Promise<http.IncomingMessage>((r) => req.once('response', r));
    let body = '';
    res.on('data', (chunk: Buffer) => (body += chunk));
    const ended = new Promise<void>((r) => res.once('end', r));
    while (!body.includes('"obj')) await new Promise((r) => res.once('data', r));
    const closing = c.close();
    sendRest();
    await ended;
    await closing;
    assert.equal(body, '{"type":"ADDED","object":{"n":1}}\n{"type":"MODIFIED","object":{"n":2}}\n');
  } finally {
    await c.close();
    await upstream.close();
  }
});
