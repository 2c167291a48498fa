import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { signJwt } from './jwt.ts';
import { OidcAuthenticator, resolveOidcOptions } from './oidc.ts';
import { RejectedToken } from './tokens.ts';
import { startDemoCluster, type DemoCluster } from '../index.ts';

// An identity provider in the test: a discovery document and a JWKS with one RSA key, which a test may rotate.
let server: Server;
let issuer = '';
let signing: { privateKey: KeyObject; publicKey: KeyObject; kid: string };
let published: { privateKey: KeyObject; publicKey: KeyObject; kid: string }[] = [];
let jwksFetches = 0;

function newKey(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey, kid };
}

before(async () => {
  server = createServer((req, res) => {
    const send = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') return send({ issuer, jwks_uri: `${issuer}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    if (req.url === '/keys') {
      jwksFetches++;
      return send({ keys: published.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, use: 'sig', alg: 'RS256' })) });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const k = newKey('key-1');
  published = [k];
  signing = k;
});

after(() => new Promise<void>((r) => server.close(() => r())));

function idToken(claims: Record<string, unknown>, key = signing): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ alg: 'RS256', kid: key.kid, typ: 'JWT' }, { iss: issuer, aud: 'console', sub: 'u-123', iat: now, exp: now + 300, ...claims }, key.privateKey);
}

test('the username prefix follows kube-apiserver: issuer# unless the claim is email, "-" for none', () => {
  assert.equal(resolveOidcOptions({ issuerUrl: 'https://idp', clientId: 'c' }).usernamePrefix, 'https://idp#');
  assert.equal(resolveOidcOptions({ issuerUrl: 'https://idp', clientId: 'c', usernameClaim: 'email' }).usernamePrefix, '');
  assert.equal(resolveOidcOptions({ issuerUrl: 'https://idp', clientId: 'c', usernamePrefix: '-' }).usernamePrefix, '');
  assert.equal(resolveOidcOptions({ issuerUrl: 'https://idp', clientId: 'c', usernamePrefix: 'oidc:' }).usernamePrefix, 'oidc:');
});

test('an ID token signed by the issuer names the user by its claim, with prefixed groups', async () => {
  const oidc = new OidcAuthenticator({ issuerUrl: issuer, clientId: 'console', usernameClaim: 'email', groupsClaim: 'groups', groupsPrefix: 'oidc:' });
  const user = await oidc.authenticate(idToken({ email: 'jane@example.com', email_verified: true, groups: ['dev', 'ops'] }));
  assert.deepEqual(user, { name: 'jane@example.com', groups: ['oidc:dev', 'oidc:ops', 'system:authenticated'] });
  const bySub = new OidcAuthenticator({ issuerUrl: issuer, clientId: 'console', groupsClaim: 'groups' });
  assert.deepEqual(await bySub.authenticate(idToken({ groups: 'single' })), { name: `${issuer}#u-123`, groups: ['single', 'system:authenticated'] });
});

test('expired, other-audience, unverified-email, unsigned and forged tokens are refused; other issuers are not its business', async () => {
  const oidc = new OidcAuthenticator({ issuerUrl: issuer, clientId: 'console', usernameClaim: 'email' });
  const now = Math.floor(Date.now() / 1000);
  await assert.rejects(oidc.authenticate(idToken({ email: 'a@b', exp: now - 1 })), /expired/);
  await assert.rejects(oidc.authenticate(idToken({ email: 'a@b', aud: ['other'] })), /audience/);
  await assert.rejects(oidc.authenticate(idToken({ email: 'a@b', email_verified: false })), /not verified/);
  const good = idToken({ email: 'a@b' });
  const [h, p] = good.split('.');
  await assert.rejects(oidc.authenticate(`${h}.${p}.`), RejectedToken);
  const stranger = newKey('key-1');
  await assert.rejects(oidc.authenticate(idToken({ email: 'a@b' }, stranger)), /signature/);
  const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
  await assert.rejects(oidc.authenticate(none), RejectedToken);
  assert.equal(await oidc.authenticate(signJwt({ alg: 'RS256', kid: 'key-1' }, { iss: 'https://elsewhere', aud: 'console', exp: now + 60 }, signing.privateKey)), undefined);
  assert.equal(await oidc.authenticate('not-a-jwt'), undefined);
});

