import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { WebSocket } from 'ws';
import { startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import { rendersActiveContent } from './proxiedContent.ts';
import { contextAt, startHttpUpstream, websocketAccept, type TestUpstream } from '../testing/testUpstream.ts';

/** What a hostile workload serves through a pod, service or node proxy. */
const HOSTILE_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Credentials': 'true',
  'Set-Cookie': 'session=stolen; Path=/',
  'Clear-Site-Data': '"cookies", "storage"',
  'WWW-Authenticate': 'Basic realm="console"',
  'Content-Security-Policy': "script-src 'unsafe-inline'",
};
const TYPES: Record<string, string> = { svg: 'image/svg+xml', xml: 'text/xml', png: 'image/png', json: 'application/json' };

let upstream: TestUpstream;
let consoleUnderTest: RunningConsole;
let k8s: string;

test.before(async () => {
  upstream = await startHttpUpstream(
    (req, res) => {
      const ext = /\.(\w+)$/.exec(req.url ?? '')?.[1] ?? '';
      const type = TYPES[ext] ?? 'text/html; charset=utf-8';
      res.writeHead(200, { ...HOSTILE_HEADERS, 'Content-Type': type });
      res.end(type.startsWith('text/html') ? '<script>fetch("/k8s/prod/api/v1/secrets")</script>' : '{}');
    },
    (req, socket) => socket.write(websocketAccept(req, ['Set-Cookie: session=stolen', 'Access-Control-Allow-Origin: *'])),
  );
  consoleUnderTest = await startConsole([contextAt(upstream.url, 'prod')]);
  k8s = `${consoleUnderTest.origin}/k8s/prod`;
});
test.after(async () => {
  await consoleUnderTest.close();
  await upstream.close();
});

function assertSandboxed(headers: Headers, what: string): void {
  const directives = (headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
  assert.ok(directives.includes('sandbox'), `${what}: CSP sandbox, got ${headers.get('content-security-policy')}`);
  assert.ok(!directives.some((d) => d.startsWith('sandbox ')), `${what}: the sandbox allows nothing`);
}

function assertNothingActsOnTheOrigin(headers: Headers, what: string): void {
  for (const name of Object.keys(HOSTILE_HEADERS).filter((n) => n !== 'Content-Security-Policy')) {
    assert.equal(headers.get(name), null, `${what}: ${name} is not relayed`);
  }
  assert.equal(headers.get('cache-control'), 'no-store', what);
}

test('an HTML page served through a service, pod or node proxy is sandboxed and downloaded, never rendered on the console origin', async () => {
  for (const path of [
    '/api/v1/namespaces/default/services/web/proxy',
    '/api/v1/namespaces/default/services/web:8080/proxy/',
    '/api/v1/namespaces/default/services/https:web:443/proxy/admin/index.html',
    '/api/v1/namespaces/default/pods/web-0/proxy/',
    '/api/v1/namespaces/default/pods/web-0:9090/proxy/metrics',
    '/api/v1/nodes/node-a/proxy/logs/',
    '/api/v1/nodes/node-a:10250/proxy/pods',
  ]) {
    const res = await fetch(`${k8s}${path}`);
    assert.equal(res.status, 200, path);
    assert.match(await res.text(), /<script>/, `${path}: the body is relayed untouched`);
    assertSandboxed(res.headers, path);
    assert.equal(res.headers.get('content-disposition'), 'attachment', path);
    assertNothingActsOnTheOrigin(res.headers, path);
  }
});

test('SVG and XML from a proxy are downloaded too; inert types are shown, still sandboxed', async () => {
  for (const [file, disposition] of [
    ['logo.svg', 'attachment'],
    ['feed.xml', 'attachment'],
    ['chart.png', null],
    ['status.json', null],
  ] as const) {
    const res = await fetch(`${k8s}/api/v1/namespaces/default/services/web/proxy/${file}`);
    await res.arrayBuffer();
    assert.equal(res.headers.get('content-disposition'), disposition, file);
    assertSandboxed(res.headers, file);
  }
});

test('no API response under /k8s carries CORS headers or cookies from upstream', async () => {
  const res = await fetch(`${k8s}/api/v1/namespaces/default/configmaps/x.json`, { headers: { Origin: consoleUnderTest.origin } });
  assert.equal(res.status, 200);
  await res.arrayBuffer();
  assertNothingActsOnTheOrigin(res.headers, 'a JSON answer');
  assert.equal(res.headers.get('content-disposition'), null, 'JSON is not turned into a download');
});

test('a websocket handshake relayed from upstream sets no cookie and no CORS header', async () => {
  const ws = new WebSocket(`${k8s.replace('http', 'ws')}/api/v1/namespaces/default/pods/web-0/exec?command=sh`);
  const headers = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
    ws.once('upgrade', (res) => resolve(res.headers));
    ws.once('error', reject);
  });
  ws.terminate();
  assert.equal(headers['set-cookie'], undefined);
  assert.equal(headers['access-control-allow-origin'], undefined);
  assert.ok(upstream.seen.length > 0);
});

test('what a browser would render as active content is recognised from the Content-Type', () => {
  for (const t of ['text/html', 'TEXT/HTML; charset=utf-8', 'application/xhtml+xml', 'image/svg+xml', 'text/xml', 'application/xml', 'application/rss+xml', 'text/xsl', 'multipart/x-mixed-replace; boundary=x', '', 'garbage', undefined]) {
    assert.equal(rendersActiveContent(t), true, String(t));
  }
  for (const t of ['application/json', 'application/json;stream=watch', 'text/plain; charset=utf-8', 'image/png', 'application/vnd.kubernetes.protobuf', 'application/yaml']) {
    assert.equal(rendersActiveContent(t), false, t);
  }
});
