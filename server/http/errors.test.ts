import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestHandler } from 'express';
import { createConsoleServer, type ConsoleServer } from '../app.ts';
import { createRegistry } from '../clusters/types.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';

let server: ConsoleServer;
let origin: string;
const logs: string[] = [];

/** Stands in for a router that passes an unexpected error on, as the actions router does with non-Status errors. */
const failing: RequestHandler = (req, _res, next) => {
  if (req.path === '/next-err') return next(new TypeError("Cannot read properties of undefined (reading 'spec')"));
  if (req.path === '/thrown') throw new Error('thrown in a handler');
  if (req.path === '/rejected') return Promise.reject(new Error('rejected in an async handler'));
  if (req.path === '/too-big') return next(Object.assign(new Error('body too big'), { status: 413 }));
  next();
};

test.before(async () => {
  const config = { ...loadConfig({ env: {}, argv: [] }), port: 0, distDir: '/nonexistent-dist' };
  const log = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  server = createConsoleServer({ config, clusters: createRegistry([], ''), log, spa: failing });
  const url = await server.listen(0, '127.0.0.1');
  origin = new URL(url).origin;
});
test.after(() => server.close());

type Entry = { level: string; msg: string; id: string; path: string; err: string; stack: string; status: number };

test('an unexpected error passed to next(err) is a 500 Status with no-store, logged with request id, path, message and stack', async () => {
  for (const [path, message] of [
    ['/next-err', "Cannot read properties of undefined (reading 'spec')"],
    ['/thrown', 'thrown in a handler'],
    ['/rejected', 'rejected in an async handler'],
  ]) {
    const res = await fetch(`${origin}${path}?token=secret`, { headers: { 'X-Request-Id': `trace${path.replace('/', '-')}` } });
    assert.equal(res.status, 500, path);
    assert.equal(res.headers.get('cache-control'), 'no-store', path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    const status = (await res.json()) as { kind: string; reason: string; code: number; message: string };
    assert.deepEqual([status.kind, status.reason, status.code], ['Status', 'InternalError', 500], path);
    assert.doesNotMatch(status.message, new RegExp(message.slice(0, 10)), `${path}: internals stay in the log`);

    const id = res.headers.get('x-request-id');
    const lines = logs.map((l) => JSON.parse(l) as Entry).filter((e) => e.level === 'error' && e.id === id);
    assert.equal(lines.length, 1, `${path}: one error line carries the id the client saw`);
    assert.equal(lines[0].msg, 'request failed');
    assert.equal(lines[0].path, path, 'the full path, without the query');
    assert.equal(lines[0].err, message);
    assert.equal(lines[0].status, 500);
    assert.match(lines[0].stack, /errors\.test\.ts:\d+/, `${path}: the stack points at the code`);
  }
  assert.ok(!logs.some((l) => l.includes('secret')));
});

test('an error carrying its own 4xx keeps it and its message, and is not logged as a failure', async () => {
  const res = await fetch(`${origin}/too-big`);
  assert.equal(res.status, 413);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const status = (await res.json()) as { reason: string; message: string };
  assert.deepEqual([status.reason, status.message], ['RequestEntityTooLarge', 'body too big']);
  assert.ok(!logs.some((l) => l.includes('body too big')));
});
