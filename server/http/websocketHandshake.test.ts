import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import { rawRequest, startConsole, type RunningConsole } from '../testing/consoleFixture.ts';

let cluster: DemoCluster;
let consoleApp: RunningConsole;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20 });
  consoleApp = await startConsole([demoContext(cluster.url)]);
});

after(async () => {
  await consoleApp?.close();
  await cluster?.close();
});

test('a live-channel handshake with a bad key or version is a 400 Status with no-store, not the websocket library\'s bare text', async () => {
  for (const [key, version] of [
    ['', '13'],
    ['short', '13'],
    ['ZnV6ei1oYW5kc2hha2UtMQ==', '99'],
    ['ZnV6ei1oYW5kc2hha2UtMQ==', ''],
  ]) {
    const res = await rawRequest(consoleApp.port, '/api/live', { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': version } });
    assert.equal(res.status, 400, `${key} ${version}`);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal((JSON.parse(res.body) as { kind: string }).kind, 'Status');
  }
});
