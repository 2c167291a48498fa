import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import { kubectl, rawRequest, startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import { contextAt, startHttpUpstream, type TestUpstream } from '../testing/testUpstream.ts';

let recorder: TestUpstream;
let cluster: DemoCluster;
let consoleUnderTest: RunningConsole;

test.before(async () => {
  recorder = await startHttpUpstream((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'));
  });
  cluster = await startDemoCluster({ speed: 20, seed: false });
  consoleUnderTest = await startConsole([contextAt(recorder.url, 'recorder'), demoContext(cluster.url)]);
});
test.after(async () => {
  await consoleUnderTest.close();
  await recorder.close();
  await cluster.close();
});

const path = '/k8s/recorder/api/v1/namespaces/default/configmaps';

test('a write whose body is not a Kubernetes media type is 415 UnsupportedMediaType and never reaches the API server', async () => {
  const refused: [string, string, Record<string, string>][] = [
    ['POST', path, { 'Content-Type': 'text/plain' }],
    ['POST', path, { 'Content-Type': 'text/plain;charset=UTF-8' }],
    ['POST', path, { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['POST', path, { 'Content-Type': 'multipart/form-data; boundary=x' }],
    ['POST', path, {}],
    ['POST', path, { 'Transfer-Encoding': 'chunked' }],
    ['PUT', `${path}/a`, { 'Content-Type': 'text/plain' }],
    ['PATCH', `${path}/a`, { 'Content-Type': 'application/json' }],
    ['PATCH', `${path}/a`, { 'Content-Type': 'text/plain' }],
    ['DELETE', `${path}/a`, { 'Content-Type': 'text/plain' }],
    ['DELETE', `${path}/a`, {}],
    ['POST', '/k8s/recorder/api/v1/namespaces/default/services/web/proxy/admin', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ];
  for (const [method, url, headers] of refused) {
    const body = '{"kind":"ConfigMap"}';
    const framing: Record<string, string> = headers['Transfer-Encoding'] ? {} : { 'Content-Length': String(body.length) };
    const res = await rawRequest(consoleUnderTest.port, url, { method, headers: { ...framing, ...headers }, body });
    const what = `${method} ${headers['Content-Type'] ?? '(no type)'}`;
    assert.equal(res.status, 415, what);
    assert.equal(res.headers['cache-control'], 'no-store', what);
    const status = JSON.parse(res.body) as { kind: string; reason: string; code: number; message: string };
    assert.deepEqual([status.kind, status.reason, status.code], ['Status', 'UnsupportedMediaType', 415], what);
    assert.match(status.message, /accepted media types include: application\//, what);
  }
  assert.deepEqual(recorder.seen, [], 'nothing was forwarded');
});

test('writes in every media type the API server decodes pass, with or without parameters', async () => {
  recorder.seen.length = 0;
  const accepted: [string, string, string | undefined][] = [
    ['POST', path, 'application/json'],
    ['POST', path, 'application/json; charset=utf-8'],
    ['POST', path, 'application/yaml'],
    ['POST', path, 'application/vnd.kubernetes.protobuf'],
    ['PUT', `${path}/a`, 'Application/JSON'],
    ['PATCH', `${path}/a`, 'application/json-patch+json'],
    ['PATCH', `${path}/a`, 'application/merge-patch+json'],
    ['PATCH', `${path}/a`, 'application/strategic-merge-patch+json'],
    ['PATCH', `${path}/a`, 'application/apply-patch+yaml; charset=utf-8'],
    ['DELETE', `${path}/a`, 'application/json'],
    ['DELETE', `${path}/a`, undefined],
  ];
  for (const [method, url, type] of accepted) {
    const res = await rawRequest(consoleUnderTest.port, url, { method, headers: type ? { 'Content-Type': type, 'Content-Length': '2' } : {}, body: type ? '{}' : undefined });
    assert.equal(res.status, 200, `${method} ${type}`);
  }
  assert.equal(recorder.seen.length, accepted.length);
});

test('kubectl apply, server-side apply, create, patch, scale, label and delete still work through the console', async () => {
  const server = `${consoleUnderTest.origin}/k8s/demo`;
  const ok = async (args: string[], input?: string) => {
    const r = await kubectl(['--server', server, ...args], { input });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied, namespace: writes}\ndata: {k: "${v}"}\n`;
  await ok(['create', 'namespace', 'writes']);
  assert.match(await ok(['apply', '-f', '-'], cm('1')), /created/);
  assert.match(await ok(['apply', '-f', '-'], cm('2')), /configured/);
  assert.match(await ok(['apply', '--server-side', '-f', '-'], cm('3').replace('applied', 'server-applied')), /serverside-applied/);
  await ok(['create', 'deployment', 'made-here', '--image=nginx:1.27', '-n', 'writes']);
  await ok(['patch', 'configmap', 'applied', '-n', 'writes', '--type=merge', '-p', '{"data":{"k":"merged"}}']);
  await ok(['patch', 'configmap', 'applied', '-n', 'writes', '--type=json', '-p', '[{"op":"add","path":"/data/j","value":"x"}]']);
  await ok(['patch', 'deployment', 'made-here', '-n', 'writes', '-p', '{"spec":{"replicas":2}}']);
  await ok(['scale', 'deployment/made-here', '-n', 'writes', '--replicas=3']);
  await ok(['label', 'configmap', 'applied', '-n', 'writes', 'tier=front']);
  const got = JSON.parse(await ok(['get', 'configmap', 'applied', '-n', 'writes', '-o', 'json'])) as { data: Record<string, string>; metadata: { labels: Record<string, string> } };
  assert.deepEqual(got.data, { k: 'merged', j: 'x' });
  assert.equal(got.metadata.labels.tier, 'front');
  assert.match(await ok(['delete', 'configmap', 'applied', 'server-applied', '-n', 'writes']), /deleted/);
  assert.match(await ok(['delete', 'deployment', 'made-here', '-n', 'writes', '--cascade=foreground']), /deleted/);
});
