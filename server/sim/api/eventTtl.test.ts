import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoCluster, type DemoCluster } from '../index.ts';

const TTL_MS = 6000;
let cluster: DemoCluster;

before(async () => {
  // Unseeded, as kube-apiserver: the default namespace is there all the same.
  cluster = await startDemoCluster({ port: 0, seed: false, controllers: false, eventTtlMs: TTL_MS });
});
after(() => cluster.close());

const eventsUrl = () => `${cluster.url}/api/v1/namespaces/default/events`;

function event(name: string) {
  return {
    metadata: { name },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-0' },
    reason: 'Pulled',
    message: 'Container image "nginx:1.27" already present on machine',
    type: 'Normal',
    count: 1,
  };
}

async function post(body: unknown): Promise<void> {
  const res = await fetch(eventsUrl(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.text());
}

/** Resolves with the name of each event DELETED on a watch, in order, until `count` arrived. */
async function deletions(fromRv: string, count: number): Promise<{ name: string; otherStillThere: boolean }[]> {
  const res = await fetch(`${eventsUrl()}?watch=1&resourceVersion=${fromRv}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: { name: string; otherStillThere: boolean }[] = [];
  let buf = '';
  while (seen.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const e = JSON.parse(buf.slice(0, nl)) as { type: string; object: { metadata: { name: string } } };
      buf = buf.slice(nl + 1);
      if (e.type !== 'DELETED') continue;
      const list = (await (await fetch(eventsUrl())).json()) as { items: { metadata: { name: string } }[] };
      seen.push({ name: e.object.metadata.name, otherStillThere: list.items.some((i) => i.metadata.name !== e.object.metadata.name) });
    }
  }
  await reader.cancel();
  return seen;
}

test('events expire a TTL after their last write, as a DELETED watch event; a repeat renews the lease', { timeout: 40_000 }, async () => {
  const list = (await (await fetch(eventsUrl())).json()) as { metadata: { resourceVersion: string } };
  await post(event('web-0.once'));
  await post(event('web-0.repeated'));
  const watching = deletions(list.metadata.resourceVersion, 2);
  // Halfway through the TTL the repeated event is seen again: the recorder bumps its count.
  await new Promise((r) => setTimeout(r, TTL_MS / 2));
  const patch = await fetch(`${eventsUrl()}/web-0.repeated`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ count: 2 }) });
  assert.equal(patch.status, 200);

  const gone = await watching;
  assert.deepEqual(gone, [
    { name: 'web-0.once', otherStillThere: true },
    { name: 'web-0.repeated', otherStillThere: false },
  ]);
  assert.equal((await fetch(`${eventsUrl()}/web-0.once`)).status, 404);
});

test('other kinds never expire', async () => {
  const res = await fetch(`${cluster.url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ metadata: { name: 'settings' }, data: { a: '1' } }) });
  assert.equal(res.status, 201);
  await new Promise((r) => setTimeout(r, TTL_MS + 500));
  assert.equal((await fetch(`${cluster.url}/api/v1/namespaces/default/configmaps/settings`)).status, 200);
});
