/**
 * Token sign-in against the demo cluster over TLS, as in a pod: service-account tokens issued
 * by the cluster (kubectl create token) sign in; each user then acts with their own RBAC, side
 * by side in one console; writes and execs are audited by name and never with a credential; a
 * revoked token ends the session.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { loadKubeconfig } from '../kubeconfig.ts';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { cookiesFrom, openWebSocket, signInWithToken, startConsole, type RunningConsole } from '../../testing/consoleFixture.ts';
import { eventually } from '../../testing/eventually.ts';
import { startLocalNginx } from '../../../deploy/nginx/localNginx.ts';
import type { ClusterContext } from '../types.ts';

const k = demoClusterForKubectl({ tls: true });
const SESSION_KEY = randomBytes(36).toString('base64');
const auth = { mode: 'token' as const, sessionKeys: [SESSION_KEY], sessionTtlMs: 3_600_000 };

let contexts: ClusterContext[];
let c: RunningConsole;
const tokens: Record<string, string> = {};

async function kubectlOk(args: string[], input?: string): Promise<string> {
  const r = await k.kubectl(args, { input });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

before(async () => {
  await k.ready();
  for (const ns of ['team-a', 'team-b']) await kubectlOk(['create', 'namespace', ns]);
  await kubectlOk(['-n', 'team-a', 'create', 'serviceaccount', 'viewer']);
  await kubectlOk(['-n', 'team-b', 'create', 'serviceaccount', 'editor']);
  await kubectlOk(['-n', 'team-b', 'create', 'serviceaccount', 'leaver']);
  await kubectlOk(['-n', 'team-a', 'create', 'role', 'reader', '--verb=get,list,watch', '--resource=configmaps,pods']);
  await kubectlOk(['-n', 'team-a', 'create', 'rolebinding', 'viewer-reads', '--role=reader', '--serviceaccount=team-a:viewer']);
  await kubectlOk(['-n', 'team-b', 'create', 'role', 'writer', '--verb=get,list,watch,create,update,patch,delete', '--resource=configmaps,pods,pods/exec']);
  await kubectlOk(['-n', 'team-b', 'create', 'rolebinding', 'editor-writes', '--role=writer', '--serviceaccount=team-b:editor', '--serviceaccount=team-b:leaver']);
  await kubectlOk(['-n', 'team-a', 'create', 'configmap', 'a-settings', '--from-literal=k=v']);
  await kubectlOk(['-n', 'team-b', 'create', 'configmap', 'b-settings', '--from-literal=k=v']);
  tokens.viewer = (await kubectlOk(['-n', 'team-a', 'create', 'token', 'viewer'])).trim();
  tokens.editor = (await kubectlOk(['-n', 'team-b', 'create', 'token', 'editor'])).trim();
  tokens.leaver = (await kubectlOk(['-n', 'team-b', 'create', 'token', 'leaver'])).trim();
  contexts = loadKubeconfig([k.kubeconfig]).contexts;
  c = await startConsole(contexts, { auth });
});

after(async () => {
  await c?.close();
});

const sameOrigin = () => ({ Origin: c.origin });

const signIn = (token: string, on: RunningConsole = c) => signInWithToken(on, token);

const get = (path: string, cookie: string, on: RunningConsole = c) => fetch(`${on.url}${path}`, { headers: { Cookie: cookie } });

test('a token the cluster issued signs in: the cookie is HttpOnly and SameSite=Strict, and the token never comes back', async () => {
  const res = await fetch(`${c.url}auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...sameOrigin() }, body: JSON.stringify({ token: tokens.viewer }) });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = JSON.parse(text) as { mode: string; signedIn: boolean; user: { name: string; groups: string[] }; context: string };
  assert.deepEqual([body.mode, body.signedIn, body.user.name, body.context], ['token', true, 'system:serviceaccount:team-a:viewer', 'demo']);
  assert.ok(body.user.groups.includes('system:serviceaccounts:team-a'), `groups: ${body.user.groups.join(', ')}`);
  const [cookie] = res.headers.getSetCookie();
  assert.match(cookie, /^console_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  const all = text + JSON.stringify([...res.headers]);
  assert.ok(!all.includes(tokens.viewer) && !all.includes(tokens.viewer.split('.')[1]), 'the token is not echoed, whole or in part');

  const session = await get('auth/session', cookie.split(';')[0]);
  const info = (await session.json()) as { signedIn: boolean; user: { name: string } };
  assert.deepEqual([info.signedIn, info.user.name], [true, 'system:serviceaccount:team-a:viewer']);
});

test('each user acts as themselves, side by side: the viewer reads team-a only, the editor team-b only', async () => {
  const viewer = await signIn(tokens.viewer);
  const editor = await signIn(tokens.editor);
  const names = async (res: Response) => ((await res.json()) as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name);

  const aAsViewer = await get('k8s/demo/api/v1/namespaces/team-a/configmaps', viewer);
  assert.equal(aAsViewer.status, 200);
  assert.ok((await names(aAsViewer)).includes('a-settings'));
  const bAsEditor = await get('k8s/demo/api/v1/namespaces/team-b/configmaps', editor);
  assert.equal(bAsEditor.status, 200);
  assert.ok((await names(bAsEditor)).includes('b-settings'));

  const bAsViewer = await get('k8s/demo/api/v1/namespaces/team-b/configmaps', viewer);
  assert.equal(bAsViewer.status, 403);
  const refusal = (await bAsViewer.json()) as { reason: string; message: string };
  assert.equal(refusal.reason, 'Forbidden');
  assert.match(refusal.message, /system:serviceaccount:team-a:viewer.*cannot list resource "configmaps".*team-b/);
  assert.equal((await get('k8s/demo/api/v1/namespaces/team-a/configmaps', editor)).status, 403);
  // The admin's client certificate in the console's kubeconfig is never used for a signed-in user.
  assert.equal((await get('k8s/demo/api/v1/secrets', viewer)).status, 403);

  const contextsRes = await get('api/contexts', viewer);
  assert.deepEqual(((await contextsRes.json()) as { name: string }[]).map((x) => x.name), ['demo']);
  const canI = await fetch(`${c.url}api/contexts/demo/can-i`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: viewer, ...sameOrigin() }, body: JSON.stringify({ verb: 'delete', resource: 'configmaps', namespace: 'team-a' }) });
  if (canI.status !== 404) assert.equal(((await canI.json()) as { allowed: boolean }).allowed, false, 'can-i answers for the viewer, not for the console');
});

test('writes and execs are audited with the user and outcome, and no log line holds a token or the cookie', async () => {
  const editor = await signIn(tokens.editor);
  const viewer = await signIn(tokens.viewer);
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'audited' }, data: { a: '1' } };
  const created = await fetch(`${c.url}k8s/demo/api/v1/namespaces/team-b/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: editor, ...sameOrigin() }, body: JSON.stringify(cm) });
  assert.equal(created.status, 201, await created.text());
  const refused = await fetch(`${c.url}k8s/demo/api/v1/namespaces/team-a/configmaps/a-settings`, { method: 'DELETE', headers: { Cookie: viewer, ...sameOrigin() } });
  assert.equal(refused.status, 403);
  assert.equal((await kubectlOk(['-n', 'team-a', 'get', 'configmap', 'a-settings', '-o', 'name'])).trim(), 'configmap/a-settings', 'the refused delete changed nothing');

  await kubectlOk(['-n', 'team-b', 'run', 'shell', '--image=busybox:1.36', '--restart=Never', '--', 'sleep', 'infinity']);
  await kubectlOk(['-n', 'team-b', 'wait', '--for=condition=Ready', 'pod/shell', '--timeout=60s']);
  const exec = await openWebSocket(`ws://127.0.0.1:${c.port}/k8s/demo/api/v1/namespaces/team-b/pods/shell/exec?command=echo&command=audited&stdout=true`, { protocols: ['v5.channel.k8s.io'], headers: { Cookie: editor } });
  assert.equal(exec.status, 101, exec.body);
  await new Promise((r) => exec.ws?.once('close', r));

  const audit = () => c.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'audit');
  const line = await eventually(() => audit().find((l) => l.verb === 'exec'), 'the exec is audited');
  assert.deepEqual([line.user, line.command], ['system:serviceaccount:team-b:editor', ['echo', 'audited']]);
  const write = audit().find((l) => l.verb === 'create' && String(l.path).endsWith('/team-b/configmaps'));
  assert.deepEqual([write?.user, write?.status], ['system:serviceaccount:team-b:editor', 201]);
  assert.ok((write?.groups as string[]).includes('system:serviceaccounts:team-b'));
  const denied = audit().find((l) => l.verb === 'delete' && String(l.path).endsWith('/a-settings'));
  assert.deepEqual([denied?.user, denied?.status], ['system:serviceaccount:team-a:viewer', 403]);

  const logs = c.logs.join('\n');
  for (const secret of [tokens.viewer, tokens.editor, tokens.viewer.split('.')[2], editor.split('=')[1], viewer.split('=')[1]]) {
    assert.ok(!logs.includes(secret), 'no credential or session cookie in the logs');
  }
});

test('a token the cluster rejects, or a body that is no token, is refused with a Status and sets no cookie', async () => {
  const attempts: [unknown, number][] = [
    [{ token: 'not-a-token' }, 401],
    [{ token: `${tokens.viewer.slice(0, -4)}AAAA` }, 401],
    [{ token: '' }, 400],
    [{ token: '.' }, 401],
    [{ token: '..' }, 401],
    [{ token: 1e308 }, 400],
    [{ token: ['a'] }, 400],
    [{ token: 'x'.repeat(20_000) }, 400],
    [{ token: 'a\u0000b' }, 400],
    [{}, 400],
    [[], 400],
    ['token', 400],
  ];
  for (const [body, code] of attempts) {
    const res = await fetch(`${c.url}auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...sameOrigin() }, body: JSON.stringify(body) });
    const status = (await res.json()) as { kind: string; code: number };
    assert.deepEqual([res.status, status.kind, status.code], [code, 'Status', code], `${JSON.stringify(body).slice(0, 40)}`);
    assert.deepEqual(res.headers.getSetCookie(), []);
  }
  const empty = await fetch(`${c.url}auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...sameOrigin() } });
  assert.equal(empty.status, 400);
  const form = await fetch(`${c.url}auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...sameOrigin() }, body: `token=${tokens.viewer}` });
  assert.equal(form.status, 415, 'a cross-site form cannot sign anyone in');
  const foreign = await fetch(`${c.url}auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' }, body: JSON.stringify({ token: tokens.viewer }) });
  assert.equal(foreign.status, 403);
});

test('deleting the service account revokes its token: the next request is a 401 and the session is over', async () => {
  const leaver = await signIn(tokens.leaver);
  assert.equal((await get('k8s/demo/api/v1/namespaces/team-b/configmaps', leaver)).status, 200);
  await kubectlOk(['-n', 'team-b', 'delete', 'serviceaccount', 'leaver']);
  const after = await get('k8s/demo/api/v1/namespaces/team-b/configmaps', leaver);
  assert.equal(after.status, 401);
  assert.equal(((await after.json()) as { reason: string }).reason, 'Unauthorized');
  assert.equal(after.headers.get('cache-control'), 'no-store');
});

test('sign-out clears the cookie, and a session sealed with another key is not accepted', async () => {
  const viewer = await signIn(tokens.viewer);
  const out = await fetch(`${c.url}auth/logout`, { method: 'POST', headers: { Cookie: viewer, ...sameOrigin() } });
  assert.equal(out.status, 204);
  assert.ok(out.headers.getSetCookie().some((v) => /^console_session=; .*Max-Age=0/.test(v)));

  const other = await startConsole(contexts, { auth: { ...auth, sessionKeys: [randomBytes(36).toString('base64')] } });
  try {
    const res = await get('api/contexts', viewer, other);
    assert.equal(res.status, 401);
    const status = (await res.json()) as { details: { causes: { reason: string }[] } };
    assert.equal(status.details.causes[0].reason, 'SessionExpired');
  } finally {
    await other.close();
  }
});

test('two replicas behind the shipped nginx share sessions: signed in through one, signed in on the other', async () => {
  const replicas = [await startConsole(contexts, { auth, basePath: '/console/' }), await startConsole(contexts, { auth, basePath: '/console/' })];
  const nginx = await startLocalNginx(replicas.map((r) => r.port));
  try {
    const res = await fetch(`${nginx.base}auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${nginx.port}` }, body: JSON.stringify({ token: tokens.editor }) });
    assert.equal(res.status, 200, await res.clone().text());
    const cookie = cookiesFrom(res);
    assert.match(res.headers.getSetCookie()[0], /Path=\/console\//);
    for (const r of replicas) {
      const session = (await (await get('auth/session', cookie, r)).json()) as { signedIn: boolean; user: { name: string } };
      assert.deepEqual([session.signedIn, session.user.name], [true, 'system:serviceaccount:team-b:editor'], `replica on ${r.port}`);
      assert.equal((await get('k8s/demo/api/v1/namespaces/team-b/configmaps', cookie, r)).status, 200);
    }
    const through = await fetch(`${nginx.base}k8s/demo/api/v1/namespaces/team-b/configmaps`, { headers: { Cookie: cookie } });
    assert.equal(through.status, 200);
  } finally {
    await nginx.stop();
    await Promise.all(replicas.map((r) => r.close()));
  }
});

/** Subscribes on the live channel as the cookie's user; resolves with the first snapshot's row keys or the error's code. */
async function liveRows(cookie: string, view: string, namespaces: string[], on: RunningConsole = c): Promise<{ keys?: string[]; error?: number }> {
  const opened = await openWebSocket(`ws://127.0.0.1:${on.port}/api/live`, { headers: { Cookie: cookie }, origin: on.origin });
  assert.equal(opened.status, 101, opened.body);
  const ws = opened.ws as NonNullable<typeof opened.ws>;
  try {
    const answer = new Promise<{ keys?: string[]; error?: number }>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const m = JSON.parse(data.toString()) as { type: string; rows?: { key: string }[]; status?: { code: number } };
        if (m.type === 'snapshot') resolve({ keys: (m.rows ?? []).map((r) => r.key).sort() });
        if (m.type === 'error') resolve({ error: m.status?.code });
      });
    });
    ws.send(JSON.stringify({ type: 'subscribe', id: 's', view, context: 'demo', namespaces }));
    return await answer;
  } finally {
    ws.close();
  }
}

