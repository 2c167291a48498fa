import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster, type DemoCluster } from '../index.ts';
import { EXPIRED_CONTINUE_MESSAGE } from './continueTokens.ts';

let cluster: DemoCluster;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20, seed: false, controllers: false });
  await call('POST', '/api/v1/namespaces', { metadata: { name: 'shop' } });
  for (const n of ['a', 'b', 'c', 'd', 'e']) await call('POST', '/api/v1/namespaces/shop/configmaps', { metadata: { name: `cm-${n}`, labels: { app: n < 'c' ? 'web' : 'api' } }, data: { k: n } });
});
after(() => cluster.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, any> }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- response shapes vary per test
  const res = await fetch(cluster.url + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** Reads watch events until `until` says stop (or the stream ends). */
async function watchEvents(path: string, until: (events: { type: string; object: any }[]) => boolean, act?: () => Promise<void>) { // eslint-disable-line @typescript-eslint/no-explicit-any -- watch objects vary
  const ctrl = new AbortController();
  const res = await fetch(cluster.url + path, { signal: ctrl.signal });
  assert.equal(res.status, 200);
  const events: { type: string; object: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let acted = false;
  const timer = setTimeout(() => ctrl.abort(), 5000);
  try {
    for (;;) {
      if (!acted && act) {
        acted = true;
        await act();
      }
      const { done, value } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buf.slice(0, nl)));
        buf = buf.slice(nl + 1);
      }
      if (until(events)) break;
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
  return events;
}

test('an update with a stale resourceVersion is a 409 Conflict', async () => {
  const cm = (await call('GET', '/api/v1/namespaces/shop/configmaps/cm-a')).body;
  const first = await call('PUT', '/api/v1/namespaces/shop/configmaps/cm-a', { ...cm, data: { k: 'one' } });
  assert.equal(first.status, 200);
  const stale = await call('PUT', '/api/v1/namespaces/shop/configmaps/cm-a', { ...cm, data: { k: 'two' } });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.reason, 'Conflict');
  assert.match(stale.body.message, /the object has been modified/);
});

test('creating an object with an invalid name is a 422 Invalid, in a missing namespace a 404', async () => {
  const bad = await call('POST', '/api/v1/namespaces/shop/configmaps', { metadata: { name: 'Not_Valid' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.reason, 'Invalid');
  const missing = await call('POST', '/api/v1/namespaces/nowhere/configmaps', { metadata: { name: 'x' } });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.message, 'namespaces "nowhere" not found');
});

test('paging keeps one resourceVersion across pages and an expired continue token is a 410 with a fresh token', async () => {
  const p1 = await call('GET', '/api/v1/namespaces/shop/configmaps?limit=2');
  assert.equal(p1.body.kind, 'ConfigMapList');
  assert.equal(p1.body.items.length, 2);
  assert.equal(p1.body.metadata.remainingItemCount, 3);
  // A change after the first page must not show up in the next ones (consistent snapshot).
  await call('DELETE', '/api/v1/namespaces/shop/configmaps/cm-e');
  const p2 = await call('GET', `/api/v1/namespaces/shop/configmaps?limit=2&continue=${p1.body.metadata.continue}`);
  const p3 = await call('GET', `/api/v1/namespaces/shop/configmaps?limit=2&continue=${p2.body.metadata.continue}`);
  assert.equal(p2.body.metadata.resourceVersion, p1.body.metadata.resourceVersion);
  assert.deepEqual([...p1.body.items, ...p2.body.items, ...p3.body.items].map((i: { metadata: { name: string } }) => i.metadata.name), ['cm-a', 'cm-b', 'cm-c', 'cm-d', 'cm-e']);
  await call('POST', '/api/v1/namespaces/shop/configmaps', { metadata: { name: 'cm-e', labels: { app: 'api' } } });

  cluster.store.compact();
  const expired = await call('GET', `/api/v1/namespaces/shop/configmaps?limit=2&continue=${p1.body.metadata.continue}`);
  assert.equal(expired.status, 410);
  assert.equal(expired.body.reason, 'Expired');
  assert.equal(expired.body.message, EXPIRED_CONTINUE_MESSAGE);
  assert.ok(expired.body.metadata.continue, 'a fresh continue token');
  const resumed = await call('GET', `/api/v1/namespaces/shop/configmaps?limit=10&continue=${expired.body.metadata.continue}`);
  assert.equal(resumed.status, 200);
  assert.deepEqual(resumed.body.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['cm-c', 'cm-d', 'cm-e']);
});

test('a list at resourceVersion=0 is answered whole, as the watch cache answers it: the limit is not applied and no continue token is given', async () => {
  const all = await call('GET', '/api/v1/namespaces/shop/configmaps');
  const cached = await call('GET', '/api/v1/namespaces/shop/configmaps?limit=2&resourceVersion=0');
  assert.equal(cached.status, 200);
  assert.equal(cached.body.metadata.continue, undefined);
  assert.deepEqual(cached.body.items.map((i: { metadata: { name: string } }) => i.metadata.name), all.body.items.map((i: { metadata: { name: string } }) => i.metadata.name));
  assert.ok(cached.body.items.length > 2);
  const exact = await call('GET', `/api/v1/namespaces/shop/configmaps?limit=2&resourceVersion=${all.body.metadata.resourceVersion}&resourceVersionMatch=Exact`);
  assert.equal(exact.body.items.length, 2, 'an Exact list is paged');
});

test('a watch from a compacted resourceVersion gets an ERROR event with 410 Expired, then the stream ends', async () => {
  cluster.store.compact();
  const events = await watchEvents('/api/v1/namespaces/shop/configmaps?watch=1&resourceVersion=5', () => false);
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'ERROR');
  assert.equal(events[0].object.code, 410);
  assert.equal(events[0].object.reason, 'Expired');
  assert.match(events[0].object.message, /^too old resource version: 5 \(\d+\)$/);
});

