import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchJson } from './fetchJson.ts';
import { ApiError } from './apiError.ts';

const notFound = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'pods "web-0" not found',
  reason: 'NotFound',
  details: { name: 'web-0', kind: 'pods' },
  code: 404,
};

test('a 404 from the cluster arrives as an ApiError holding its Status', async () => {
  const fake = async () => new Response(JSON.stringify(notFound), { status: 404, headers: { 'Content-Type': 'application/json' } });
  await assert.rejects(fetchJson('/k8s/demo/api/v1/namespaces/shop/pods/web-0', {}, fake), (err: unknown) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, 404);
    assert.equal(err.reason, 'NotFound');
    assert.equal(err.status.details?.name, 'web-0');
    return true;
  });
});

test('an HTML 502 from a proxy in between still becomes a ServiceUnavailable Status', async () => {
  const fake = async () => new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
  await assert.rejects(fetchJson('/api/contexts', {}, fake), (err: unknown) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, 502);
    assert.equal(err.reason, 'ServiceUnavailable');
    return true;
  });
});

test('a request that never reaches the server is a NetworkError, not a crash', async () => {
  const fake = async (): Promise<Response> => {
    throw new TypeError('Failed to fetch');
  };
  await assert.rejects(fetchJson('/api/contexts', {}, fake), (err: unknown) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.reason, 'NetworkError');
    assert.equal(err.code, 0);
    return true;
  });
});

test('a write sends JSON with its content type and returns the parsed answer', async () => {
  let seen: RequestInit | undefined;
  const fake = async (_url: string, init?: RequestInit) => {
    seen = init;
    return new Response(JSON.stringify({ ok: true }), { status: 201 });
  };
  const out = await fetchJson<{ ok: boolean }>('/api/x', { method: 'POST', body: { a: 1 } }, fake);
  assert.deepEqual(out, { ok: true });
  assert.equal(seen?.method, 'POST');
  assert.equal(seen?.body, '{"a":1}');
  assert.equal((seen?.headers as Record<string, string>)['Content-Type'], 'application/json');
});
