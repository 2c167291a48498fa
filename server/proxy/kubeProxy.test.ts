import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { credentialsFor } from '../clusters/credentials.ts';
import { demoContext } from '../clusters/demo.ts';
import type { ClusterContext } from '../clusters/types.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import { kubectl, rawRequest, startConsole, type RunningConsole } from '../testing/consoleFixture.ts';

let cluster: DemoCluster;
let consoleUnderTest: RunningConsole;
let k8s: string;
let demo: ClusterContext;

test.before(async () => {
  cluster = await startDemoCluster({ speed: 20 });
  demo = demoContext(cluster.url);
  consoleUnderTest = await startConsole([demo, demoContext('http://127.0.0.1:1', 'closed/port:1@nowhere')]);
  k8s = `${consoleUnderTest.origin}/k8s/demo`;
});
test.after(async () => {
  await consoleUnderTest.close();
  await cluster.close();
});

const json = { 'Content-Type': 'application/json' };
const configMap = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' } });

test('kubectl get pods -A works through the console', async () => {
  const r = await kubectl(['--server', k8s, 'get', 'pods', '-A']);
  assert.equal(r.code, 0, r.stderr);
});

test('kubectl creates and lists through the console', async () => {
  const created = await kubectl(['--server', k8s, 'create', 'configmap', 'made-by-kubectl', '-n', 'default', '--from-literal=k=v']);
  assert.equal(created.code, 0, created.stderr);
  const listed = await kubectl(['--server', k8s, 'get', 'configmaps', '-A']);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /default\s+made-by-kubectl/);
});

test('404, 409 and 422 from the API server arrive with their Status body and no-store', async () => {
  const missing = await fetch(`${k8s}/api/v1/namespaces/default/configmaps/nope`);
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('cache-control'), 'no-store');
  assert.equal(((await missing.json()) as { reason: string }).reason, 'NotFound');

  const url = `${k8s}/api/v1/namespaces/default/configmaps`;
  assert.equal((await fetch(url, { method: 'POST', headers: json, body: configMap('twice') })).status, 201);
  const again = await fetch(url, { method: 'POST', headers: json, body: configMap('twice') });
  assert.equal(again.status, 409);
  assert.equal(again.headers.get('cache-control'), 'no-store');
  assert.equal(((await again.json()) as { reason: string }).reason, 'AlreadyExists');

  const invalid = await fetch(url, { method: 'POST', headers: json, body: configMap('Not_Valid') });
  assert.equal(invalid.status, 422);
  assert.equal(invalid.headers.get('cache-control'), 'no-store');
  const body = (await invalid.json()) as { reason: string; details: { causes: { field: string }[] } };
  assert.equal(body.reason, 'Invalid');
  assert.equal(body.details.causes[0].field, 'metadata.name');
});

test('a stale resourceVersion comes back as a 409 Conflict, unchanged', async () => {
  const url = `${k8s}/api/v1/namespaces/default/configmaps`;
  const created = (await (await fetch(url, { method: 'POST', headers: json, body: configMap('stale') })).json()) as { metadata: { resourceVersion: string } };
  const edit = (value: string) => {
    const obj = JSON.parse(configMap('stale')) as { metadata: Record<string, string>; data: Record<string, string> };
    obj.metadata.resourceVersion = created.metadata.resourceVersion;
    obj.data.a = value;
    return JSON.stringify(obj);
  };
  assert.equal((await fetch(`${url}/stale`, { method: 'PUT', headers: json, body: edit('first') })).status, 200);
  const conflict = await fetch(`${url}/stale`, { method: 'PUT', headers: json, body: edit('second') });
  assert.equal(conflict.status, 409);
  assert.equal(conflict.headers.get('cache-control'), 'no-store');
  assert.match(((await conflict.json()) as { message: string }).message, /the object has been modified/);
});

