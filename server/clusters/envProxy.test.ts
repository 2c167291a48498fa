import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesNoProxy, proxyFromEnv } from './envProxy.ts';

const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'proxy.corp:3128', NO_PROXY: '.internal,10.0.0.0/8,kube.example.com:6443' };

test('an https API server goes through HTTPS_PROXY', () => {
  assert.equal(proxyFromEnv('https://api.example.com:6443', env), 'http://proxy.corp:3128');
});

test('an http API server goes through HTTP_PROXY (scheme added when missing)', () => {
  assert.equal(proxyFromEnv('http://api.example.com', env), 'http://proxy.corp:3128');
});

test('loopback is never proxied, as in Go', () => {
  assert.equal(proxyFromEnv('https://127.0.0.1:6443', env), undefined);
  assert.equal(proxyFromEnv('https://localhost:6443', env), undefined);
});

test('NO_PROXY domain suffixes, CIDRs and host:port entries bypass the proxy', () => {
  assert.equal(proxyFromEnv('https://api.cluster.internal', env), undefined);
  assert.equal(proxyFromEnv('https://10.96.0.1', env), undefined);
  assert.equal(proxyFromEnv('https://kube.example.com:6443', env), undefined);
  assert.equal(proxyFromEnv('https://kube.example.com:443', env), 'http://proxy.corp:3128');
});

test('NO_PROXY=* disables proxying and lowercase variables count too', () => {
  assert.equal(matchesNoProxy('anything', '443', '*'), true);
  assert.equal(proxyFromEnv('https://a.b', { https_proxy: 'http://p:1' }), 'http://p:1');
});
