import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startConsole, type RunningConsole } from '../testing/consoleFixture.ts';

let consoleUnderTest: RunningConsole;

test.before(async () => {
  consoleUnderTest = await startConsole([]);
});
test.after(() => consoleUnderTest.close());

/** Writes raw bytes and reads until the console closes the connection. */
function rawExchange(bytes: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(consoleUnderTest.port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (received += c));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, body] = received.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

function assertConsoleAnswer(r: Awaited<ReturnType<typeof rawExchange>>, code: number): void {
  assert.equal(r.status, code);
  assert.equal(r.headers['cache-control'], 'no-store');
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['x-frame-options'], 'DENY');
  assert.match(r.headers['content-security-policy'] ?? '', /default-src 'self'/);
  assert.equal(r.headers['content-type'], 'application/json');
  assert.equal(Number(r.headers['content-length']), Buffer.byteLength(r.body));
  const status = JSON.parse(r.body) as { kind: string; status: string; code: number };
  assert.deepEqual([status.kind, status.status, status.code], ['Status', 'Failure', code]);
}

test('a malformed request line is answered 400 with a Status, no-store and the security headers', async () => {
  const r = await rawExchange('THIS IS NOT HTTP\r\n\r\n');
  assertConsoleAnswer(r, 400);
  assert.equal((JSON.parse(r.body) as { reason: string }).reason, 'BadRequest');
});

test('oversized request headers are answered 431 with a Status, no-store and the security headers', async () => {
  const r = await rawExchange(`GET /api/contexts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
  assertConsoleAnswer(r, 431);
  assert.match((JSON.parse(r.body) as { message: string }).message, /headers are too large/);
});
