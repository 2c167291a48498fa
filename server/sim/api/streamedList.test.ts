import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson } from './respond.ts';

test('a list of thousands of pods arrives in pieces yet byte for byte as JSON.stringify writes it', async () => {
  const items = Array.from({ length: 2600 }, (_, i) => ({ metadata: { name: `pod-${i}`, labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, none: undefined }));
  const body = { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '42' }, items, trailer: 'kept in place' };
  const small = { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: items.slice(0, 3) };
  const server = createServer((req, res) => sendJson(res, 200, req.url === '/big' ? body : small));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const big = await fetch(`${base}/big`);
    assert.equal(big.headers.get('transfer-encoding'), 'chunked');
    assert.equal(await big.text(), JSON.stringify(body));
    const few = await fetch(`${base}/small`);
    assert.equal(few.headers.get('content-length'), String(Buffer.byteLength(JSON.stringify(small))));
    assert.equal(await few.text(), JSON.stringify(small));
  } finally {
    await new Promise((r) => server.close(r));
  }
});