test('only the configured signing algorithms and tokens with the required claims are accepted', async () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecKey = { privateKey: ec.privateKey, publicKey: ec.publicKey, kid: 'ec-1' };
  published = [signing, ecKey];
  try {
    const now = Math.floor(Date.now() / 1000);
    const es256 = signJwt({ alg: 'ES256', kid: 'ec-1' }, { iss: issuer, aud: 'console', sub: 'u', exp: now + 60 }, ec.privateKey);
    // kube-apiserver's default --oidc-signing-algs is RS256 alone.
    await assert.rejects(new OidcAuthenticator({ issuerUrl: issuer, clientId: 'console' }).authenticate(es256), /unsupported algorithm/);
    const both = new OidcAuthenticator({ issuerUrl: issuer, clientId: 'console', signingAlgs: ['RS256', 'ES256'], requiredClaims: { hd: 'example.com' } });
    await assert.rejects(both.authenticate(es256), /required claim hd/);
    const withClaim = signJwt({ alg: 'ES256', kid: 'ec-1' }, { iss: issuer, aud: 'console', sub: 'u', exp: now + 60, hd: 'example.com' }, ec.privateKey);
    assert.equal((await both.authenticate(withClaim))?.name, `${issuer}#u`);
  } finally {
    published = [signing];
  }
});

test('a rotated signing key is fetched from the JWKS when a token names it', async () => {
  const oidc = new OidcAuthenticator({ issuerUrl: issuer, clientId: 'console' });
  assert.ok(await oidc.authenticate(idToken({})));
  const before = jwksFetches;
  const rotated = newKey('key-2');
  published = [signing, rotated];
  try {
    const user = await oidc.authenticate(idToken({ sub: 'after-rotation' }, rotated));
    assert.equal(user?.name, `${issuer}#after-rotation`);
    assert.equal(jwksFetches, before + 1);
  } finally {
    published = [signing];
  }
});

test('a demo cluster started with the OIDC options authenticates ID tokens; RBAC applies to their groups', async () => {
  let cluster: DemoCluster | undefined;
  try {
    cluster = await startDemoCluster({ port: 0, seed: false, controllers: false, oidc: { issuerUrl: issuer, clientId: 'console', usernameClaim: 'email', groupsClaim: 'groups', groupsPrefix: 'oidc:' } });
    const token = idToken({ email: 'jane@example.com', groups: ['viewers'] });
    const call = (path: string, init: RequestInit = {}, bearer = token) =>
      fetch(`${cluster!.url}${path}`, { ...init, headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
    const review = await call('/apis/authentication.k8s.io/v1/selfsubjectreviews', { method: 'POST', body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }) });
    assert.equal(review.status, 201);
    assert.deepEqual(((await review.json()) as { status: unknown }).status, { userInfo: { username: 'jane@example.com', groups: ['oidc:viewers', 'system:authenticated'] } });
    const denied = await call('/api/v1/namespaces');
    assert.equal(denied.status, 403);
    assert.equal(((await denied.json()) as { message: string }).message, 'namespaces is forbidden: User "jane@example.com" cannot list resource "namespaces" in API group "" at the cluster scope');
    // The admin (no token configured: system:admin) binds the group to view.
    const bind = await fetch(`${cluster.url}/apis/rbac.authorization.k8s.io/v1/clusterrolebindings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'viewers' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'oidc:viewers' }] }),
    });
    assert.equal(bind.status, 201);
    assert.equal((await call('/api/v1/namespaces')).status, 200);
    assert.equal((await call('/api/v1/namespaces', {}, idToken({ email: 'jane@example.com', groups: ['viewers'], aud: 'someone-else' }))).status, 401);
  } finally {
    await cluster?.close();
  }
});
