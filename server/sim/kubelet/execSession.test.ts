import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { RUNTIME_START_MS } from './execSession.ts';
import { startKubeletFixture, type KubeletFixture } from './kubeletFixture.ts';

let f: KubeletFixture;
before(async () => {
  f = await startKubeletFixture(100);
  f.createPod('shell', { containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
  f.createPod('deb', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
  await f.waitFor('pods running', () => f.pod('shell')?.status?.phase === 'Running' && f.pod('deb')?.status?.phase === 'Running');
});
after(() => f.close());

interface Outcome {
  protocol: string;
  out: Map<number, string>;
  /** Each channel's payloads joined as bytes, for binary output. */
  bytes: Map<number, Buffer>;
  closeCode: number;
}

function execUrl(pod: string, argv: string[], extra = 'stdout=true&stderr=true'): string {
  return `${f.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/${pod}/exec?${argv.map((a) => `command=${encodeURIComponent(a)}`).join('&')}&${extra}`;
}

function run(url: string, protocols: string[], onOpen?: (ws: WebSocket) => void): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    const parts = new Map<number, Buffer[]>();
    const base64 = protocols[0]?.includes('base64');
    ws.on('open', () => onOpen?.(ws));
    ws.on('message', (data: Buffer, isBinary) => {
      let ch: number;
      let payload: Buffer;
      if (base64 && !isBinary) {
        const t = data.toString();
        ch = t.charCodeAt(0) - 48;
        payload = Buffer.from(t.slice(1), 'base64');
      } else {
        ch = data[0];
        payload = data.subarray(1);
      }
      const list = parts.get(ch) ?? [];
      list.push(payload);
      parts.set(ch, list);
    });
    ws.on('close', (code) => {
      const bytes = new Map([...parts].map(([ch, p]) => [ch, Buffer.concat(p)]));
      const out = new Map([...bytes].map(([ch, b]) => [ch, b.toString()]));
      resolve({ protocol: ws.protocol, out, bytes, closeCode: code });
    });
    ws.on('error', reject);
  });
}

test('v5: echo hello; exit 3 streams stdout then a Failure status with ExitCode 3', async () => {
  const r = await run(execUrl('shell', ['sh', '-c', 'echo hello; exit 3']), ['v5.channel.k8s.io']);
  assert.equal(r.protocol, 'v5.channel.k8s.io');
  assert.equal(r.out.get(1), 'hello\n');
  const status = JSON.parse(r.out.get(3)!);
  assert.equal(status.status, 'Failure');
  assert.deepEqual(status.details.causes, [{ reason: 'ExitCode', message: '3' }]);
  assert.equal(r.closeCode, 1000);
});

test('output and status wait for the runtime to start the process, so client-go has created its streams', async () => {
  let firstOutput = 0;
  // Counted from before the request: a lower bound that a slow machine only makes later.
  const requested = performance.now();
  const ws = new WebSocket(execUrl('shell', ['sh', '-c', 'echo fast; exit 2']), ['v5.channel.k8s.io']);
  ws.on('message', (data: Buffer) => {
    if (data.length > 1 && !firstOutput) firstOutput = performance.now();
  });
  await new Promise((resolve) => ws.on('close', resolve));
  assert.ok(firstOutput - requested >= RUNTIME_START_MS - 2, `first output ${(firstOutput - requested).toFixed(1)} ms after the request`);
});

test('v4: a successful command ends with a Success status', async () => {
  const r = await run(execUrl('shell', ['hostname']), ['v4.channel.k8s.io', 'v3.channel.k8s.io']);
  assert.equal(r.protocol, 'v4.channel.k8s.io');
  assert.equal(r.out.get(1), 'shell\n');
  assert.deepEqual(JSON.parse(r.out.get(3)!), { metadata: {}, status: 'Success' });
});

test('channel.k8s.io: failure is a plain text message on the error channel', async () => {
  const r = await run(execUrl('shell', ['sh', '-c', 'echo oops >&2; exit 2']), ['channel.k8s.io']);
  assert.equal(r.out.get(2), 'oops\n');
  assert.match(r.out.get(3)!, /^command terminated with non-zero exit code: .*exit code 2$/);
});

test('base64.channel.k8s.io carries stdout as base64 text frames', async () => {
  const r = await run(execUrl('shell', ['echo', 'hi there']), ['base64.channel.k8s.io']);
  assert.equal(r.protocol, 'base64.channel.k8s.io');
  assert.equal(r.out.get(1), 'hi there\n');
});

