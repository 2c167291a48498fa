import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRefusal, parseProxyPath } from './proxyPath.ts';

test('a context name holding / : @ is read from its encoded segment, the rest passes byte for byte', () => {
  const t = parseProxyPath('/arn%3Aaws%3Aeks%3Aeu%2Fprod%40me/api/v1/namespaces/shop/pods?labelSelector=a%3Db&watch=1');
  assert.deepEqual(t, { context: 'arn:aws:eks:eu/prod@me', path: '/api/v1/namespaces/shop/pods', search: '?labelSelector=a%3Db&watch=1' });
});

test('the bare context maps to the API server root', () => {
  assert.deepEqual(parseProxyPath('/demo'), { context: 'demo', path: '/', search: '' });
  assert.deepEqual(parseProxyPath('/demo/?x=1'), { context: 'demo', path: '/', search: '?x=1' });
});

for (const path of [
  '/demo/api/../../etc/passwd',
  '/demo/api/%2e%2e/secret',
  '/demo/api/%2E%2e/secret',
  '/demo/api/.%2E/secret',
  '/demo/api/%252e%252e/secret',
  '/demo/api//v1',
  '/demo/api/v1%2f..%2fsecret',
  '/demo/api/v1%5csecret',
  '/demo/api/./v1',
  '/demo/api\\v1',
  '/..',
  '/demo/api/%zz',
]) {
  test(`a climbing or smuggling path is refused with 400: ${path}`, () => {
    const r = parseProxyPath(path);
    assert.ok(isRefusal(r), `expected a refusal for ${path}`);
    assert.equal(r.code, 400);
  });
}

test('a path without a context is a 404', () => {
  const r = parseProxyPath('/');
  assert.ok(isRefusal(r));
  assert.equal(r.code, 404);
});

test('dots inside names are fine', () => {
  const r = parseProxyPath('/demo/apis/apps/v1/namespaces/shop/deployments/web.v2..x');
  assert.ok(!isRefusal(r));
});
