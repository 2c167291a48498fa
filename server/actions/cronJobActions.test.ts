/**
 * The CronJob actions against the demo cluster, through the console's HTTP API: trigger now
 * makes the Job kubectl would (manual annotation, controller owner reference) and it runs to
 * Complete; suspend and resume flip spec.suspend; a bad schedule is refused with the parser's
 * reason and changes nothing; create from a form and from a manifest; delete with propagation;
 * a stale page gets a 409; and on a 1.20 cluster all of it goes through batch/v1beta1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import type { KubeObject } from '../kube/object.ts';
import { startConsole, type RunningConsole } from '../testing/consoleFixture.ts';

let cluster: DemoCluster;
let old: DemoCluster;
let consoleApp: RunningConsole;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20 });
  old = await startDemoCluster({ port: 0, speed: 20, kubeVersion: '1.20' });
  consoleApp = await startConsole([demoContext(cluster.url), { ...demoContext(old.url), name: 'old' }]);
});

after(async () => {
  await consoleApp?.close();
  await cluster?.close();
  await old?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are Status objects or Kubernetes objects
async function call(method: string, path: string, body?: unknown, context = 'demo'): Promise<{ status: number; json: any }> {
  const res = await fetch(`${consoleApp.url}api/contexts/${context}${path}`, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

async function kube(c: DemoCluster, path: string): Promise<KubeObject> {
  const res = await fetch(`${c.url}${path}`);
  return (await res.json()) as KubeObject;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const cronJob = (name: string, c = cluster, version = 'v1') => kube(c, `/apis/batch/${version}/namespaces/batch/cronjobs/${name}`);
const seen = (cj: KubeObject) => ({ uid: cj.metadata.uid, generation: cj.metadata.generation });

test('the console reads CronJobs as batch/v1 on 1.32 and as batch/v1beta1 on 1.20', async () => {
  assert.deepEqual((await call('GET', '/cronjob-version')).json, { group: 'batch', version: 'v1', apiVersion: 'batch/v1' });
  assert.deepEqual((await call('GET', '/cronjob-version', undefined, 'old')).json, { group: 'batch', version: 'v1beta1', apiVersion: 'batch/v1beta1' });
});

test('trigger now creates a Job owned by nightly-backup with the manual annotation, and it completes', async () => {
  const cj = await cronJob('nightly-backup');
  const res = await call('POST', '/namespaces/batch/cronjobs/nightly-backup/trigger', { uid: cj.metadata.uid });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  const name: string = res.json.metadata.name;
  assert.match(name, /^nightly-backup-manual-[a-z0-9]{5}$/);
  const job = await kube(cluster, `/apis/batch/v1/namespaces/batch/jobs/${name}`);
  assert.equal(job.metadata.annotations?.['cronjob.kubernetes.io/instantiate'], 'manual');
  const [owner] = job.metadata.ownerReferences ?? [];
  assert.deepEqual({ ...owner }, { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly-backup', uid: cj.metadata.uid, controller: true });
  assert.deepEqual(job.spec?.template?.spec?.containers?.[0]?.image, 'postgres:16.4');
  await waitFor('the manual job to complete', async () => {
    const j = await kube(cluster, `/apis/batch/v1/namespaces/batch/jobs/${name}`);
    return j.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Complete' && c.status === 'True') ? j : undefined;
  }, 60_000);
});

test('trigger now takes an edited name, refuses a bad one, and refuses a CronJob re-created since the page loaded', async () => {
  const cj = await cronJob('cache-warmer');
  const named = await call('POST', '/namespaces/batch/cronjobs/cache-warmer/trigger', { uid: cj.metadata.uid, jobName: 'warm-now' });
  assert.equal(named.status, 201, JSON.stringify(named.json));
  assert.equal(named.json.metadata.name, 'warm-now');
  const bad = await call('POST', '/namespaces/batch/cronjobs/cache-warmer/trigger', { uid: cj.metadata.uid, jobName: 'Warm_Now' });
  assert.equal(bad.status, 400);
  assert.match(bad.json.message, /RFC 1123 subdomain/);
  const tooLong = await call('POST', '/namespaces/batch/cronjobs/cache-warmer/trigger', { uid: cj.metadata.uid, jobName: 'x'.repeat(64) });
  assert.equal(tooLong.status, 422);
  const stale = await call('POST', '/namespaces/batch/cronjobs/cache-warmer/trigger', { uid: 'another-uid' });
  assert.equal(stale.status, 409);
  assert.match(stale.json.message, /deleted and created again/);
});

test('suspend then resume flips spec.suspend, and a page that saw an older spec gets a 409', async () => {
  const before = await cronJob('cache-warmer');
  const s = await call('POST', '/namespaces/batch/cronjobs/cache-warmer/suspend', seen(before));
  assert.equal(s.status, 200, JSON.stringify(s.json));
  const suspended = await cronJob('cache-warmer');
  assert.equal(suspended.spec?.suspend, true);
  const stale = await call('POST', '/namespaces/batch/cronjobs/cache-warmer/resume', seen(before));
  assert.equal(stale.status, 409);
  assert.match(stale.json.message, /spec of cache-warmer changed since you loaded it/);
  const r = await call('POST', '/namespaces/batch/cronjobs/cache-warmer/resume', seen(suspended));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal((await cronJob('cache-warmer')).spec?.suspend, false);
});

test('a bad schedule is refused with the parser\'s reason and changes nothing; a good one is saved', async () => {
  const cj = await cronJob('nightly-backup');
  const bad = await call('PUT', '/namespaces/batch/cronjobs/nightly-backup/schedule', { schedule: '0 25 * * *', ...seen(cj) });
  assert.equal(bad.status, 422);
  assert.match(bad.json.message, /spec\.schedule: Invalid value: "0 25 \* \* \*": end of range \(25\) above maximum \(23\)/);
  const zone = await call('PUT', '/namespaces/batch/cronjobs/nightly-backup/schedule', { schedule: '0 3 * * *', timeZone: 'Mars/Olympus', ...seen(cj) });
  assert.equal(zone.status, 422);
  const tz = await call('PUT', '/namespaces/batch/cronjobs/nightly-backup/schedule', { schedule: 'TZ=UTC 0 3 * * *', ...seen(cj) });
  assert.equal(tz.status, 422);
  assert.equal((await cronJob('nightly-backup')).metadata.resourceVersion, cj.metadata.resourceVersion);
  const ok = await call('PUT', '/namespaces/batch/cronjobs/nightly-backup/schedule', { schedule: '30 1 * * *', timeZone: 'Europe/Berlin', ...seen(cj) });
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  const after = await cronJob('nightly-backup');
  assert.equal(after.spec?.schedule, '30 1 * * *');
  assert.equal(after.spec?.timeZone, 'Europe/Berlin');
  const back = await call('PUT', '/namespaces/batch/cronjobs/nightly-backup/schedule', { schedule: '0 2 * * *', timeZone: 'Etc/UTC', ...seen(after) });
  assert.equal(back.status, 200);
});

test('a CronJob created from the form and one from a manifest exist as written; delete takes the propagation choice', async () => {
  const form = await call('POST', '/namespaces/batch/cronjobs', { name: 'form-made', schedule: '*/10 * * * *', image: 'busybox:1.36', command: 'echo hi', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 120 });
  assert.equal(form.status, 201, JSON.stringify(form.json));
  const made = await cronJob('form-made');
  assert.equal(made.spec?.concurrencyPolicy, 'Forbid');
  assert.equal(made.spec?.startingDeadlineSeconds, 120);
  assert.deepEqual(made.spec?.jobTemplate?.spec?.template?.spec?.containers?.[0]?.command, ['sh', '-c', 'echo hi']);
  const manifest = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'yaml-made' }, spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }] } } } } } };
  const fromYaml = await call('POST', '/namespaces/batch/cronjobs', { manifest });
  assert.equal(fromYaml.status, 201, JSON.stringify(fromYaml.json));
  assert.equal((await cronJob('yaml-made')).spec?.schedule, '@hourly');
  const badYaml = await call('POST', '/namespaces/batch/cronjobs', { manifest: { ...manifest, metadata: { name: 'x', namespace: 'shop' } } });
  assert.equal(badYaml.status, 400);
  const badForm = await call('POST', '/namespaces/batch/cronjobs', { name: 'nope', schedule: '* * *', image: 'busybox' });
  assert.equal(badForm.status, 422);
  assert.match(badForm.json.message, /expected exactly 5 fields/);

  const unconfirmed = await call('DELETE', '/namespaces/batch/cronjobs/form-made', { confirmName: 'other', ...seen(made) });
  assert.equal(unconfirmed.status, 400);
  const del = await call('DELETE', '/namespaces/batch/cronjobs/form-made', { confirmName: 'form-made', propagationPolicy: 'Orphan', ...seen(made) });
  assert.equal(del.status, 200, JSON.stringify(del.json));
  await waitFor('form-made gone', async () => ((await cronJob('form-made')).kind === 'Status' ? true : undefined));
});

