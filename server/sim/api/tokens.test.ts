import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceRegistry, servedResources } from './resources.ts';
import { Store } from './store.ts';
import { decodeJwt } from './jwt.ts';
import { RejectedToken, ServiceAccountTokens } from './tokens.ts';
import { ApiError } from '../../kube/status.ts';

function setup() {
  const store = new Store(new ResourceRegistry(servedResources(32)));
  store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  const sa = store.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: 'team-a' } });
  let now = 1_800_000_000;
  const tokens = new ServiceAccountTokens(store, () => now);
  return { store, sa, tokens, advance: (s: number) => (now += s), now: () => now };
}

test('a TokenRequest token carries the claims kube-apiserver writes and authenticates as the service account', () => {
  const { sa, tokens, now } = setup();
  const issued = tokens.request('team-a', 'reader', { expirationSeconds: 1200 });
  const jwt = decodeJwt(issued.token)!;
  assert.equal(jwt.header.alg, 'ES256');
  assert.ok(jwt.header.kid);
  assert.equal(jwt.claims.iss, 'https://kubernetes.default.svc.cluster.local');
  assert.deepEqual(jwt.claims.aud, ['https://kubernetes.default.svc.cluster.local']);
  assert.equal(jwt.claims.sub, 'system:serviceaccount:team-a:reader');
  assert.equal(jwt.claims.exp, now() + 1200);
  assert.deepEqual(jwt.claims['kubernetes.io'], { namespace: 'team-a', serviceaccount: { name: 'reader', uid: sa.metadata.uid } });
  assert.equal(issued.expirationTimestamp, new Date((now() + 1200) * 1000).toISOString().replace('.000Z', 'Z'));
  const user = tokens.authenticate(issued.token)!;
  assert.equal(user.name, 'system:serviceaccount:team-a:reader');
  assert.equal(user.uid, sa.metadata.uid);
  assert.deepEqual(user.groups, ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated']);
  assert.deepEqual(user.extra?.['authentication.kubernetes.io/credential-id'], [`JTI=${String(jwt.claims.jti)}`]);
});

test('an expired token, a token for another audience and a token of a deleted service account are refused', () => {
  const { store, tokens, advance } = setup();
  const short = tokens.request('team-a', 'reader', { expirationSeconds: 600 });
  const vault = tokens.request('team-a', 'reader', { audiences: ['vault'] });
  assert.throws(() => tokens.authenticate(vault.token), RejectedToken);
  assert.ok(tokens.authenticate(vault.token, ['vault']));
  advance(600);
  assert.throws(() => tokens.authenticate(short.token), /expired/);
  const fresh = tokens.request('team-a', 'reader', {});
  assert.ok(tokens.authenticate(fresh.token));
  store.delete('serviceaccounts', 'team-a', 'reader');
  assert.throws(() => tokens.authenticate(fresh.token), /deleted/);
  // Recreated under the same name, it is another account: the old token stays refused.
  store.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: 'team-a' } });
  assert.throws(() => tokens.authenticate(fresh.token), /does not match/);
});

test('tokens signed by another cluster, tampered with or not JWTs at all are not this cluster\'s', () => {
  const a = setup();
  const b = setup();
  const issued = a.tokens.request('team-a', 'reader', {});
  b.tokens.request('team-a', 'reader', {});
  assert.equal(b.tokens.authenticate(issued.token), undefined);
  const [h, p, s] = issued.token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims.sub = 'system:serviceaccount:kube-system:admin';
  const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
  assert.equal(a.tokens.authenticate(forged), undefined);
  assert.equal(a.tokens.authenticate('admin-token'), undefined);
  assert.equal(a.tokens.authenticate('a.b.c'), undefined);
});

test('TokenRequest validation: under 10 minutes, over 2^32 seconds and a missing account are refused', () => {
  const { tokens } = setup();
  assert.throws(
    () => tokens.request('team-a', 'reader', { expirationSeconds: 300 }),
    (e: ApiError) => e.code === 422 && e.message === 'TokenRequest.authentication.k8s.io "reader" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes',
  );
  assert.throws(() => tokens.request('team-a', 'reader', { expirationSeconds: 2 ** 33 }), /may not specify a duration larger than 2\^32 seconds/);
  assert.throws(() => tokens.request('team-a', 'nobody', {}), (e: ApiError) => e.code === 404 && e.message === 'serviceaccounts "nobody" not found');
});

test('a token bound to a pod stops working when the pod goes', () => {
  const { store, tokens } = setup();
  const pod = store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'team-a' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  const issued = tokens.request('team-a', 'reader', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: pod.metadata.uid } });
  const user = tokens.authenticate(issued.token)!;
  assert.deepEqual(user.extra?.['authentication.kubernetes.io/pod-name'], ['web']);
  store.delete('pods', 'team-a', 'web', { gracePeriodSeconds: 0 });
  assert.throws(() => tokens.authenticate(issued.token), RejectedToken);
});

test('a legacy Secret token authenticates while the Secret holds it', () => {
  const { store, sa, tokens } = setup();
  // A token is only issued after the key exists; the legacy controller signs with the same key.
  const token = tokens.legacyToken(sa, 'reader-token');
  store.create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'reader-token', namespace: 'team-a' },
    type: 'kubernetes.io/service-account-token',
    data: { token: Buffer.from(token).toString('base64') },
  });
  assert.equal(tokens.authenticate(token)?.name, 'system:serviceaccount:team-a:reader');
  store.delete('secrets', 'team-a', 'reader-token');
  assert.throws(() => tokens.authenticate(token), RejectedToken);
});
