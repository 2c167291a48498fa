import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster } from './sim/index.ts';
import { execOverWebSocket, kubectl, openWebSocket, runningPod } from './testing/consoleFixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'main-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function runConsole(env: Record<string, string>): { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, HOME: dir, PORT: '0', LOG_LEVEL: 'info', KUBECONFIG: '', CONSOLE_DEMO: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c));
  child.stderr!.on('data', (c: Buffer) => (err += c));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the URL from the "console listening" log line. */
async function listeningUrl(run: ReturnType<typeof runConsole>): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const line = run.stdout().split('\n').find((l) => l.includes('"console listening"'));
    if (line) return (JSON.parse(line) as { url: string }).url;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`console did not start: ${run.stderr()}`);
}

test('a malformed kubeconfig stops the console with one line naming the file and the field', async () => {
  const bad = join(dir, 'bad-config');
  writeFileSync(bad, 'apiVersion: v1\nclusters:\n- name: prod\n  cluster:\n    certificate-authority-data: AAAA\ncontexts:\n- name: prod\n  context: {cluster: prod}\n');
  const run = runConsole({ KUBECONFIG: bad });
  assert.equal(await run.exited, 1);
  const lines = run.stderr().trim().split('\n');
  assert.equal(lines.length, 1, run.stderr());
  assert.match(lines[0], new RegExp(`kubeconfig ${bad}: clusters\\[0\\] \\(prod\\)\\.cluster\\.server: is missing`));
  assert.doesNotMatch(run.stderr(), /\n\s+at /);
});

test('SIGTERM closes live websockets with 1001 and exits 0', async () => {
  const run = runConsole({ CONSOLE_DEMO: '1', DEMO_SPEED: '20' });
  try {
    const url = await listeningUrl(run);
    const { ws, status } = await openWebSocket(`${url.replace('http', 'ws')}api/live`);
    assert.equal(status, 101);
    const closed = new Promise<number>((r) => ws!.once('close', (code) => r(code)));
    run.child.kill('SIGTERM');
    assert.equal(await closed, 1001);
    assert.equal(await run.exited, 0);
  } finally {
    run.child.kill('SIGKILL');
  }
});

test('an exec websocket as the very first request after start-up succeeds, so does kubectl exec, and SIGTERM closes a running terminal with 1001', async () => {
  const kubeconfig = join(dir, 'demo-kubeconfig');
  const cluster = await startDemoCluster({ speed: 20, writeKubeconfig: kubeconfig });
  await runningPod(cluster.url, 'first-shell');
  const run = runConsole({ KUBECONFIG: kubeconfig });
  try {
    const url = await listeningUrl(run);
    const ws = url.replace('http', 'ws');
    const first = await execOverWebSocket(`${ws}k8s/demo/api/v1/namespaces/default/pods/first-shell/exec?command=echo&command=hi&container=main&stdout=true&stderr=true`);
    assert.equal(first.protocol, 'v5.channel.k8s.io');
    assert.equal(first.stdout, 'hi\n');
    assert.match(first.status, /"status":"Success"/);
    const r = await kubectl(['--server', `${url}k8s/demo`, 'exec', 'first-shell', '--', 'echo', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'hi\n');
    const exit3 = await kubectl(['--server', `${url}k8s/demo`, 'exec', 'first-shell', '--', 'sh', '-c', 'exit 3']);
    assert.equal(exit3.code, 3, exit3.stderr);

    const terminal = await openWebSocket(`${ws}k8s/demo/api/v1/namespaces/default/pods/first-shell/exec?command=sh&container=main&stdin=true&stdout=true&tty=true`, {
      protocols: ['v5.channel.k8s.io'],
    });
    assert.equal(terminal.status, 101);
    const closed = new Promise<number>((r) => terminal.ws!.once('close', (code) => r(code)));
    run.child.kill('SIGTERM');
    assert.equal(await closed, 1001, 'going away, not a dropped connection (1006)');
    assert.equal(await run.exited, 0);
  } finally {
    run.child.kill('SIGTERM');
    await run.exited;
    await cluster.close();
  }
});
