/**
 * The terminal's exec channel client through the console's proxy to the demo cluster, over
 * real HTTP and websockets: shells, resize, exit codes, v4-only servers' clients, kubectl,
 * and no session or socket left behind.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, runningPod } from '../../server/testing/consoleFixture.ts';
import { terminalArgv } from '../src/features/terminal/shellCommand.ts';
import { streamPath, type StreamRequest } from '../src/features/terminal/streamUrl.ts';
import { recordSession } from './terminalSession.ts';
import { eventually } from './harness.ts';
import { runningSeedPod, startTerminalStack, type TerminalStack } from './terminalStack.ts';

let stack: TerminalStack;
let frontend: { pod: string; container: string };

before(async () => {
  stack = await startTerminalStack();
  frontend = await runningSeedPod(stack.apiRoot, 'shop', 'frontend');
  await runningPod(stack.apiRoot, 'busybox-only-sh');
});
after(() => stack?.close());

type Target = { namespace: string; pod: string; container: string } & ({ kind: 'exec'; argv: readonly string[] } | { kind: 'attach' });
const socketUrl = (r: Target) => `${stack.apiRoot.replace(/^http/, 'ws')}/${streamPath({ ...r, context: 'demo' } as StreamRequest)}`;
const frontendShell = (command?: string) => socketUrl({ kind: 'exec', namespace: 'shop', ...frontend, argv: terminalArgv(command) });

function execUpgrades(): string[] {
  return stack.replicas[0].logs.filter((l) => l.includes('"upgrade":true') && l.includes('/exec'));
}

test('a shell on a shop frontend pod echoes hello, reports its resized tty and exits with code 3', async () => {
  const s = recordSession(frontendShell(), { size: { cols: 100, rows: 30 } });
  assert.equal(await s.opened, 'v5.channel.k8s.io');
  await s.waitFor(/# $/);
  s.channel.write('echo hello\r');
  await s.waitFor(/\r\nhello\r\n/);
  s.channel.write('stty size\r');
  await s.waitFor(/\r\n30 100\r\n/);
  s.channel.resize(132, 43);
  s.channel.write('stty size\r');
  await s.waitFor(/\r\n43 132\r\n/);
  s.channel.write('exit 3\r');
  assert.deepEqual(await s.ended, { kind: 'exited', code: 3 });
  await eventually('no exec session and no proxied socket', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
});

test('the default command picks bash where the image has it, and sh in a busybox image, each with a single exec request', async () => {
  const before = execUpgrades().length;
  const bash = recordSession(frontendShell());
  await bash.waitFor(/# $/);
  bash.channel.write('echo "shell=$0"\r');
  await bash.waitFor(/shell=bash/);
  bash.channel.close();
  assert.deepEqual(await bash.ended, { kind: 'closed' });

  const sh = recordSession(socketUrl({ kind: 'exec', namespace: 'default', pod: 'busybox-only-sh', container: 'main', argv: terminalArgv(undefined) }));
  await sh.waitFor(/\/ # $/);
  sh.channel.write('echo "shell=$0"\r');
  await sh.waitFor(/shell=sh\r\n/);
  assert.doesNotMatch(sh.output(), /not found/);
  sh.channel.close();
  await sh.ended;
  assert.equal(execUpgrades().length - before, 2, 'one exec request per terminal, no probing');
});

test('a user-chosen command runs as given and a missing program is reported as the API server words it', async () => {
  const ok = recordSession(frontendShell(`sh -c 'echo "picked by the user"; exit 0'`));
  assert.deepEqual(await ok.ended, { kind: 'exited', code: 0 });
  assert.match(ok.output(), /picked by the user/);

  const missing = recordSession(socketUrl({ kind: 'exec', namespace: 'default', pod: 'busybox-only-sh', container: 'main', argv: ['bash'] }));
  const end = await missing.ended;
  assert.equal(end.kind, 'failed');
  assert.match((end as { message: string }).message, /executable file not found in \$PATH/);
  await eventually('both sessions closed', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
});

test('a client that offers only v4.channel.k8s.io gets v4, its exit code, and no stdin-close frame', async () => {
  const s = recordSession(frontendShell(), { protocols: ['v4.channel.k8s.io'] });
  assert.equal(await s.opened, 'v4.channel.k8s.io');
  await s.waitFor(/# $/);
  s.channel.write('printf "%s-%s\\n" v4 ok; exit 7\r');
  await s.waitFor(/v4-ok/);
  assert.deepEqual(await s.ended, { kind: 'exited', code: 7 });
  await eventually('the v4 session closed', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
});

test('closing the terminal ends the shell in the pod: no exec session in the kubelet, no socket in the console', async () => {
  const sessions = [recordSession(frontendShell()), recordSession(frontendShell()), recordSession(frontendShell())];
  await Promise.all(sessions.map((s) => s.waitFor(/# $/)));
  await eventually('three sessions open', () => stack.execSessions() === 3 && stack.proxySockets() === 3);
  for (const s of sessions) s.channel.close();
  for (const s of sessions) assert.deepEqual(await s.ended, { kind: 'closed' });
  await eventually('every session closed', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
});

test('attach joins the main process of a container that has stdin', async () => {
  const created = await fetch(`${stack.apiRoot}/api/v1/namespaces/default/pods`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'toolbox', namespace: 'default' },
      spec: { nodeName: 'node-a', containers: [{ name: 'box', image: 'busybox:1.36', stdin: true, tty: true }] },
    }),
  });
  assert.equal(created.status, 201);
  await eventually('toolbox running', () => stack.cluster.store.get('pods', 'default', 'toolbox')?.status?.phase === 'Running', 20_000);
  const s = recordSession(socketUrl({ kind: 'attach', namespace: 'default', pod: 'toolbox', container: 'box' }));
  await s.opened;
  s.channel.write('hostname\r');
  await s.waitFor(/\r\ntoolbox\r\n/);
  s.channel.close();
  await s.ended;
  await eventually('attach session closed', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
});

test('kubectl 1.32 exec through the console proxy speaks v5 and exits with the command\'s code', async () => {
  const server = stack.apiRoot;
  const oneShot = await kubectl(['--server', server, '-n', 'shop', 'exec', frontend.pod, '--', 'sh', '-c', 'echo hi; exit 3']);
  assert.equal(oneShot.code, 3, oneShot.stderr);
  assert.equal(oneShot.stdout, 'hi\n');
  assert.match(oneShot.stderr, /command terminated with exit code 3/);

  const interactive = await kubectl(['--server', server, '-n', 'shop', 'exec', '-i', frontend.pod, '--', 'sh'], { input: 'echo from-stdin\nexit 5\n' });
  assert.equal(interactive.code, 5, interactive.stderr);
  assert.equal(interactive.stdout, 'from-stdin\n');
  await eventually('kubectl sessions closed', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
});
