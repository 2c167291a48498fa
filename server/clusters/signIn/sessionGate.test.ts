/**
 * The door in token and oidc modes: without a valid session every /api and /k8s request, plain
 * or upgrade, is a 401 Status with no-store, and the API server never hears of it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { openWebSocket, rawRequest, startConsole, type RunningConsole } from '../../testing/consoleFixture.ts';
import { contextAt, startHttpUpstream, type TestUpstream } from '../../testing/testUpstream.ts';
import { createSessionSealer } from './sessionCookie.ts';

const KEY = randomBytes(36).toString('base64');
let upstream: TestUpstream;
let consoles: RunningConsole[] = [];

before(async () => {
  upstream = await startHttpUpstream((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"kind":"PodList","items":[]}');
  });
  for (const mode of ['token', 'oidc'] as const) {
    const oidc = { issuer: new URL('http://127.0.0.1:1/'), clientId: 'console', scopes: 'openid', usernameClaim: 'sub', groupsClaim: 'groups' };
    consoles.push(await startConsole([contextAt(upstream.url, 'c')], { auth: { mode, sessionKeys: [KEY], sessionTtlMs: 3_600_000, oidc }, publicUrl: new URL('http://127.0.0.1/') }));
  }
});

after(async () => {
  await Promise.all(consoles.map((c) => c.close()));
  consoles = [];
  await upstream.close();
});

/** A session for context `c` sealed with the console's key, as if signed in (expired when asked). */
async function forgedCookie(opts: { expired?: boolean; mode?: 'token' | 'oidc' } = {}): Promise<string> {
  const sealer = createSessionSealer([KEY]);
  const [value] = await sealer.seal({ mode: opts.mode ?? 'token', context: 'c', token: 't', identity: { user: 'u', groups: [] }, expiresAt: Date.now() + (opts.expired ? -1000 : 60_000) });
  return `console_session=${value}`;
}

test('without a session every /api and /k8s request is a 401 Status with no-store, and nothing reaches the API server', async () => {
  for (const c of consoles) {
    const requests: [string, string, Record<string, string>?, string?][] = [
      ['GET', '/api/contexts'],
      ['GET', '/api/contexts/c/resources'],
      ['GET', '/api/no/such/thing'],
      ['POST', '/api/contexts/c/can-i', { 'Content-Type': 'application/json' }, '{"verb":"get","resource":"pods"}'],
      ['GET', '/k8s/c/api/v1/pods'],
      ['GET', '/k8s/c/api/v1/pods?watch=1'],
      ['DELETE', '/k8s/c/api/v1/namespaces/..'],
      ['DELETE', '/k8s/c/api/v1/namespaces/default'],
      ['POST', '/k8s/c/api/v1/namespaces', { 'Content-Type': 'application/json' }, '{}'],
      ['GET', '/k8s/c/api/v1/pods', { Cookie: 'console_session=garbage' }],
      ['GET', '/k8s/c/api/v1/pods', { Authorization: 'Bearer something', Cookie: 'sid=1' }],
    ];
    for (const [method, path, headers, body] of requests) {
      const res = await rawRequest(c.port, path, { method, headers: { ...headers, Origin: c.origin }, body });
      assert.equal(res.status, 401, `${method} ${path}: ${res.body}`);
      assert.equal(res.headers['cache-control'], 'no-store');
      const status = JSON.parse(res.body) as { kind: string; reason: string; code: number; details: { causes: { reason: string }[] } };
      assert.deepEqual([status.kind, status.reason, status.code], ['Status', 'Unauthorized', 401]);
      assert.ok(['SessionRequired', 'SessionExpired'].includes(status.details.causes[0].reason));
    }
    for (const path of ['/api/live', '/k8s/c/api/v1/namespaces/d/pods/p/exec?command=sh']) {
      const ws = await openWebSocket(`ws://127.0.0.1:${c.port}${path}`, { protocols: ['v5.channel.k8s.io'] });
      assert.equal(ws.status, 401, path);
      assert.equal((JSON.parse(ws.body ?? '{}') as { reason?: string }).reason, 'Unauthorized');
    }
  }
  assert.deepEqual(upstream.seen, [], 'the API server heard nothing');
});