test('a chunked upload and the DeleteOptions in a DELETE body reach the API server whole; a bodiless DELETE deletes', async () => {
  const url = `${k8s}/api/v1/namespaces/default/configmaps`;
  const text = configMap('chunked');
  const chunked = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(Buffer.from(text.slice(0, 20)));
      c.enqueue(Buffer.from(text.slice(20)));
      c.close();
    },
  });
  const created = await fetch(url, { method: 'POST', headers: json, body: chunked, duplex: 'half' } as RequestInit);
  assert.equal(created.status, 201);
  assert.equal(((await created.json()) as { data: { a: string } }).data.a, 'b');

  // The API server checks preconditions before deleting: a wrong uid is a 409 only if the body arrived.
  const wrongUid = JSON.stringify({ apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: 'not-the-uid' } });
  const refused = await fetch(`${url}/chunked`, { method: 'DELETE', headers: json, body: wrongUid });
  assert.equal(refused.status, 409);
  assert.equal(((await refused.json()) as { reason: string }).reason, 'Conflict');

  const deleted = await fetch(`${url}/chunked`, { method: 'DELETE' });
  assert.equal(deleted.status, 200);
  assert.equal((await fetch(`${url}/chunked`)).status, 404);
});

test('a watch streams each event as it happens', async () => {
  const ac = new AbortController();
  const res = await fetch(`${k8s}/api/v1/namespaces/default/configmaps?watch=1&fieldSelector=metadata.name%3Dwatched`, { signal: ac.signal });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('content-encoding'), null);
  const reader = res.body!.getReader();
  await fetch(`${k8s}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: json, body: configMap('watched') });
  let seen = '';
  while (!seen.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += Buffer.from(value).toString();
  }
  ac.abort();
  const event = JSON.parse(seen.split('\n')[0]) as { type: string; object: { metadata: { name: string } } };
  assert.equal(event.type, 'ADDED');
  assert.equal(event.object.metadata.name, 'watched');
});

test('an unknown context is a 404 Status naming it', async () => {
  const res = await fetch(`${consoleUnderTest.origin}/k8s/${encodeURIComponent('no/such:ctx')}/api`);
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = (await res.json()) as { kind: string; message: string; code: number };
  assert.equal(body.kind, 'Status');
  assert.equal(body.message, 'context "no/such:ctx" not found');
});

test('an API server that does not answer is a 502 Status naming the context and the cause', async () => {
  const res = await fetch(`${consoleUnderTest.origin}/k8s/${encodeURIComponent('closed/port:1@nowhere')}/api/v1/pods`);
  assert.equal(res.status, 502);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = (await res.json()) as { message: string; code: number; reason: string };
  assert.equal(body.code, 502);
  assert.match(body.message, /context "closed\/port:1@nowhere".*ECONNREFUSED/);
  assert.doesNotMatch(JSON.stringify(body), /at .*\.ts:\d+/);
});

test('path traversal is refused with 400 before anything is forwarded', async () => {
  for (const path of ['/k8s/demo/api/../../healthz', '/k8s/demo/api/%2e%2e/%2E%2E/version', '/k8s/demo//version', '/k8s/demo/api/v1%2F..%2Fsecret']) {
    const res = await rawRequest(consoleUnderTest.port, path);
    assert.equal(res.status, 400, path);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal((JSON.parse(res.body) as { reason: string }).reason, 'BadRequest');
  }
});

test('the listing of contexts never shows credentials and reports which answer', async () => {
  const res = await fetch(`${consoleUnderTest.origin}/api/contexts`);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const list = (await res.json()) as { name: string; current: boolean; reachable: boolean; source: string }[];
  assert.deepEqual(
    list.map((c) => [c.name, c.current, c.reachable, c.source]),
    [
      ['demo', true, true, 'demo'],
      ['closed/port:1@nowhere', false, false, 'demo'],
    ],
  );
});

test('a watch the client abandons is closed upstream too', async () => {
  const req = http.get(`${k8s}/api/v1/configmaps?watch=1`);
  await new Promise((r) => req.once('response', r));
  assert.equal(await busyUpstreamSockets(), 1);
  req.destroy();
  const deadline = Date.now() + 10_000;
  while ((await busyUpstreamSockets()) > 0) {
    assert.ok(Date.now() < deadline, 'the upstream watch socket is released');
    await new Promise((r) => setTimeout(r, 20));
  }
});

/** Sockets the console's pool for the demo context has in use (idle keep-alive ones not counted). */
async function busyUpstreamSockets(): Promise<number> {
  const { agent } = await credentialsFor(demo).apply();
  return Object.values(agent.sockets).reduce((n, list) => n + (list?.length ?? 0), 0);
}
