import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { silentLogger } from '../../log.ts';
import { createRegistry } from '../types.ts';
import { contextAt } from '../../testing/testUpstream.ts';
import { AuthConfigError, parseAuthSettings, resolveAuthMode } from './authSettings.ts';
import { startSignIn } from './startSignIn.ts';

const KEY = 'k'.repeat(48);

test('the mode follows where the clusters come from: token in a pod, local on a laptop or the demo cluster', () => {
  const none = parseAuthSettings({});
  assert.equal(resolveAuthMode({ ...none, sessionKeys: [KEY] }, 'in-cluster', undefined), 'token');
  assert.equal(resolveAuthMode(none, 'kubeconfig', undefined), 'local');
  assert.equal(resolveAuthMode(none, 'demo', undefined), 'local');
  assert.equal(resolveAuthMode(parseAuthSettings({ CONSOLE_AUTH: 'ServiceAccount' }), 'in-cluster', undefined), 'serviceaccount');
});

test('token and oidc modes refuse to start without a session key, and oidc without its issuer and PUBLIC_URL', () => {
  assert.throws(() => resolveAuthMode(parseAuthSettings({}), 'in-cluster', undefined), /CONSOLE_SESSION_KEY_FILE/);
  assert.throws(() => resolveAuthMode(parseAuthSettings({ CONSOLE_AUTH: 'oidc', CONSOLE_SESSION_KEY: KEY }), 'in-cluster', new URL('https://x/')), /CONSOLE_OIDC_ISSUER/);
  const oidc = parseAuthSettings({ CONSOLE_AUTH: 'oidc', CONSOLE_SESSION_KEY: KEY, CONSOLE_OIDC_ISSUER: 'https://idp.example/realms/ops', CONSOLE_OIDC_CLIENT_ID: 'console' });
  assert.throws(() => resolveAuthMode(oidc, 'in-cluster', undefined), /PUBLIC_URL/);
  assert.equal(resolveAuthMode(oidc, 'in-cluster', new URL('https://ops.example/console/')), 'oidc');
  assert.deepEqual([oidc.oidc?.usernameClaim, oidc.oidc?.groupsClaim], ['sub', 'groups'], "kube-apiserver's claim defaults");
});

test('bad settings are refused with the variable named', () => {
  const cases: [NodeJS.ProcessEnv, RegExp][] = [
    [{ CONSOLE_AUTH: 'none' }, /CONSOLE_AUTH "none" must be one of local, token, oidc, serviceaccount/],
    [{ CONSOLE_SESSION_KEY: 'short' }, /at least 32 characters/],
    [{ CONSOLE_SESSION_TTL: '1e308' }, /CONSOLE_SESSION_TTL/],
    [{ CONSOLE_SESSION_TTL: '-5' }, /CONSOLE_SESSION_TTL/],
    [{ CONSOLE_SESSION_TTL: 'soon' }, /CONSOLE_SESSION_TTL/],
    [{ CONSOLE_SESSION_KEY_FILE: '/nonexistent/key' }, /CONSOLE_SESSION_KEY_FILE "\/nonexistent\/key" cannot be read: ENOENT/],
    [{ CONSOLE_OIDC_ISSUER: 'not a url', CONSOLE_OIDC_CLIENT_ID: 'c' }, /CONSOLE_OIDC_ISSUER/],
    [{ CONSOLE_OIDC_ISSUER: 'https://idp.example' }, /CONSOLE_OIDC_CLIENT_ID/],
  ];
  for (const [env, message] of cases) assert.throws(() => parseAuthSettings(env), (err: Error) => err instanceof AuthConfigError && message.test(err.message), JSON.stringify(env));
});

test('session keys come from a file, one per line (the first seals), for rotation without signing everyone out', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'session-key-')), 'key');
  writeFileSync(file, `${'a'.repeat(40)}\n${'b'.repeat(40)}\n\n`);
  assert.deepEqual(parseAuthSettings({ CONSOLE_SESSION_KEY_FILE: file }).sessionKeys, ['a'.repeat(40), 'b'.repeat(40)]);
});

test('local mode beyond loopback is refused unless asked for by name: it would hand out the kubeconfig credentials', () => {
  const clusters = createRegistry([contextAt('http://127.0.0.1:1', 'c')], 'c');
  const config = { auth: parseAuthSettings({}), host: '0.0.0.0', basePath: '/', publicUrl: undefined };
  assert.throws(() => startSignIn(config, clusters, silentLogger), /HOST=0\.0\.0\.0 is not loopback/);
  assert.equal(startSignIn({ ...config, auth: parseAuthSettings({ CONSOLE_AUTH: 'local' }) }, clusters, silentLogger).mode, 'local');
  assert.equal(startSignIn({ ...config, host: '127.0.0.1' }, clusters, silentLogger).mode, 'local');
});
