/**
 * Terminals through Debian's nginx running the shipped deploy/nginx/nginx.conf in front of two
 * console replicas (ip_hash) under /console/, with proxy_read_timeout shortened to 3 s: the
 * client's keep-alive holds an idle shell open far past it, while a session without keep-alive
 * is cut — so the timeout is real and the keep-alive is what saves the session.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl } from '../../server/testing/consoleFixture.ts';
import { terminalArgv } from '../src/features/terminal/shellCommand.ts';
import { streamPath } from '../src/features/terminal/streamUrl.ts';
import { recordSession } from './terminalSession.ts';
import { eventually } from './harness.ts';
import { runningSeedPod, startTerminalStack, type TerminalStack } from './terminalStack.ts';

const READ_TIMEOUT_S = 3;

let stack: TerminalStack;
let frontend: { pod: string; container: string };

before(async () => {
  stack = await startTerminalStack({ replicas: 2, nginx: true, nginxReadTimeout: `${READ_TIMEOUT_S}s` });
  frontend = await runningSeedPod(stack.apiRoot, 'shop', 'frontend');
});
after(() => stack?.close());

const shellUrl = () => `${stack.apiRoot.replace(/^http/, 'ws')}/${streamPath({ kind: 'exec', context: 'demo', namespace: 'shop', ...frontend, argv: terminalArgv(undefined) })}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('through nginx under /console/ a shell opens with v5, echoes hello and exits with code 3', async () => {
  assert.match(stack.url, /\/console\/$/);
  const s = recordSession(shellUrl(), { size: { cols: 90, rows: 20 } });
  assert.equal(await s.opened, 'v5.channel.k8s.io');
  await s.waitFor(/# $/);
  s.channel.write('echo hello; stty size\r');
  await s.waitFor(/\r\nhello\r\n20 90\r\n/);
  s.channel.write('exit 3\r');
  assert.deepEqual(await s.ended, { kind: 'exited', code: 3 });
  await eventually('nothing left open', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
});

test(`an idle shell with keep-alive outlives nginx's ${READ_TIMEOUT_S} s proxy_read_timeout several times; one without is cut`, async () => {
  const kept = recordSession(shellUrl(), { keepAliveMs: 1_000 });
  const bare = recordSession(shellUrl(), { keepAliveMs: 0 });
  let bareQuietFrom = Date.now();
  bare.onChunk = () => (bareQuietFrom = Date.now());
  await kept.waitFor(/# $/);
  await bare.waitFor(/# $/);
  const quietFrom = Date.now();
  const bareEnd = await bare.ended;
  assert.equal(bareEnd.kind, 'dropped', 'nginx cut the session that sent nothing');
  // A lower bound only (a busy machine makes the cut later, never sooner): it was nginx's
  // read timeout that cut it, counted from the last byte, not anything before.
  const cutAfter = (Date.now() - bareQuietFrom) / 1000;
  assert.ok(cutAfter >= READ_TIMEOUT_S - 0.5, `cut after ${cutAfter} s`);

  await sleep(READ_TIMEOUT_S * 3 * 1000 - (Date.now() - quietFrom));
  assert.equal(kept.channel.state, 'open');
  kept.channel.write('echo still-alive\r');
  await kept.waitFor(/\r\nstill-alive\r\n/);
  kept.channel.close();
  assert.deepEqual(await kept.ended, { kind: 'closed' });
  await eventually('nothing left open', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
});

test('kubectl 1.32 exec through nginx exits with the command\'s code, and ip_hash keeps a client on one replica', async () => {
  const server = stack.apiRoot;
  const r = await kubectl(['--server', server, '-n', 'shop', 'exec', frontend.pod, '--', 'sh', '-c', 'echo hi; exit 3']);
  assert.equal(r.code, 3, r.stderr);
  assert.equal(r.stdout, 'hi\n');
  await eventually('kubectl session closed', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
  // The console logs an upgrade when its socket closes.
  const execsPerReplica = stack.replicas.map((c) => c.logs.filter((l) => l.includes('"upgrade":true') && l.includes('/exec')).length);
  // Every client here is 127.0.0.1: ip_hash sends all of them to the same replica.
  assert.equal(execsPerReplica.filter((n) => n > 0).length, 1, `exec upgrades per replica: ${execsPerReplica}`);
});
