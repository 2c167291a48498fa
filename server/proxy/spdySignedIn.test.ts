/**
 * SPDY upgrades act as the signed-in user (token sign-in against the demo cluster over TLS): the
 * user allowed pods/exec gets a 101, the one who is not gets the API server's 403, nobody signed
 * in gets the console's 401 — the proxy resolves the context per user, as for websockets — and
 * the audit line names the user.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { loadKubeconfig } from '../clusters/kubeconfig.ts';
import { rawRequest, signInWithToken, startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import { eventually } from '../testing/eventually.ts';
import { demoClusterForKubectl } from '../testing/kubectl.ts';
import { rawUpgradeClient } from '../testing/rawUpgradeClient.ts';

const k = demoClusterForKubectl({ tls: true });
const auth = { mode: 'token' as const, sessionKeys: [randomBytes(36).toString('base64')], sessionTtlMs: 3_600_000 };
let c: RunningConsole;
const tokens: Record<string, string> = {};

async function kubectlOk(args: string[]): Promise<string> {
  const r = await k.kubectl(args);
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

before(async () => {
  await k.ready();
  await kubectlOk(['create', 'namespace', 'team-b']);
  for (const sa of ['editor', 'viewer']) await kubectlOk(['-n', 'team-b', 'create', 'serviceaccount', sa]);
  await kubectlOk(['-n', 'team-b', 'create', 'role', 'execer', '--verb=get,create', '--resource=pods,pods/exec']);
  await kubectlOk(['-n', 'team-b', 'create', 'rolebinding', 'editor-execs', '--role=execer', '--serviceaccount=team-b:editor']);
  await kubectlOk(['-n', 'team-b', 'run', 'shell', '--image=busybox:1.36', '--restart=Never', '--', 'sleep', 'infinity']);
  await kubectlOk(['-n', 'team-b', 'wait', '--for=condition=Ready', 'pod/shell', '--timeout=60s']);
  for (const sa of ['editor', 'viewer']) tokens[sa] = (await kubectlOk(['-n', 'team-b', 'create', 'token', sa])).trim();
  c = await startConsole(loadKubeconfig([k.kubeconfig]).contexts, { auth });
});
after(async () => {
  await c?.close();
});

const signIn = (token: string) => signInWithToken(c, token);

const EXEC = '/k8s/demo/api/v1/namespaces/team-b/pods/shell/exec?command=true&stdout=true';
const spdy = (cookie?: string) =>
  `POST ${EXEC} HTTP/1.1\r\nHost: 127.0.0.1:${c.port}\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n` + (cookie ? `Cookie: ${cookie}\r\n` : '') + '\r\n';

test('a SPDY exec acts as the signed-in user: allowed for one, the API server refuses the other, 401 without a session', async () => {
  const editor = rawUpgradeClient(c.port, spdy(await signIn(tokens.editor)));
  assert.match(await editor.head(), /^HTTP\/1\.1 101 /);
  editor.socket.destroy();

  const viewer = rawUpgradeClient(c.port, spdy(await signIn(tokens.viewer)));
  const refused = await viewer.head();
  assert.match(refused, /^HTTP\/1\.1 403 /);
  assert.match(refused, /\r\nCache-Control: no-store/i);
  viewer.socket.destroy();

  const nobody = await rawRequest(c.port, EXEC, { method: 'POST', headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' } });
  assert.equal(nobody.status, 401);

  const audit = () => c.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'audit' && l.verb === 'exec');
  await eventually(() => audit().length >= 2, 'both execs audited');
  assert.deepEqual(
    audit()
      .map((l) => `${String(l.user)} ${String(l.status)}`)
      .sort(),
    ['system:serviceaccount:team-b:editor 101', 'system:serviceaccount:team-b:viewer 403'],
  );
});