test('a watch with a label selector sees an object that stops matching as DELETED', async () => {
  const events = await watchEvents(
    '/api/v1/namespaces/shop/configmaps?watch=true&labelSelector=app%3Dweb',
    (evs) => evs.some((e) => e.type === 'DELETED'),
    async () => {
      await call('PATCH', '/api/v1/namespaces/shop/configmaps/cm-b', { metadata: { labels: { app: 'api' } } }, { 'Content-Type': 'application/merge-patch+json' });
    },
  );
  assert.deepEqual(
    events.map((e) => `${e.type} ${e.object.metadata.name}`),
    ['ADDED cm-a', 'ADDED cm-b', 'DELETED cm-b'],
  );
  await call('PATCH', '/api/v1/namespaces/shop/configmaps/cm-b', { metadata: { labels: { app: 'web' } } }, { 'Content-Type': 'application/merge-patch+json' });
});

test('sendInitialEvents ends the initial ADDED burst with the initial-events-end BOOKMARK', async () => {
  const events = await watchEvents(
    '/api/v1/namespaces/shop/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=',
    (evs) => evs.some((e) => e.type === 'BOOKMARK'),
  );
  const last = events[events.length - 1];
  assert.equal(last.type, 'BOOKMARK');
  assert.equal(last.object.metadata.annotations['k8s.io/initial-events-end'], 'true');
  assert.ok(events.slice(0, -1).every((e) => e.type === 'ADDED'));
});

test('a Table is served when kubectl asks for one, and PartialObjectMetadataList for metadata clients', async () => {
  const table = await call('GET', '/api/v1/namespaces/shop/configmaps', undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
  assert.equal(table.body.kind, 'Table');
  assert.equal(table.body.rows[0].object.kind, 'PartialObjectMetadata');
  const meta = await call('GET', '/api/v1/namespaces/shop/configmaps', undefined, { Accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' });
  assert.equal(meta.body.kind, 'PartialObjectMetadataList');
  assert.equal(meta.body.items[0].metadata.name, 'cm-a');
});

test('deleting a configmap answers a Success Status; dryRun deletes nothing', async () => {
  const dry = await call('DELETE', '/api/v1/namespaces/shop/configmaps/cm-d?dryRun=All');
  assert.equal(dry.status, 200);
  assert.equal((await call('GET', '/api/v1/namespaces/shop/configmaps/cm-d')).status, 200);
  const del = await call('DELETE', '/api/v1/namespaces/shop/configmaps/cm-d');
  assert.equal(del.body.kind, 'Status');
  assert.equal(del.body.status, 'Success');
  assert.equal(del.body.details.name, 'cm-d');
  assert.equal((await call('GET', '/api/v1/namespaces/shop/configmaps/cm-d')).status, 404);
});

test('unknown paths are 404 Status objects and wrong methods 405', async () => {
  const nf = await call('GET', '/api/v1/widgets');
  assert.equal(nf.status, 404);
  assert.equal(nf.body.kind, 'Status');
  const na = await call('PUT', '/api/v1/namespaces/shop/configmaps');
  assert.equal(na.status, 405);
});

test('a required token is enforced (401) and the policy file denies with the real 403 message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-policy-'));
  const policy = join(dir, 'policy.yaml');
  writeFileSync(policy, 'users:\n  viewer:\n    token: view-token\n    rules:\n      - verbs: [get, list, watch]\n        resources: [pods]\n        namespaces: [shop]\n');
  const secured = await startDemoCluster({ port: 0, seed: false, controllers: false, token: 'admin-token', policyFile: policy });
  try {
    const anon = await fetch(`${secured.url}/api/v1/namespaces`);
    assert.equal(anon.status, 401);
    assert.equal(((await anon.json()) as { reason: string }).reason, 'Unauthorized');
    const admin = await fetch(`${secured.url}/api/v1/namespaces`, { headers: { Authorization: 'Bearer admin-token' } });
    assert.equal(admin.status, 200);
    const viewer = { Authorization: 'Bearer view-token' };
    assert.equal((await fetch(`${secured.url}/api/v1/namespaces/shop/pods`, { headers: viewer })).status, 200);
    const denied = await fetch(`${secured.url}/api/v1/namespaces/shop/secrets`, { headers: viewer });
    assert.equal(denied.status, 403);
    assert.equal(((await denied.json()) as { message: string }).message, 'secrets is forbidden: User "viewer" cannot list resource "secrets" in API group "" in the namespace "shop"');
  } finally {
    await secured.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
