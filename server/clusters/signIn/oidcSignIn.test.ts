/**
 * OIDC sign-in over real HTTP: a real provider (oidc-provider, its login form), the demo cluster
 * accepting that provider's ID tokens as kube-apiserver's --oidc-* flags would, and the console
 * in oidc mode under BASE_PATH /console/. The "browser" is fetch with manual redirects and a
 * cookie jar per origin; everything it receives is kept, to show the ID token is never in it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createConsoleServer, type ConsoleServer } from '../../app.ts';
import { loadConfig, type Config } from '../../config.ts';
import { createLogger } from '../../log.ts';
import { startDemoCluster, type DemoCluster } from '../../sim/index.ts';
import { freePort } from '../../testing/freePort.ts';
import { runKubectl } from '../../testing/kubectl.ts';
import { OIDC_USERS, startOidcProvider, type TestOidcProvider } from '../../testing/oidcProvider.ts';
import { loadKubeconfig } from '../kubeconfig.ts';
import { createRegistry } from '../types.ts';
import type { Session } from './identity.ts';
import { safeReturnPath } from './oidcSignIn.ts';
import { createSessionSealer } from './sessionCookie.ts';
import { startSignIn } from './startSignIn.ts';

const SESSION_KEY = randomBytes(36).toString('base64');
const sealer = createSessionSealer([SESSION_KEY]);
const dir = mkdtempSync(join(tmpdir(), 'oidc-signin-'));
let idp: TestOidcProvider;
let cluster: DemoCluster;
let server: ConsoleServer;
let base = '';
/** A second cluster and console that name users by `sub`, as kube-apiserver does by default (prefixed with the issuer). */
let subCluster: DemoCluster;
let subServer: ConsoleServer;
let subBase = '';
const logs: string[] = [];
/** Every response header and body the browser got, from the console and the provider. */
const seen: string[] = [];
/** Every ID and refresh token a session held. */
const secrets = new Set<string>();

/** A demo cluster accepting the provider's ID tokens (as --oidc-* with these options), with a Role per team. */
async function oidcCluster(name: string, usernameClaim?: string): Promise<{ cluster: DemoCluster; kubeconfig: string }> {
  const kubeconfig = join(dir, name);
  const c = await startDemoCluster({ port: 0, speed: 20, seed: false, tls: true, writeKubeconfig: kubeconfig, oidc: { issuerUrl: idp.issuer, clientId: idp.clientId, groupsClaim: 'groups', ...(usernameClaim ? { usernameClaim } : {}) } });
  for (const team of ['team-a', 'team-b']) {
    for (const args of [
      ['create', 'namespace', team],
      ['-n', team, 'create', 'role', 'reader', '--verb=get,list,watch', '--resource=configmaps'],
      ['-n', team, 'create', 'rolebinding', `${team}-reads`, '--role=reader', `--group=${team}`],
    ]) {
      const r = await runKubectl(args, { kubeconfig });
      assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    }
  }
  return { cluster: c, kubeconfig };
}

/** The console in oidc mode at `url` (its port chosen beforehand: the provider knows its redirect URI). */
async function oidcConsole(url: string, kubeconfig: string, usernameClaim = 'sub'): Promise<ConsoleServer> {
  const oidc = { issuer: new URL(idp.issuer), clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: 'openid profile email offline_access', usernameClaim, groupsClaim: 'groups' };
  const config: Config = { ...loadConfig({ env: {}, argv: [] }), basePath: new URL(url).pathname, publicUrl: new URL(url), distDir: '/nonexistent-dist', auth: { mode: 'oidc', sessionKeys: [SESSION_KEY], sessionTtlMs: 3_600_000, oidc } };
  const loaded = loadKubeconfig([kubeconfig]);
  const clusters = createRegistry(loaded.contexts, loaded.current);
  const log = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const s = createConsoleServer({ config, clusters, log, signIn: startSignIn(config, clusters, log) });
  await s.listen(Number(new URL(url).port), '127.0.0.1');
  return s;
}

before(async () => {
  base = `http://127.0.0.1:${await freePort()}/console/`;
  subBase = `http://127.0.0.1:${await freePort()}/`;
  idp = await startOidcProvider({ redirectUris: [`${base}auth/oidc/callback`, `${subBase}auth/oidc/callback`] });
  const byEmail = await oidcCluster('by-email', 'email');
  cluster = byEmail.cluster;
  server = await oidcConsole(base, byEmail.kubeconfig, 'email');
  const bySub = await oidcCluster('by-sub');
  subCluster = bySub.cluster;
  subServer = await oidcConsole(subBase, bySub.kubeconfig);
});

