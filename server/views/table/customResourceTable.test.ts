import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { demoContext } from '../../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../../sim/index.ts';
import { CRONTAB_CRD_YAML, CRONTAB_YAML } from '../../testing/cronTabExample.ts';
import { eventually } from '../../testing/eventually.ts';
import { openWebSocket, startConsole, type RunningConsole } from '../../testing/consoleFixture.ts';
import type { ServerMessage, SnapshotMessage } from '../live/protocol.ts';
import type { TableRow } from './tableView.ts';

// A kind the console has no catalogue entry for, defined by a CRD, shows in the generic list:
// discovery lists it and the `table` view streams its Table with the CRD's printer columns.

let cluster: DemoCluster;
let app: RunningConsole;

before(async () => {
  // Seeded: the default namespace exists and the CRD controller establishes the CRD.
  cluster = await startDemoCluster({ port: 0, speed: 20 });
  const post = async (path: string, yamlText: string) => {
    const res = await fetch(cluster.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(parse(yamlText)) });
    assert.equal(res.status, 201, await res.text());
  };
  await post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', CRONTAB_CRD_YAML);
  await eventually(() => cluster.store.get('customresourcedefinitions.apiextensions.k8s.io', undefined, 'crontabs.stable.example.com')?.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True'), 'the CronTab CRD to be established');
  await post('/apis/stable.example.com/v1/namespaces/default/crontabs', CRONTAB_YAML);
  app = await startConsole([demoContext(cluster.url)]);
});

after(async () => {
  await app?.close();
  await cluster?.close();
});

test("the console's resource list includes the CRD's kind", async () => {
  const res = await fetch(`${app.origin}/api/contexts/demo/resources?namespace=default`);
  assert.equal(res.status, 200);
  const body = JSON.stringify(await res.json());
  assert.match(body, /"crontabs"/);
  assert.match(body, /stable\.example\.com/);
});

test('the generic table view shows a CronTab with the CRD columns Spec, Replicas and Age', async () => {
  const opened = await openWebSocket(`ws://127.0.0.1:${app.port}/api/live`, { origin: app.origin });
  const ws = opened.ws;
  assert.ok(ws, `the live channel was refused: ${opened.status} ${opened.body}`);
  try {
    const snapshot = new Promise<SnapshotMessage<TableRow>>((resolve) => {
      const check = (data: Buffer) => {
        const m = JSON.parse(data.toString()) as ServerMessage;
        if (m.type === 'snapshot') resolve(m as SnapshotMessage<TableRow>);
      };
      for (const d of opened.received) check(d);
      ws.on('message', check);
    });
    ws.send(JSON.stringify({ type: 'subscribe', id: 'ct', view: 'table', context: 'demo', namespaces: ['default'], params: { group: 'stable.example.com', version: 'v1', plural: 'crontabs' } }));
    const snap = await snapshot;
    assert.deepEqual(snap.columns?.map((c) => c.name), ['Name', 'Spec', 'Replicas', 'Age']);
    assert.deepEqual(snap.rows.map((r) => [r.namespace, r.name, r.cells[1]]), [['default', 'my-new-cron-object', '* * * * */5']]);
  } finally {
    ws.close();
  }
});
