/** The channel client's framing, without a network: an in-memory socket records what is sent. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openExecChannel, type SocketLike } from './execChannel.ts';
import type { SessionEnd } from './sessionEnd.ts';

type Listener = (event: never) => void;

class MemorySocket implements SocketLike {
  binaryType = 'blob';
  protocol = '';
  readyState = 0;
  readonly sent: Uint8Array[] = [];
  closedWith?: number;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(readonly offered: string[]) {}

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  private emit(type: string, event: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l(event as never);
  }
  send(data: ArrayBufferView | ArrayBuffer): void {
    assert.equal(this.readyState, 1, 'sent only while open');
    const view = ArrayBuffer.isView(data) ? data : new Uint8Array(data);
    this.sent.push(new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength)));
  }
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 2;
  }
  open(protocol: string): void {
    this.protocol = protocol;
    this.readyState = 1;
    this.emit('open', {});
  }
  receive(channel: number, payload: Uint8Array | string): void {
    const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
    const msg = new Uint8Array(bytes.length + 1);
    msg[0] = channel;
    msg.set(bytes, 1);
    this.emit('message', { data: msg.buffer });
  }
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.emit('close', { code, reason });
  }
}

function harness(opts: { keepAliveMs?: number; size?: { cols: number; rows: number } } = {}) {
  let socket!: MemorySocket;
  const out: string[] = [];
  const ends: SessionEnd[] = [];
  const channel = openExecChannel({
    url: 'ws://x/exec',
    createSocket: (_url, protocols) => (socket = new MemorySocket(protocols)),
    keepAliveMs: opts.keepAliveMs ?? 0,
    size: opts.size,
    onOutput: (text, stream) => out.push(`${stream}:${text}`),
    onEnd: (e) => ends.push(e),
  });
  const sentText = () => socket.sent.map((b) => `${b[0]}:${new TextDecoder().decode(b.subarray(1))}`);
  return { channel, socket: () => socket, out, ends, sentText };
}

test('offers v5 then v4, sends the initial size first and then what was typed before the socket opened', () => {
  const h = harness({ size: { cols: 120, rows: 40 } });
  assert.deepEqual(h.socket().offered, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
  assert.equal(h.socket().binaryType, 'arraybuffer');
  h.channel.write('ls\r');
  assert.equal(h.socket().sent.length, 0);
  h.socket().open('v5.channel.k8s.io');
  assert.deepEqual(h.sentText(), ['4:{"Width":120,"Height":40}', '0:ls\r']);
});

test('a resize goes on channel 4 as Width/Height JSON, and the same size twice is sent once', () => {
  const h = harness({ size: { cols: 80, rows: 24 } });
  h.socket().open('v5.channel.k8s.io');
  h.channel.resize(100, 30);
  h.channel.resize(100, 30);
  h.channel.resize(0, 30);
  assert.deepEqual(h.sentText(), ['4:{"Width":80,"Height":24}', '4:{"Width":100,"Height":30}']);
});

test('a UTF-8 character split across two stdout frames arrives whole', () => {
  const h = harness();
  h.socket().open('v5.channel.k8s.io');
  const bytes = new TextEncoder().encode('héllo ✓');
  h.socket().receive(1, bytes.subarray(0, 2));
  h.socket().receive(1, bytes.subarray(2, 9));
  h.socket().receive(1, bytes.subarray(9));
  h.socket().receive(2, 'oops');
  assert.equal(h.out.filter((o) => o.startsWith('stdout:')).map((o) => o.slice(7)).join(''), 'héllo ✓');
  assert.ok(h.out.includes('stderr:oops'));
});

test('exit 3 reported on channel 3 ends the session as "exited with code 3"', () => {
  const h = harness();
  h.socket().open('v4.channel.k8s.io');
  h.socket().receive(3, '{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}');
  h.socket().serverClose(1000);
  assert.deepEqual(h.ends, [{ kind: 'exited', code: 3 }]);
});

test('Success is exit code 0; another Failure keeps its message', () => {
  const ok = harness();
  ok.socket().open('v5.channel.k8s.io');
  ok.socket().receive(3, '{"metadata":{},"status":"Success"}');
  ok.socket().serverClose(1000);
  assert.deepEqual(ok.ends, [{ kind: 'exited', code: 0 }]);

  const bad = harness();
  bad.socket().open('v5.channel.k8s.io');
  bad.socket().receive(3, '{"metadata":{},"status":"Failure","message":"Internal error occurred: exec: \\"bash\\": executable file not found in $PATH","reason":"InternalError"}');
  bad.socket().serverClose(1000);
  assert.equal(bad.ends[0].kind, 'failed');
  assert.match((bad.ends[0] as { message: string }).message, /executable file not found/);
});

test('a connection lost without a status is "dropped" with its close code', () => {
  const h = harness();
  h.socket().open('v5.channel.k8s.io');
  h.socket().serverClose(1006);
  assert.deepEqual(h.ends, [{ kind: 'dropped', code: 1006, reason: '', opened: true }]);
});

test('closing on v5 sends stdin close [255, 0] then a close frame 1000; on v4 only the close frame', () => {
  const v5 = harness();
  v5.socket().open('v5.channel.k8s.io');
  v5.channel.close();
  assert.deepEqual([...v5.socket().sent.at(-1)!], [255, 0]);
  assert.equal(v5.socket().closedWith, 1000);
  v5.socket().serverClose(1000);
  assert.deepEqual(v5.ends, [{ kind: 'closed' }]);

  // The shell exits 0 on the EOF we sent, and its status may beat the close handshake: still "closed".
  const raced = harness();
  raced.socket().open('v5.channel.k8s.io');
  raced.channel.close();
  raced.socket().receive(3, '{"metadata":{},"status":"Success"}');
  raced.socket().serverClose(1000);
  assert.deepEqual(raced.ends, [{ kind: 'closed' }]);

  const v4 = harness();
  v4.socket().open('v4.channel.k8s.io');
  v4.channel.close();
  assert.equal(v4.socket().sent.length, 0);
  assert.equal(v4.socket().closedWith, 1000);
});

test('keep-alive sends empty messages (no channel byte, nothing reaches the process) while open', async () => {
  const h = harness({ keepAliveMs: 20 });
  h.socket().open('v5.channel.k8s.io');
  for (let i = 0; i < 200 && h.socket().sent.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  const count = h.socket().sent.length;
  assert.ok(count >= 2, `expected keep-alives, got ${count}`);
  assert.ok(h.socket().sent.every((b) => b.length === 0));
  h.socket().serverClose(1000);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(h.socket().sent.length, count, 'no keep-alive after the end');
});