test('on a 1.20 cluster suspend, trigger and schedule go through batch/v1beta1', async () => {
  const cj = await cronJob('nightly-backup', old, 'v1beta1');
  assert.equal(cj.apiVersion, 'batch/v1beta1');
  const s = await call('POST', '/namespaces/batch/cronjobs/nightly-backup/suspend', seen(cj), 'old');
  assert.equal(s.status, 200, JSON.stringify(s.json));
  assert.equal(s.json.apiVersion, 'batch/v1beta1');
  const suspended = await cronJob('nightly-backup', old, 'v1beta1');
  assert.equal(suspended.spec?.suspend, true);
  const t = await call('POST', '/namespaces/batch/cronjobs/nightly-backup/trigger', { uid: cj.metadata.uid }, 'old');
  assert.equal(t.status, 201, JSON.stringify(t.json));
  assert.equal(t.json.metadata.ownerReferences[0].apiVersion, 'batch/v1beta1');
  const tz = await call('PUT', '/namespaces/batch/cronjobs/nightly-backup/schedule', { schedule: '0 3 * * *', timeZone: 'Europe/Berlin', ...seen(suspended) }, 'old');
  assert.equal(tz.status, 400);
  assert.match(tz.json.message, /timeZone needs batch\/v1/);
  const r = await call('POST', '/namespaces/batch/cronjobs/nightly-backup/resume', seen(suspended), 'old');
  assert.equal(r.status, 200);
});