test('an expired session, or one from the other mode, is refused as ended; a valid one passes the door', async () => {
  const [token, oidc] = consoles;
  for (const cookie of [await forgedCookie({ expired: true }), await forgedCookie({ mode: 'oidc' })]) {
    const res = await rawRequest(token.port, '/api/contexts', { headers: { Cookie: cookie } });
    assert.equal(res.status, 401);
    assert.equal((JSON.parse(res.body) as { details: { causes: { reason: string }[] } }).details.causes[0].reason, 'SessionExpired');
  }
  assert.deepEqual(upstream.seen, []);
  const ok = await rawRequest(token.port, '/k8s/c/api/v1/pods', { headers: { Cookie: await forgedCookie() } });
  assert.equal(ok.status, 200);
  assert.deepEqual(upstream.seen, ['GET /api/v1/pods']);
  // The OIDC console would renew a token this close to expiry; with no reachable provider the session ends.
  const sealer = createSessionSealer([KEY]);
  const [dying] = await sealer.seal({ mode: 'oidc', context: 'c', token: 't', identity: { user: 'u', groups: [] }, expiresAt: Date.now() + 60_000, tokenExpiresAt: Date.now() + 1000, refreshToken: 'r' });
  const renewFailed = await rawRequest(oidc.port, '/api/contexts', { headers: { Cookie: `console_session=${dying}` } });
  assert.equal(renewFailed.status, 401);
});

test('auth/session says the mode and that nobody is signed in, without a cookie', async () => {
  const [token, oidc] = consoles;
  assert.deepEqual(await (await fetch(`${token.url}auth/session`)).json(), { mode: 'token', signedIn: false });
  assert.deepEqual(await (await fetch(`${oidc.url}auth/session`)).json(), { mode: 'oidc', signedIn: false });
  const offMode = await fetch(`${oidc.url}auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"token":"x"}' });
  assert.equal(offMode.status, 404);
});

test('a live socket opened with a session is closed when the session ends', async () => {
  const [token] = consoles;
  const sealer = createSessionSealer([KEY]);
  const [value] = await sealer.seal({ mode: 'token', context: 'c', token: 't', identity: { user: 'u', groups: [] }, expiresAt: Date.now() + 1500 });
  const live = await openWebSocket(`ws://127.0.0.1:${token.port}/api/live`, { headers: { Cookie: `console_session=${value}` }, origin: token.origin });
  assert.equal(live.status, 101, live.body);
  await new Promise((resolve) => live.ws?.once('close', resolve));
  const again = await openWebSocket(`ws://127.0.0.1:${token.port}/api/live`, { headers: { Cookie: `console_session=${value}` }, origin: token.origin });
  assert.equal(again.status, 401);
});

test('an upgrade never renews an OIDC token (it could not store the rotated refresh token): admitted until the ID token expires, then refused', async () => {
  const [, oidc] = consoles;
  const sealer = createSessionSealer([KEY]);
  const seal = async (tokenExpiresAt: number) =>
    `console_session=${(await sealer.seal({ mode: 'oidc', context: 'c', token: 't', identity: { user: 'u', groups: [] }, expiresAt: Date.now() + 60_000, tokenExpiresAt, refreshToken: 'r' }))[0]}`;
  const dying = await seal(Date.now() + 1500);
  const live = await openWebSocket(`ws://127.0.0.1:${oidc.port}/api/live`, { headers: { Cookie: dying }, origin: oidc.origin });
  assert.equal(live.status, 101, 'no renewal attempted (the provider is unreachable here), so the socket opens');
  await new Promise((resolve) => live.ws?.once('close', resolve));
  const expired = await openWebSocket(`ws://127.0.0.1:${oidc.port}/api/live`, { headers: { Cookie: await seal(Date.now() - 1000) }, origin: oidc.origin });
  assert.equal(expired.status, 401);
});
