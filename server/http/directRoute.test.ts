import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster } from '../sim/index.ts';
import { rawRequest, startConsole } from '../testing/consoleFixture.ts';
import { directRoute, expressMessages } from './directRoute.ts';
import { errorHandler, sendStatus } from './errors.ts';
import { securityHeaders } from './headers.ts';
import { silentLogger } from '../log.ts';

/** What a handler under the mount sees of its request, as JSON. */
const describe: RequestHandler = (req, res) => {
  if (req.path === '/throws') throw new Error('thrown');
  if (req.path === '/rejects') return Promise.reject(new Error('rejected'));
  if (req.path === '/refuses') return sendStatus(res, 403, 'Forbidden', 'refused');
  res.json({ url: req.url, baseUrl: req.baseUrl, originalUrl: req.originalUrl, path: req.path, query: req.query, secure: req.secure, trail: res.getHeader('x-trail') });
};

/** The same app served through directRoute (`direct`) or by Express's router alone. */
async function serve(direct: boolean): Promise<{ origin: string; close(): Promise<void> }> {
  const app = express();
  app.set('trust proxy', true);
  const trail = (mark: string): RequestHandler => (_req, res, next) => {
    res.setHeader('x-trail', `${res.getHeader('x-trail') ?? ''}${mark}`);
    next();
  };
  const before = [trail('a'), securityHeaders];
  const mounted = [trail('m'), describe];
  const onError = errorHandler(silentLogger);
  const notFound: RequestHandler = (_req, res) => sendStatus(res, 404, 'NotFound', 'nothing here');
  app.use(...before);
  app.use('/base/k8s', ...mounted);
  app.use(notFound);
  app.use(onError);
  const route = directRoute(app, { before, mountPath: '/base/k8s', mounted, onError, notFound });
  const server = direct
    ? http.createServer(expressMessages(app), (req, res) => {
        if (!route(req, res)) app(req, res);
      })
    : http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function answer(origin: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${origin}${path}`, { headers });
  return { status: res.status, body: await res.text(), nosniff: res.headers.get('x-content-type-options'), cacheControl: res.headers.get('cache-control') };
}

test('handlers under the mount see the request, answer and fail exactly as behind the router', async () => {
  const [direct, routed] = await Promise.all([serve(true), serve(false)]);
  try {
    const cases: [string, Record<string, string>?][] = [
      ['/base/k8s/demo/api/v1/pods?watch=1&labelSelector=a%3Db'],
      ['/base/k8s/demo/api', { 'X-Forwarded-Proto': 'https' }],
      ['/base/k8s/throws'],
      ['/base/k8s/rejects'],
      ['/base/k8s/refuses'],
      ['/BASE/K8S/demo/api'],
      ['/base/k8s'],
      ['/base/k8sx/demo'],
    ];
    for (const [path, headers] of cases) {
      const got = await answer(direct.origin, path, headers);
      assert.deepEqual(got, await answer(routed.origin, path, headers), path);
      assert.equal(got.nosniff, 'nosniff', path);
    }
    const seen = JSON.parse((await answer(direct.origin, '/base/k8s/demo/api?x=1', { 'X-Forwarded-Proto': 'https' })).body);
    assert.deepEqual(seen, { url: '/demo/api?x=1', baseUrl: '/base/k8s', originalUrl: '/base/k8s/demo/api?x=1', path: '/demo/api', query: { x: '1' }, secure: true, trail: 'am' });
    assert.equal((await answer(direct.origin, '/base/k8s/throws')).status, 500);
  } finally {
    await Promise.all([direct.close(), routed.close()]);
  }
});

test('a proxied GET answers the same under /k8s/ as through the router, with every console header, and foreign hosts stay out', async () => {
  const cluster = await startDemoCluster({ speed: 20 });
  const running = await startConsole([demoContext(cluster.url)]);
  try {
    const headersOf = async (prefix: string) => {
      const res = await fetch(`${running.origin}${prefix}/demo/api/v1/namespaces/default`);
      assert.equal(res.status, 200, prefix);
      const h = Object.fromEntries(res.headers);
      for (const varying of ['date', 'x-request-id', 'audit-id', 'content-length', 'keep-alive']) delete h[varying];
      return h;
    };
    const direct = await headersOf('/k8s');
    assert.deepEqual(direct, await headersOf('/K8S'));
    assert.equal(direct['cache-control'], 'no-store');
    assert.equal(direct['x-content-type-options'], 'nosniff');
    assert.equal(direct['x-frame-options'], 'DENY');
    assert.match(direct['content-security-policy'], /sandbox/);

    const foreign = await rawRequest(running.port, '/k8s/demo/api/v1/namespaces', { headers: { Host: 'evil.example' } });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers['x-content-type-options'], 'nosniff');
    const crossSite = await rawRequest(running.port, '/k8s/demo/api/v1/namespaces', { method: 'POST', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(crossSite.status, 403);
    const logged = running.logs.map((l) => JSON.parse(l) as { msg: string; path?: string; status?: number }).filter((l) => l.msg === 'request' && l.path === '/k8s/demo/api/v1/namespaces/default');
    assert.deepEqual(logged.map((l) => l.status), [200]);
  } finally {
    await running.close();
    await cluster.close();
  }
});