test('stdin closed with a v5 close frame ends a shell reading it', async () => {
  const r = await run(execUrl('shell', ['sh'], 'stdin=true&stdout=true&stderr=true'), ['v5.channel.k8s.io'], (ws) => {
    ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('echo from-stdin\nexit 4\n')]));
    ws.send(Buffer.from([255, 0]));
  });
  assert.equal(r.out.get(1), 'from-stdin\n');
  assert.deepEqual(JSON.parse(r.out.get(3)!).details.causes, [{ reason: 'ExitCode', message: '4' }]);
});

test('stdin is bytes: all 256 byte values sent in three frames come back from cat identical', async () => {
  const all = Buffer.from([...Array(256).keys()]);
  const r = await run(execUrl('shell', ['cat'], 'stdin=true&stdout=true&stderr=true'), ['v5.channel.k8s.io'], (ws) => {
    for (const part of [all.subarray(0, 100), all.subarray(100, 195), all.subarray(195)]) ws.send(Buffer.concat([Buffer.from([0]), part]));
    ws.send(Buffer.from([255, 0]));
  });
  assert.deepEqual(r.bytes.get(1), all);
  assert.equal(JSON.parse(r.out.get(3)!).status, 'Success');
});

test('a character split across two stdin frames reaches a text reader whole', async () => {
  // '€' is e2 82 ac in UTF-8: the first frame ends after e2 82.
  const euro = Buffer.from('h€llo\n');
  const r = await run(execUrl('shell', ['sh', '-c', 'read line; echo "${#line}:$line"'], 'stdin=true&stdout=true&stderr=true'), ['v5.channel.k8s.io'], (ws) => {
    ws.send(Buffer.concat([Buffer.from([0]), euro.subarray(0, 3)]));
    ws.send(Buffer.concat([Buffer.from([0]), euro.subarray(3)]));
    ws.send(Buffer.from([255, 0]));
  });
  assert.equal(r.out.get(1), '5:h€llo\n');
});

test('a tty session reports the resized terminal in stty size', async () => {
  const r = await run(execUrl('shell', ['sh'], 'stdin=true&stdout=true&tty=true'), ['v5.channel.k8s.io'], (ws) => {
    ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":132,')]));
    ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('"Height":50}')]));
    setTimeout(() => ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('stty size\rexit\r')])), 30);
  });
  assert.match(r.out.get(1)!, /^\/ # stty size\r\n50 132\r\n\/ # exit\r\n$/);
});

test('a tty exec starts its process with the first size the client sends, even one sent after the runtime is ready', async () => {
  // The size goes out well after the runtime's start delay: the process still waits for it
  // (up to a bound), as `stty size` run at once must not see the default 24x80.
  const r = await run(execUrl('shell', ['sh', '-c', 'stty size'], 'stdout=true&tty=true'), ['v5.channel.k8s.io'], (ws) => {
    setTimeout(() => ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":93,"Height":21}')])), RUNTIME_START_MS * 5);
  });
  assert.equal(r.out.get(1), '21 93\r\n');
});

test('bash in an image without bash fails as the runtime does', async () => {
  const r = await run(execUrl('shell', ['bash']), ['v5.channel.k8s.io']);
  const status = JSON.parse(r.out.get(3)!);
  assert.equal(status.reason, 'InternalError');
  assert.match(status.message, /OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown$/);
});

test('an unsupported protocol offer is refused with 403', async () => {
  const err = await new Promise<Error>((resolve) => {
    const ws = new WebSocket(execUrl('shell', ['true']), ['not.a.protocol']);
    ws.on('error', resolve);
  });
  assert.match(err.message, /403/);
});

test('closing the client ends the session and the count goes back to 0', async () => {
  const ws = new WebSocket(execUrl('deb', ['sh', '-c', 'sleep 100000'], 'stdin=true&stdout=true'), ['v5.channel.k8s.io']);
  await new Promise((resolve) => ws.once('message', resolve));
  assert.equal(f.kubelet.activeSessions(), 1);
  ws.terminate();
  await f.waitFor('no sessions', () => f.kubelet.activeSessions() === 0);
});

test('seq 1 2000000 arrives complete through the websocket', async () => {
  const r = await run(execUrl('deb', ['seq', '1', '2000000']), ['v5.channel.k8s.io']);
  const out = r.out.get(1)!;
  assert.equal(out.length, 14_888_896);
  assert.ok(out.endsWith('\n2000000\n'));
});