test('hostile input: path-syntax and over-long names, wrong types, 1e308 and empty bodies are clean 4xx that change nothing', async () => {
  const cj = await cronJob('log-rotate');
  const cases: [string, string, unknown][] = [
    ['POST', '/namespaces/batch/cronjobs/../trigger', {}],
    ['POST', '/namespaces/batch/cronjobs/%2e%2e/suspend', { generation: 1 }],
    ['POST', '/namespaces/../cronjobs/log-rotate/resume', { generation: 1 }],
    ['POST', `/namespaces/batch/cronjobs/${'a'.repeat(300)}/suspend`, { generation: 1 }],
    ['POST', '/namespaces/batch/cronjobs/log-rotate/resume', {}],
    ['POST', '/namespaces/batch/cronjobs/log-rotate/resume', { generation: 1e308 }],
    ['POST', '/namespaces/batch/cronjobs/log-rotate/resume', { generation: '1' }],
    ['POST', '/namespaces/batch/cronjobs/log-rotate/resume', [1, 2]],
    ['PUT', '/namespaces/batch/cronjobs/log-rotate/schedule', { schedule: 5, ...seen(cj) }],
    ['PUT', '/namespaces/batch/cronjobs/log-rotate/schedule', { schedule: '* * * * *', timeZone: 7, ...seen(cj) }],
    ['PUT', '/namespaces/batch/cronjobs/log-rotate/schedule', { ...seen(cj) }],
    ['POST', '/namespaces/batch/cronjobs/log-rotate/trigger', { jobName: '..', uid: cj.metadata.uid }],
    ['POST', '/namespaces/batch/cronjobs/log-rotate/trigger', { jobName: 5 }],
    ['POST', '/namespaces/batch/cronjobs', {}],
    ['POST', '/namespaces/batch/cronjobs', { name: '..', schedule: '* * * * *', image: 'busybox' }],
    ['POST', '/namespaces/batch/cronjobs', { name: 'ok', schedule: '* * * * *', image: 'busybox', startingDeadlineSeconds: 1e308 }],
    ['POST', '/namespaces/batch/cronjobs', { name: 'ok', schedule: '* * * * *', image: 'busy\nbox' }],
    ['POST', '/namespaces/batch/cronjobs', { manifest: 'kind: CronJob' }],
    ['DELETE', '/namespaces/batch/cronjobs/log-rotate', { confirmName: 'log-rotate', propagationPolicy: 'Everything', ...seen(cj) }],
    ['DELETE', '/namespaces/batch/cronjobs/..', { confirmName: '..' }],
  ];
  for (const [method, path, body] of cases) {
    const res = await call(method, path, body);
    assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)} → ${res.status} ${JSON.stringify(res.json)}`);
    assert.equal(res.json.kind, 'Status');
  }
  const after = await cronJob('log-rotate');
  assert.equal(after.metadata.resourceVersion, cj.metadata.resourceVersion);
  const jobs = (await kube(cluster, '/apis/batch/v1/namespaces/batch/jobs')) as unknown as { items: KubeObject[] };
  assert.ok(!jobs.items.some((j) => j.metadata.name === 'ok' || j.metadata.ownerReferences?.[0]?.name === 'log-rotate'));
  assert.equal((await cronJob('ok')).kind, 'Status');
});