test('live lists of a user with a namespaced Role come from that namespace alone; what they may not join in stays empty', async () => {
  await kubectlOk(['-n', 'team-a', 'run', 'a-shell', '--image=busybox:1.36', '--restart=Never', '--', 'sleep', 'infinity']);
  await kubectlOk(['-n', 'team-a', 'create', 'role', 'claims-reader', '--verb=get,list,watch', '--resource=persistentvolumeclaims']);
  await kubectlOk(['-n', 'team-a', 'create', 'rolebinding', 'viewer-claims', '--role=claims-reader', '--serviceaccount=team-a:viewer']);
  await kubectlOk(['-n', 'team-a', 'create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'a-data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }));
  const viewer = await signIn(tokens.viewer);
  assert.deepEqual(await liveRows(viewer, 'pods', ['team-a']), { keys: ['team-a/a-shell'] });
  // Claims join volumes and storage classes, which a namespaced user may not list.
  assert.deepEqual(await liveRows(viewer, 'persistentvolumeclaims', ['team-a']), { keys: ['team-a/a-data'] });
  assert.deepEqual(await liveRows(viewer, 'pods', ['team-b']), { error: 403 });
  const editor = await signIn(tokens.editor);
  assert.deepEqual(await liveRows(editor, 'pods', ['team-b']), { keys: ['team-b/shell'] });
});

