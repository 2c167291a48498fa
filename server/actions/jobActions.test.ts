/**
 * The Job page's API against the demo cluster: the failed migration explained with its exit code
 * and log tail, suspend/resume with conflict safety, re-run, create from the form and from YAML,
 * and hostile input refused with a clean 400 that changes nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import type { KubeObject } from '../kube/object.ts';
import { rawRequest, startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import type { JobDetail } from '../views/batch/jobDetail.ts';

let cluster: DemoCluster;
let consoleApp: RunningConsole;
let api: string;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20 });
  consoleApp = await startConsole([demoContext(cluster.url)]);
  api = `${consoleApp.url}api/contexts/demo/namespaces/batch/jobs`;
});

after(async () => {
  await consoleApp?.close();
  await cluster?.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are many shapes
  const res = await fetch(`${api}${path}`, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

async function kube(method: string, path: string, body?: unknown): Promise<KubeObject> {
  const res = await fetch(`${cluster.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const out = (await res.json()) as KubeObject;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
  return out;
}

const jobPath = (name: string) => `/apis/batch/v1/namespaces/batch/jobs/${name}`;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function sleeper(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'batch' },
    spec: { ...extra, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', 'echo start; sleep 600; echo done'] }] } } },
  };
}

test('the failed schema-migration explains BackoffLimitExceeded with the last pod\'s exit code and the tail of its log', async () => {
  const detail = await waitFor('schema-migration to fail', async () => {
    const { json } = await call('GET', '/schema-migration/detail');
    return (json as JobDetail).status === 'Failed' && (json as JobDetail).failure?.logTail ? (json as JobDetail) : undefined;
  });
  assert.equal(detail.failure?.code, 'BackoffLimitExceeded');
  const p = detail.failure!.params as Record<string, unknown>;
  assert.equal(p.exitCode, 1);
  assert.equal(p.container, 'migrate');
  assert.deepEqual([p.failed, p.limit], [3, 2]);
  assert.ok(detail.pods.some((pod) => pod.name === p.pod && pod.exitCode === 1), 'the named pod is one of the job\'s pods, exit code 1');
  assert.match(detail.failure!.logTail!.join('\n'), /migration 42 failed, database is dirty at version 42/);
  assert.deepEqual(detail.backoff, { used: 3, limit: 2 });
});

test('suspend and resume flip spec.suspend as the API server sees it; a page that saw an older spec gets a 409 that says so', async () => {
  const job = await kube('POST', '/apis/batch/v1/namespaces/batch/jobs', sleeper('pausable', { completions: 2, parallelism: 2 }));
  const seen = { uid: job.metadata.uid, generation: job.metadata.generation };
  await waitFor('two pods running', async () => ((await kube('GET', jobPath('pausable'))).status?.active === 2 ? true : undefined));
  const suspended = await call('POST', '/pausable/suspend', seen);
  assert.equal(suspended.status, 200, JSON.stringify(suspended.json));
  assert.equal((await kube('GET', jobPath('pausable'))).spec.suspend, true);
  const detail = await waitFor('Suspended', async () => {
    const d = (await call('GET', '/pausable/detail')).json as JobDetail;
    return d.status === 'Suspended' && d.active === 0 ? d : undefined;
  });
  assert.equal(detail.suspend, true);

  const stale = await call('POST', '/pausable/resume', seen);
  assert.equal(stale.status, 409);
  assert.match(stale.json.message, /spec of pausable changed since you loaded it/);
  assert.equal((await kube('GET', jobPath('pausable'))).spec.suspend, true, 'the stale resume changed nothing');

  const resumed = await call('POST', '/pausable/resume', { uid: job.metadata.uid, generation: suspended.json.metadata.generation });
  assert.equal(resumed.status, 200, JSON.stringify(resumed.json));
  assert.equal((await kube('GET', jobPath('pausable'))).spec.suspend, false);
  await waitFor('running again', async () => ((await call('GET', '/pausable/detail')).json.status === 'Running' ? true : undefined));
});

test('re-running a finished Job creates a copy without the generated selector and labels, under the new name, which runs', async () => {
  const original = await waitFor('weekly-report to complete', async () => {
    const j = await kube('GET', jobPath('weekly-report'));
    return j.status?.succeeded === 1 && j.status?.completionTime ? j : undefined;
  });
  const running = await call('POST', '/pausable/rerun', { name: 'pausable-again', uid: (await kube('GET', jobPath('pausable'))).metadata.uid });
  assert.equal(running.status, 400, 'a running Job is not re-run');

  const res = await call('POST', '/weekly-report/rerun', { name: 'weekly-report-rerun', uid: original.metadata.uid });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  const copy = await kube('GET', jobPath('weekly-report-rerun'));
  assert.notEqual(copy.metadata.uid, original.metadata.uid);
  assert.deepEqual(copy.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': copy.metadata.uid } }, 'the API server generated a fresh selector');
  assert.equal(copy.spec.template.metadata.labels['job-name'], 'weekly-report-rerun');
  assert.equal(copy.spec.template.metadata.labels['controller-uid'], copy.metadata.uid);
  assert.equal(copy.metadata.annotations?.['console.k8s.io/rerun-of'], 'weekly-report');
  await waitFor('the copy to complete', async () => ((await kube('GET', jobPath('weekly-report-rerun'))).status?.succeeded === 1 ? true : undefined));

  const again = await call('POST', '/weekly-report/rerun', { name: 'weekly-report-rerun', uid: original.metadata.uid });
  assert.equal(again.status, 409, 'the name is taken: the API server\'s AlreadyExists');
  const gone = await call('POST', '/weekly-report/rerun', { name: 'weekly-report-3', uid: 'some-other-uid' });
  assert.equal(gone.status, 409, 'a Job re-created since the page loaded is not the one seen');
});

test('a Job created from the form and one from YAML both run in the page\'s namespace', async () => {
  const form = await call('POST', '', { form: { name: 'from-form', image: 'busybox:1.36', command: 'echo hello; sleep 1', completions: 2, parallelism: 2, backoffLimit: 1 } });
  assert.equal(form.status, 201, JSON.stringify(form.json));
  const yaml = [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  name: from-yaml',
    'spec:',
    '  completions: 3',
    '  completionMode: Indexed',
    '  template:',
    '    spec:',
    '      restartPolicy: Never',
    '      containers:',
    '      - name: w',
    '        image: busybox:1.36',
    '        command: ["sh", "-c", "echo index $JOB_COMPLETION_INDEX"]',
  ].join('\n');
  const fromYaml = await call('POST', '', { manifest: yaml });
  assert.equal(fromYaml.status, 201, JSON.stringify(fromYaml.json));
  const done = await waitFor('both complete', async () => {
    const a = await kube('GET', jobPath('from-form'));
    const b = await kube('GET', jobPath('from-yaml'));
    return a.status?.succeeded === 2 && b.status?.completedIndexes === '0-2' ? [a, b] : undefined;
  });
  assert.deepEqual(done[0].spec.template.spec.containers[0].command, ['sh', '-c', 'echo hello; sleep 1']);
  const other = await call('POST', '', { manifest: yaml.replace('  name: from-yaml', '  name: elsewhere\n  namespace: shop') });
  assert.equal(other.status, 400);
  assert.match(other.json.message, /does not match the namespace/);
});

test('hostile input to every Job route is a clean 400 Status and creates or changes nothing', async () => {
  const before = JSON.stringify(((await kube('GET', '/apis/batch/v1/namespaces/batch/jobs')).items as KubeObject[]).map((j) => [j.metadata.name, j.metadata.generation, j.spec.suspend]));
  const LONG = 'a'.repeat(300);
  const names = ['.', '..', '%2e%2e', 'a%2Fb', LONG, 'UPPER'];
  for (const n of names) {
    for (const [method, path, body] of [
      ['GET', `/${n}/detail`, undefined],
      ['POST', `/${n}/suspend`, { generation: 1 }],
      ['POST', `/${n}/resume`, { generation: 1 }],
      ['POST', `/${n}/rerun`, { name: 'x' }],
    ] as const) {
      const res = await rawRequest(consoleApp.port, `/api/contexts/demo/namespaces/batch/jobs${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
      assert.equal(res.status, 400, `${method} ${path.slice(0, 60)}: ${res.body.slice(0, 200)}`);
      assert.equal(JSON.parse(res.body).kind, 'Status');
    }
    const bad = await rawRequest(consoleApp.port, `/api/contexts/demo/namespaces/${n}/jobs`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ form: { name: 'ok', image: 'busybox:1.36' } }) });
    assert.equal(bad.status, 400, `namespace ${n.slice(0, 20)}`);
  }
  const bodies: unknown[] = [
    {},
    [],
    { form: { name: 'ok', image: 'busybox:1.36' }, manifest: 'kind: Job' },
    { form: { name: '..', image: 'busybox:1.36' } },
    { form: { name: LONG, image: 'busybox:1.36' } },
    { form: { name: 'ok', image: 'busybox:1.36', completions: 1e308 } },
    { form: { name: 'ok', image: 'busybox:1.36', parallelism: '2' } },
    { form: { name: 'ok', image: 'busybox:1.36', backoffLimit: -1 } },
    { form: { name: 'ok', image: 'busybox:1.36', activeDeadlineSeconds: 1.5 } },
    { form: { name: 'ok', image: 'busybox\n:1.36' } },
    { form: { name: 'ok', image: 'busybox:1.36', restartPolicy: 'Always' } },
    { form: 'name: ok' },
    { manifest: 42 },
    { manifest: '' },
    { manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}' },
    { manifest: '- a\n- b' },
    { manifest: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: ".."}' },
  ];
  for (const b of bodies) {
    const res = await rawRequest(consoleApp.port, '/api/contexts/demo/namespaces/batch/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
    assert.equal(res.status, 400, `${JSON.stringify(b).slice(0, 100)}: ${res.body.slice(0, 200)}`);
    assert.equal(JSON.parse(res.body).kind, 'Status');
  }
  for (const b of [{ generation: 1e308 }, { generation: '1' }, { uid: 5, generation: 1 }, {}]) {
    const res = await call('POST', '/weekly-report/suspend', b);
    assert.equal(res.status, 400, JSON.stringify(b));
  }
  for (const b of [{ name: '..' }, { name: LONG }, { name: 7 }, {}]) {
    const res = await call('POST', '/weekly-report/rerun', b);
    assert.equal(res.status, 400, JSON.stringify(b));
  }
  const afterState = JSON.stringify(((await kube('GET', '/apis/batch/v1/namespaces/batch/jobs')).items as KubeObject[]).map((j) => [j.metadata.name, j.metadata.generation, j.spec.suspend]));
  assert.equal(afterState, before, 'no Job was created or changed');
});