after(async () => {
  await server?.close();
  await subServer?.close();
  await cluster?.close();
  await subCluster?.close();
  await idp?.close();
  rmSync(dir, { recursive: true, force: true });
});

const defaultBase = () => base;

interface Hop {
  url: string;
  status: number;
  location?: string;
  setCookies: string[];
  body: string;
  type: string;
}

/** One user's browser: cookies per origin (paths ignored), redirects followed by hand. */
class Browser {
  readonly jar = new Map<string, Map<string, string>>();
  constructor(readonly base = defaultBase()) {}
  cookieHeader(url: string): string {
    return [...(this.jar.get(new URL(url).origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async request(url: string, init: { method?: string; form?: Record<string, string>; cookie?: string } = {}): Promise<Hop> {
    const headers: Record<string, string> = { Cookie: init.cookie ?? this.cookieHeader(url) };
    if (init.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method: init.method ?? 'GET', redirect: 'manual', headers, body: init.form ? new URLSearchParams(init.form).toString() : undefined });
    const body = await res.text();
    seen.push(JSON.stringify([...res.headers]), body);
    const jar = this.jar.get(new URL(url).origin) ?? new Map<string, string>();
    this.jar.set(new URL(url).origin, jar);
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      if (/max-age=0\b|expires=thu, 01 jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    const location = res.headers.get('location') ?? undefined;
    return { url, status: res.status, setCookies: res.headers.getSetCookie(), body, type: res.headers.get('content-type') ?? '', ...(location ? { location: new URL(location, url).href } : {}) };
  }
  /** Follows redirects until a page that is not one, or one back at the console outside auth/. */
  async follow(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop[]> {
    const hops = [await this.request(url, init)];
    const { base } = this;
    for (let last = hops[0]; last.location && !(last.location.startsWith(base) && !last.location.startsWith(`${base}auth/`)) && hops.length < 20; ) hops.push((last = await this.request(last.location)));
    return hops;
  }
  /** Signs in through the provider's form (when it asks); resolves with every hop, last one the redirect to the return path. */
  async signIn(user: string, returnPath?: string, password = OIDC_USERS[user].password): Promise<Hop[]> {
    const hops = await this.follow(`${this.base}auth/oidc/login${returnPath === undefined ? '' : `?return=${encodeURIComponent(returnPath)}`}`);
    const form = hops.at(-1);
    if (form?.status !== 200) return hops;
    const action = /action="([^"]+)"/.exec(form.body)?.[1];
    assert.ok(action, `the provider's login form: ${form.body}`);
    return [...hops, ...(await this.follow(new URL(action, form.url).href, { method: 'POST', form: { username: user, password } }))];
  }
  session(): Promise<Session | undefined> {
    return sealer.open({ headers: { cookie: this.cookieHeader(this.base) } } as IncomingMessage).then((s) => {
      if (s) for (const t of [s.token, s.refreshToken]) if (t) secrets.add(t);
      return s;
    });
  }
}

const json = async <T>(b: Browser, path: string, cookie?: string) => {
  const hop = await b.request(`${b.base}${path}`, cookie === undefined ? {} : { cookie });
  return { status: hop.status, body: JSON.parse(hop.body) as T, hop };
};

test('alice signs in on the provider’s form and is who the cluster says: name, groups, her namespace only', async () => {
  const b = new Browser();
  const wrong = await b.signIn('alice', '/console/c/demo/pods', 'not-her-password');
  assert.match(wrong.at(-1)?.body ?? '', /Wrong username or password/);
  const alice = new Browser();
  const hops = await alice.signIn('alice', '/console/c/demo/pods?ns=team-a');
  const [login, toIdp] = hops;
  assert.equal(login.status, 302);
  const authorize = new URL(login.location ?? '');
  assert.equal(authorize.origin, idp.issuer);
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(authorize.searchParams.get('state') && authorize.searchParams.get('nonce') && authorize.searchParams.get('code_challenge'));
  assert.match(login.setCookies[0], /^console_oidc_[0-9a-f]{16}=[^;]+; Path=\/console\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600$/);
  assert.equal(toIdp.url, authorize.href);
  const callback = hops.find((h) => h.url.startsWith(`${base}auth/oidc/callback`));
  assert.ok(callback, 'the provider sent the browser back to the callback');
  assert.equal(callback.status, 302);
  assert.equal(callback.location, `${base}c/demo/pods?ns=team-a`);
  assert.ok(callback.setCookies.some((c) => /^console_session=[^;]+; Path=\/console\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/.test(c)));
  assert.ok(callback.setCookies.some((c) => /^console_oidc_[0-9a-f]{16}=; Path=\/console\/auth\/oidc; .*Max-Age=0$/.test(c)), 'the transaction cookie is cleared');

  const info = await json<{ mode: string; signedIn: boolean; user: { name: string; groups: string[] }; context: string }>(alice, 'auth/session');
  assert.deepEqual([info.body.mode, info.body.signedIn, info.body.user.name, info.body.context], ['oidc', true, 'alice@example.com', 'demo']);
  assert.deepEqual(info.body.user.groups, ['team-a', 'system:authenticated']);
  const contexts = await json<{ name: string }[]>(alice, 'api/contexts');
  assert.equal(contexts.status, 200);
  assert.deepEqual(contexts.body.map((c) => c.name), ['demo']);
  assert.equal((await alice.request(`${base}k8s/demo/api/v1/namespaces/team-a/configmaps`)).status, 200);
  const refused = await json<{ reason: string; message: string }>(alice, 'k8s/demo/api/v1/namespaces/team-b/configmaps');
  assert.equal(refused.status, 403);
  assert.match(refused.body.message, /User "alice@example.com" cannot list resource "configmaps" in API group "" in the namespace "team-b"/);

  const anonymous = await json<{ reason: string; details: { causes: { reason: string }[] } }>(new Browser(), 'api/contexts');
  assert.equal(anonymous.status, 401);
  assert.deepEqual([anonymous.body.reason, anonymous.body.details.causes[0].reason], ['Unauthorized', 'SessionRequired']);
  const session = await alice.session();
  assert.equal(session?.mode, 'oidc');
  assert.ok(session.refreshToken, 'offline_access gave a refresh token');
  assert.equal(session.expiresAt > Date.now() + 3_000_000, true, 'with a refresh token the session lasts its TTL');
});

test('a forged, replayed or refused callback shows a page with the reason and sets no session', async () => {
  const b = new Browser();
  const page = (h: Hop, status: number, reason: RegExp) => {
    assert.equal(h.status, status, h.body);
    assert.match(h.type, /^text\/html/);
    assert.match(h.body, reason);
    assert.doesNotMatch(h.body, /\n\s+at /, 'no stack');
    assert.ok(!h.setCookies.some((c) => c.startsWith('console_session=') && !/Max-Age=0/.test(c)), 'no session');
  };
  page(await b.request(`${base}auth/oidc/callback?code=abc&state=forged`), 400, /not started from this browser/);
  // A real login in this browser, then a callback with another state: its transaction cookie does not match.
  const login = await b.request(`${base}auth/oidc/login`);
  assert.equal(login.status, 302);
  page(await b.request(`${base}auth/oidc/callback?code=abc&state=${'x'.repeat(43)}`), 400, /not started from this browser/);
  const state = new URL(login.location ?? '').searchParams.get('state') ?? '';
  // Abandoned sign-ins do not pile up in the Cookie header: past a few, the older ones are cleared.
  const piled = await b.request(`${base}auth/oidc/login`, { cookie: [1, 2, 3, 4].map((i) => `console_oidc_${'0'.repeat(15)}${i}=x`).join('; ') });
  assert.equal(piled.setCookies.filter((c) => /^console_oidc_0{15}\d=; .*Max-Age=0$/.test(c)).length, 4);
  page(await b.request(`${base}auth/oidc/callback?error=access_denied&error_description=%3Cscript%3Eno%3C%2Fscript%3E&state=${state}`), 400, /did not sign you in \(access_denied: &#60;script&#62;no&#60;\/script&#62;\)/);
  // A completed sign-in's callback replayed: its transaction is spent.
  const hops = await new Browser().signIn('bob');
  const callback = hops.find((h) => h.url.startsWith(`${base}auth/oidc/callback`));
  assert.equal(callback?.status, 302);
  page(await b.request(callback.url, { cookie: '' }), 400, /not started from this browser/);
  // The right state with a code the provider never issued: the exchange fails.
  const again = await b.request(`${base}auth/oidc/login`);
  const s2 = new URL(again.location ?? '').searchParams.get('state') ?? '';
  page(await b.request(`${base}auth/oidc/callback?code=never-issued&state=${s2}&iss=${encodeURIComponent(idp.issuer)}`), 502, /did not complete the sign-in/);
});

test('the return path stays under the base path: other hosts, schemes and backslashes go to the base', async () => {
  const b = new Browser();
  for (const [ret, to] of [
    ['//evil.example/x', '/console/'],
    ['https://evil.example/', '/console/'],
    ['/\\evil.example', '/console/'],
    ['/console/\\\\evil.example', '/console/'],
    ['/console//evil.example', '/console/'],
    ['/elsewhere', '/console/'],
    ['/console/auth/oidc/login?return=/console/', '/console/'],
    ['/console/c/demo/pods\r\nSet-Cookie: x=1', '/console/'],
    ['/console/c/demo/deployments?ns=team-a', '/console/c/demo/deployments?ns=team-a'],
  ]) {
    const hops = await b.signIn('alice', ret);
    assert.equal(hops.at(-1)?.location, new URL(to, base).href, `return=${JSON.stringify(ret)}`);
  }
  assert.equal(safeReturnPath(['/console/a', '/console/b'], '/console/'), '/console/');
  assert.equal(safeReturnPath('/x', '/'), '/x');
  assert.equal(safeReturnPath('//x', '/'), '/');
});

test('an ID token about to expire is renewed with the refresh token: the cookie changes, concurrent old cookies share one renewal', async () => {
  idp.setIdTokenTtl(30); // under the gate's 60 s renew-ahead: the first request renews
  try {
    const bob = new Browser();
    await bob.signIn('bob');
    const before = await bob.session();
    assert.ok(before?.tokenExpiresAt && before.tokenExpiresAt - Date.now() < 60_000);
    const oldCookie = bob.cookieHeader(base);
    const grants = idp.refreshGrants();
    const first = await json<{ name: string }[]>(bob, 'api/contexts');
    assert.equal(first.status, 200);
    assert.ok(first.hop.setCookies.some((c) => c.startsWith('console_session=')), 'a renewed session cookie');
    const renewed = await bob.session();
    assert.ok(renewed && renewed.token !== before.token && renewed.refreshToken !== before.refreshToken, 'a new ID token and a rotated refresh token');
    assert.equal(renewed.identity.user, 'bob@example.com');
    // Requests already on their way with the old cookie: the same renewal, not a second use of a spent refresh token.
    const late = await Promise.all([1, 2].map(() => json(bob, 'k8s/demo/api/v1/namespaces/team-b/configmaps', oldCookie)));
    assert.deepEqual(late.map((r) => r.status), [200, 200]);
    assert.equal(idp.refreshGrants(), grants + 1);
    assert.equal((await bob.request(`${base}k8s/demo/api/v1/namespaces/team-b/configmaps`)).status, 200);
    await bob.session();

    // A refresh token the provider refuses ends the session.
    const sealed = await sealer.seal({ ...renewed, refreshToken: 'refused-refresh-token' });
    const ended = await json<{ details: { causes: { reason: string }[] } }>(bob, 'api/contexts', `console_session=${sealed.join('')}`);
    assert.equal(ended.status, 401);
    assert.equal(ended.body.details.causes[0].reason, 'SessionExpired');
  } finally {
    idp.setIdTokenTtl(3600);
  }
});

test('with the cluster naming users by sub, the console shows the issuer-prefixed name RBAC sees, at base path /', async () => {
  const alice = new Browser(subBase);
  const hops = await alice.signIn('alice');
  assert.equal(hops.at(-1)?.location, subBase);
  const info = await json<{ user: { name: string; groups: string[] } }>(alice, 'auth/session');
  assert.deepEqual(info.body.user, { name: `${idp.issuer}#alice`, groups: ['team-a', 'system:authenticated'] });
  const refused = await json<{ message: string }>(alice, 'k8s/demo/api/v1/namespaces/team-b/configmaps');
  assert.equal(refused.status, 403);
  assert.ok(refused.body.message.includes(`User "${idp.issuer}#alice"`), refused.body.message);
  assert.equal((await alice.request(`${subBase}k8s/demo/api/v1/namespaces/team-a/configmaps`)).status, 200);
  await alice.session();
});

test('no ID token or refresh token ever reached the browser or a log line', () => {
  assert.ok(secrets.size >= 4, `tokens collected: ${secrets.size}`);
  const sent = seen.join('\n');
  const logged = logs.join('\n');
  assert.ok(logged.includes('"signed in"'), 'the console logged the sign-ins');
  for (const t of secrets) {
    const parts = t.split('.');
    for (const piece of [t, ...(parts.length === 3 ? [parts[1], parts[2]] : [])]) {
      assert.ok(!sent.includes(piece), 'a token (or its payload or signature) was sent to the browser');
      assert.ok(!logged.includes(piece), 'a token (or its payload or signature) is in the console log');
    }
  }
});
