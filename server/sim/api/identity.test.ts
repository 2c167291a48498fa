import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { startDemoCluster, type DemoCluster } from '../index.ts';

// A cluster that requires a token: the admin's, a policy-file user's, or one it issued to a service account.
const dir = mkdtempSync(join(tmpdir(), 'sim-identity-'));
const policy = join(dir, 'policy.yaml');
writeFileSync(policy, 'users:\n  viewer:\n    token: view-token\n    groups: [viewers]\n    rules:\n      - verbs: [get, list]\n        resources: [pods]\n');
let started: Promise<DemoCluster> | undefined;
const cluster = () => (started ??= startDemoCluster({ port: 0, seed: false, controllers: false, token: 'admin-token', policyFile: policy }));

after(async () => {
  await (await started)?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = { Authorization: 'Bearer admin-token' };

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${(await cluster()).url}${path}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const whoami = async (headers: Record<string, string>) => {
  const r = await call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', headers, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return (r.body.status as { userInfo: Record<string, unknown> }).userInfo;
};

async function serviceAccountToken(namespace: string, name: string, audiences?: string[]): Promise<string> {
  await call('POST', '/api/v1/namespaces', ADMIN, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  await call('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, ADMIN, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
  const r = await call('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, ADMIN, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return (r.body.status as { token: string }).token;
}

test('SelfSubjectReview names whoever asks: the admin token, a policy-file user and a service-account token', async () => {
  assert.deepEqual(await whoami(ADMIN), { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] });
  assert.deepEqual(await whoami({ Authorization: 'Bearer view-token' }), { username: 'viewer', groups: ['viewers', 'system:authenticated'] });
  const sa = await whoami({ Authorization: `Bearer ${await serviceAccountToken('apps', 'deployer')}` });
  assert.equal(sa.username, 'system:serviceaccount:apps:deployer');
  assert.deepEqual(sa.groups, ['system:serviceaccounts', 'system:serviceaccounts:apps', 'system:authenticated']);
  assert.match(String(sa.uid), /^[0-9a-f-]{36}$/);
  assert.match(String((sa.extra as Record<string, string[]>)['authentication.kubernetes.io/credential-id']), /^JTI=/);
  const unknown = await call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { Authorization: 'Bearer nope' }, {});
  assert.equal(unknown.status, 401);
});

test('a token meant for another audience is refused with 401; TokenReview reports it for that audience only', async () => {
  const vault = await serviceAccountToken('apps', 'vault-reader', ['vault']);
  assert.equal((await call('GET', '/api/v1/namespaces/apps/pods', { Authorization: `Bearer ${vault}` })).status, 401);
  const review = await call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', ADMIN, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: vault, audiences: ['vault'] } });
  assert.equal(review.status, 201);
  assert.deepEqual((review.body.status as { authenticated: boolean; audiences: string[] }).audiences, ['vault']);
  assert.equal((review.body.status as { authenticated: boolean }).authenticated, true);
  const asApi = await call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', ADMIN, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: vault } });
  assert.equal((asApi.body.status as { authenticated?: boolean }).authenticated, undefined);
  // A policy user may not review tokens: only system:auth-delegator's holders may.
  assert.equal((await call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { Authorization: 'Bearer view-token' }, { spec: { token: vault } })).status, 403);
});

test('impersonation needs the impersonate verb: the admin may, a viewer is refused in the real words', async () => {
  const asSa = await whoami({ ...ADMIN, 'Impersonate-User': 'system:serviceaccount:apps:deployer' });
  assert.deepEqual(asSa, { username: 'system:serviceaccount:apps:deployer', groups: ['system:serviceaccounts', 'system:serviceaccounts:apps', 'system:authenticated'] });
  assert.deepEqual(await whoami({ ...ADMIN, 'Impersonate-User': 'jane', 'Impersonate-Group': 'devs' }), { username: 'jane', groups: ['devs', 'system:authenticated'] });
  const refused = await call('GET', '/api/v1/namespaces/apps/pods', { Authorization: 'Bearer view-token', 'Impersonate-User': 'bob' });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.message, 'users "bob" is forbidden: User "viewer" cannot impersonate resource "users" in API group "" at the cluster scope');
  const saRefused = await call('GET', '/api/v1/pods', { Authorization: 'Bearer view-token', 'Impersonate-User': 'system:serviceaccount:apps:deployer' });
  assert.equal(saRefused.body.message, 'serviceaccounts "deployer" is forbidden: User "viewer" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "apps"');
});

test('SubjectAccessReview answers for the user and groups asked about, from RBAC bindings and the policy file alike', async () => {
  const sar = (spec: object) => call('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', ADMIN, { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec });
  const viewer = await sar({ user: 'viewer', resourceAttributes: { verb: 'list', resource: 'pods', namespace: 'apps' } });
  assert.equal((viewer.body.status as { allowed: boolean }).allowed, true);
  const viewerDelete = await sar({ user: 'viewer', resourceAttributes: { verb: 'delete', resource: 'pods', namespace: 'apps' } });
  assert.equal((viewerDelete.body.status as { allowed: boolean }).allowed, false);
  const masters = await sar({ user: 'x', groups: ['system:masters'], resourceAttributes: { verb: 'delete', resource: 'nodes' } });
  assert.equal((masters.body.status as { allowed: boolean }).allowed, true);
  const bound = await sar({ groups: ['system:authenticated'], user: 'y', nonResourceAttributes: { verb: 'get', path: '/apis/apps/v1' } });
  assert.match(String((bound.body.status as { reason: string }).reason), /^RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"$/);
  const nobody = await sar({ resourceAttributes: { verb: 'get', resource: 'pods' } });
  assert.equal(nobody.status, 422);
});

test('discovery is a non-resource URL: without system:discovery a user gets the API server\'s 403 for the path', async () => {
  const token = await serviceAccountToken('lonely', 'nobody');
  const headers = { Authorization: `Bearer ${token}` };
  assert.equal((await call('GET', '/apis', headers)).status, 200);
  assert.equal((await call('DELETE', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:discovery', ADMIN)).status, 200);
  const denied = await call('GET', '/apis', headers);
  assert.equal(denied.status, 403);
  assert.equal(denied.body.message, 'forbidden: User "system:serviceaccount:lonely:nobody" cannot get path "/apis"');
  // The admin is a master: unaffected.
  assert.equal((await call('GET', '/apis', ADMIN)).status, 200);
});

test('service-account issuer discovery: a service account reads the OpenID configuration and the JWKS that verifies its token', async () => {
  const token = await serviceAccountToken('apps', 'verifier');
  const headers = { Authorization: `Bearer ${token}` };
  const config = await call('GET', '/.well-known/openid-configuration', headers);
  assert.equal(config.status, 200);
  assert.equal(config.body.issuer, 'https://kubernetes.default.svc.cluster.local');
  const jwksUri = new URL(String(config.body.jwks_uri));
  assert.equal(jwksUri.pathname, '/openid/v1/jwks');
  const jwks = await call('GET', jwksUri.pathname, headers);
  assert.equal(jwks.status, 200);
  const [jwk] = (jwks.body as { keys: (JsonWebKey & { kid: string })[] }).keys;
  const [h, p, sig] = token.split('.');
  assert.equal((JSON.parse(Buffer.from(h, 'base64url').toString()) as { kid: string }).kid, jwk.kid);
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  assert.ok(verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url')));
  // Bound to system:serviceaccounts only: a policy-file user is refused the path.
  const viewer = await call('GET', '/openid/v1/jwks', { Authorization: 'Bearer view-token' });
  assert.equal(viewer.status, 403);
  assert.equal(viewer.body.message, 'forbidden: User "viewer" cannot get path "/openid/v1/jwks"');
});

test('impersonated extras arrive percent-decoded, a malformed escape as sent; groups without a user are refused', async () => {
  const info = await whoami({ ...ADMIN, 'Impersonate-User': 'jane', 'Impersonate-Extra-Scopes%2Fread': 'a', 'Impersonate-Extra-Bad%zz': 'b' });
  assert.deepEqual(info.extra, { 'scopes/read': ['a'], 'bad%zz': ['b'] });
  const noUser = await call('GET', '/api/v1/namespaces', { ...ADMIN, 'Impersonate-Group': 'devs' });
  assert.equal(noUser.status, 500);
  assert.match(String(noUser.body.message), /without impersonating a user/);
});
