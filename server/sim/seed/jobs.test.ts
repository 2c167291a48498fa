import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { startDemoCluster, type DemoCluster } from '../index.ts';

let cluster: DemoCluster;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20 });
});

after(async () => {
  await cluster?.close();
});

async function get(path: string): Promise<KubeObject> {
  const res = await fetch(`${cluster.url}${path}`);
  assert.equal(res.status, 200, path);
  return (await res.json()) as KubeObject;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const job = (name: string) => get(`/apis/batch/v1/namespaces/batch/jobs/${name}`);
const podsOf = async (name: string) => ((await get(`/api/v1/namespaces/batch/pods?labelSelector=batch.kubernetes.io/job-name%3D${name}`)).items as KubeObject[]);

test('schema-migration ends Failed with BackoffLimitExceeded after three pods exit 1, their logs saying why', async () => {
  const failed = await until('schema-migration Failed', async () => {
    const j = await job('schema-migration');
    return j.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Failed' && c.status === 'True') ? j : undefined;
  });
  assert.equal(failed.status.conditions.find((c: { type: string }) => c.type === 'Failed').reason, 'BackoffLimitExceeded');
  assert.equal(failed.status.failed, 3, 'backoffLimit 2: the third failure ends it');
  const pods = await podsOf('schema-migration');
  assert.equal(pods.length, 3);
  for (const p of pods) assert.equal(p.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, 1);
  const log = await (await fetch(`${cluster.url}/api/v1/namespaces/batch/pods/${pods[0].metadata.name}/log`)).text();
  assert.match(log, /migration 42 failed/);
});

test('the Indexed thumbnail-render is in progress with index 0 completed and two pods at work, each given its index', async () => {
  const j = await until('index 0 completed', async () => {
    const x = await job('thumbnail-render');
    return x.status?.completedIndexes === '0' && x.status?.active === 2 ? x : undefined;
  });
  assert.equal(j.status.succeeded, 1);
  assert.ok(!j.status.conditions?.some((c: { type: string; status: string }) => c.status === 'True'), 'neither complete nor failed');
  const running = await until('two pods running', async () => {
    const r = (await podsOf('thumbnail-render')).filter((p) => p.status?.phase === 'Running');
    return r.length === 2 ? r : undefined;
  });
  const indexes = running.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort();
  assert.deepEqual(indexes, ['1', '2']);
  const log = await (await fetch(`${cluster.url}/api/v1/namespaces/batch/pods/${running[0].metadata.name}/log`)).text();
  assert.match(log, new RegExp(`rendering thumbnails of shard ${running[0].metadata.annotations?.['batch.kubernetes.io/job-completion-index']}`));
});

test('the parallel search-reindex runs three pods at once toward 10 completions', async () => {
  const j = await until('three active', async () => {
    const x = await job('search-reindex');
    return x.status?.active === 3 ? x : undefined;
  });
  assert.deepEqual([j.spec.completions, j.spec.parallelism, j.status.succeeded ?? 0], [10, 3, 0]);
});
