/**
 * A list page's informers start with the page request, before the SPA has even been fetched, and
 * its subscription finds them; nothing else starts any, and a page that never subscribes lets
 * them go.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, test } from 'node:test';
import { startDemoContext } from '../../clusters/demo.ts';
import { createRegistry, type ClusterContext } from '../../clusters/types.ts';
import { silentLogger } from '../../log.ts';
import type { DemoCluster } from '../../sim/index.ts';
import { openWebSocket, rawRequest, startConsole, type RunningConsole } from '../../testing/consoleFixture.ts';
import { eventually } from '../../testing/eventually.ts';
import { findView } from '../registry.ts';
import { createLiveHub } from './hub.ts';
import type { ServerMessage } from './protocol.ts';

let cluster: DemoCluster;
let context: ClusterContext;
let c: RunningConsole;

before(async () => {
  ({ cluster, context } = await startDemoContext({ speed: 20 }));
  c = await startConsole([context]);
});

after(async () => {
  await c?.close();
  await cluster?.close();
});

const stats = () => c.console.liveHub.stats();

test('a list page starts listing as it is requested, and its subscription shares that informer', async () => {
  const notPages: [string, string][] = [
    ['HEAD', '/c/demo/pods'],
    ['POST', '/c/demo/pods'],
    ['GET', '/c/demo/k/pods'],
    ['GET', '/c/demo/pods/default/web-1'],
    ['GET', '/c/nope/pods'],
    ['GET', '/c/demo/pods?ns=..'],
    ['GET', '/c/demo/%2e%2e/pods'],
    ['GET', '/c/demo/..%2fpods'],
    ['GET', `/c/demo/${'p'.repeat(5000)}`],
    ['GET', '/api/contexts'],
  ];
  for (const [method, path] of notPages) await rawRequest(c.port, path, { method, headers: { Origin: c.origin } });
  // Another site's image or script tag, or a fetch, naming a list page: no page load.
  for (const dest of ['image', 'script', 'empty', 'iframe']) await rawRequest(c.port, '/c/demo/pods', { headers: { 'Sec-Fetch-Dest': dest, 'Sec-Fetch-Site': 'cross-site' } });
  assert.equal(stats().informers, 0, 'no informer for anything but a list page load');
  // A link from another site (a runbook, a chat) is a page load like any other.

  const page = await rawRequest(c.port, '/c/demo/pods?ns=default&sort=-age', { headers: { 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Site': 'cross-site' } });
  assert.ok(page.status === 200 || page.status === 503, `the page itself is answered as before (${page.status})`);
  await eventually(() => stats().informers === 1, 'the pods informer to start with the page');
  assert.equal(stats().sockets, 0, 'before any socket');

  const opened = await openWebSocket(`ws://127.0.0.1:${c.port}/api/live`, { origin: c.origin });
  assert.ok(opened.ws);
  opened.ws.send(JSON.stringify({ type: 'subscribe', id: 'pods', view: 'pods', context: 'demo', namespaces: ['default'] }));
  const snapshot = await eventually(
    () => opened.received.map((m) => JSON.parse(m.toString()) as ServerMessage).find((m) => m.type === 'snapshot' || m.type === 'error'),
    'the subscription’s first snapshot',
  );
  assert.equal(snapshot.type, 'snapshot');
  assert.equal(stats().informers, 1, 'the subscription uses the informer the page started');
  opened.ws.close();
});

test('a warm-up no subscription claims lets its informers go; at most 32 are held at once', async () => {
  const hub = createLiveHub(createRegistry([context], 'demo'), silentLogger, { warmHoldMs: 30, graceMs: 30 });
  try {
    const req = {} as IncomingMessage;
    hub.warm(req, { context: 'elsewhere', view: 'pods', namespaces: [] });
    hub.warm(req, { context: 'demo', view: 'no-such-view', namespaces: [] });
    assert.deepEqual(hub.stats(), { sockets: 0, informers: 0, subscriptions: 0, warming: 0 });
    hub.warm(req, { context: 'demo', view: 'deployments', namespaces: [] });
    assert.equal(hub.stats().informers, findView('deployments')?.resources.length, 'one informer per resource the view reads');
    await eventually(() => hub.stats().informers === 0, 'the unclaimed informer to stop after the hold and the grace');
    assert.equal(hub.stats().warming, 0);
    for (let i = 0; i < 40; i++) hub.warm(req, { context: 'demo', view: 'nodes', namespaces: [] });
    assert.equal(hub.stats().warming, 32);
    assert.equal(hub.stats().informers, findView('nodes')?.resources.length, 'the same page warmed again shares its informers');
  } finally {
    await hub.close();
  }
  assert.equal(hub.stats().warming, 0, 'closing lets every warm-up go');
});
