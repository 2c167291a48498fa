import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster } from '../sim/index.ts';
import { startConsole } from '../testing/consoleFixture.ts';

test('readyz follows the selected context; healthz only says the process is up', async () => {
  const cluster = await startDemoCluster({ speed: 20, seed: false });
  const up = await startConsole([demoContext(cluster.url), demoContext('http://127.0.0.1:1', 'down')], { basePath: '/console/' });
  const down = await startConsole([demoContext(cluster.url), demoContext('http://127.0.0.1:1', 'down')], {}, 'down');
  try {
    assert.equal((await fetch(`${up.origin}/readyz`)).status, 200);
    assert.equal((await fetch(`${up.origin}/console/readyz`)).status, 200);
    const res = await fetch(`${down.origin}/readyz`);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(((await res.json()) as { message: string }).message, /context "down" is not reachable: connect ECONNREFUSED 127\.0\.0\.1:1/);
    assert.equal(await (await fetch(`${down.origin}/healthz`)).text(), 'ok');
  } finally {
    await up.close();
    await down.close();
    await cluster.close();
  }
});