test('a Pending pod opens for a user who may not read nodes: the page comes without the scheduling explanation', async () => {
  await kubectlOk(['-n', 'team-a', 'create', 'role', 'events-reader', '--verb=list', '--resource=events']);
  await kubectlOk(['-n', 'team-a', 'create', 'rolebinding', 'viewer-events', '--role=events-reader', '--serviceaccount=team-a:viewer']);
  await kubectlOk(['-n', 'team-a', 'create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stuck' }, spec: { nodeSelector: { disk: 'none-has-this' }, containers: [{ name: 'main', image: 'busybox:1.36' }] } }));
  const viewer = await signIn(tokens.viewer);
  const res = await get('api/contexts/demo/namespaces/team-a/pods/stuck/detail', viewer);
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(await res.text(), /"stuck"/);
});

test('a list page starts its informer only for a signed-in user, as that user: their subscription then shares it', async () => {
  const fresh = await startConsole(contexts, { auth });
  try {
    const stats = () => fresh.console.liveHub.stats();
    await fetch(`${fresh.url}c/demo/pods?ns=team-a`);
    const viewer = await signIn(tokens.viewer, fresh);
    await fetch(`${fresh.url}c/demo/pods?ns=team-a`, { headers: { Cookie: viewer } });
    await eventually(() => stats().informers === 1, "the viewer's team-a pods informer to start with the page");
    const rows = await liveRows(viewer, 'pods', ['team-a'], fresh);
    assert.ok(rows.keys, `a snapshot, not ${JSON.stringify(rows)}`);
    // Had the page without a cookie started one (as the console), or the viewer's page one of
    // another identity or scope, the subscription would have needed a second.
    assert.equal(stats().informers, 1);
  } finally {
    await fresh.close();
  }
});
