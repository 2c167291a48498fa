import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';

// A Job's podFailurePolicy as the job controller of 1.32 applies it, seen through kubectl (the cluster runs at 20×).
const demo = demoClusterForKubectl();
const NS = 'pfp';

async function kubectl(args: string[], input?: string): Promise<string> {
  await inNamespace();
  const r = await demo.kubectl(['-n', NS, ...args], input === undefined ? { timeoutMs: 60_000 } : { input, timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function eventually<T>(check: () => Promise<T | false | undefined>, what: string, ms = 40_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function job(name: string, script: string, spec: Record<string, unknown>, restartPolicy = 'Never'): string {
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: NS },
    spec: { template: { spec: { restartPolicy, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', script] }] } }, ...spec },
  });
}

const jsonpath = (kind: string, name: string, path: string) => kubectl(['get', kind, name, '-o', `jsonpath=${path}`]);

// Under `npm test` a file's own before() may run before the cluster's has finished: each test
// makes sure of the namespace instead.
let namespace: Promise<string> | undefined;
const inNamespace = () => (namespace ??= demo.kubectl(['create', 'namespace', NS]).then((r) => r.stdout));

test('a container exiting 42 under a FailJob rule fails the job at once: reason PodFailurePolicy, the controller message, one pod', async () => {
  const podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }] };
  await kubectl(['apply', '-f', '-'], job('etl', 'echo loading; exit 42', { backoffLimit: 6, podFailurePolicy }));
  assert.equal(await jsonpath('job', 'etl', '{.spec.podReplacementPolicy}'), 'Failed', 'defaulted by the API server');
  await kubectl(['wait', '--for=condition=Failed', 'job/etl', '--timeout=40s']);
  const pods = (await kubectl(['get', 'pods', '-l', 'job-name=etl', '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ');
  assert.equal(pods.length, 1, 'no retry although backoffLimit is 6');
  const message = `Container main for pod ${NS}/${pods[0]} failed with exit code 42 matching FailJob rule at index 0`;
  assert.equal(await jsonpath('job', 'etl', '{.status.conditions[?(@.type=="Failed")].reason}'), 'PodFailurePolicy');
  assert.equal(await jsonpath('job', 'etl', '{.status.conditions[?(@.type=="Failed")].message}'), message);
  assert.equal(await jsonpath('job', 'etl', '{.status.failed}'), '1');
  assert.match(await kubectl(['get', 'job', 'etl']), /\netl\s+Failed\s+0\/1\s/);
  const describe = await kubectl(['describe', 'job', 'etl']);
  assert.match(describe, /Pods Statuses:\s+0 Active \(0 Ready\) \/ 0 Succeeded \/ 1 Failed/);
  assert.ok(describe.includes(`Warning  PodFailurePolicy  `) && describe.includes(message), describe);
});

test('a podFailurePolicy with restartPolicy OnFailure is refused with the API server message', async () => {
  await inNamespace();
  const r = await demo.kubectl(['-n', NS, 'apply', '-f', '-'], { input: job('bad', 'exit 1', { podFailurePolicy: { rules: [] } }, 'OnFailure') });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /The Job "bad" is invalid: spec\.template\.spec\.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified/);
  const missing = await demo.kubectl(['-n', NS, 'get', 'job', 'bad']);
  assert.equal(missing.code, 1, 'nothing was created');
});

test('exit codes an Ignore rule matches do not count towards backoffLimit 0: the job keeps replacing its pods', async () => {
  const podFailurePolicy = { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }] };
  await kubectl(['apply', '-f', '-'], job('retry', 'exit 3', { backoffLimit: 0, podFailurePolicy }));
  await eventually(async () => (await kubectl(['get', 'pods', '-l', 'job-name=retry', '--field-selector=status.phase=Failed', '-o', 'name'])).trim().split('\n').filter(Boolean).length >= 3, 'three failed pods');
  assert.equal(await jsonpath('job', 'retry', '{.status.failed}'), '', 'no failure counted');
  assert.equal(await jsonpath('job', 'retry', '{.status.conditions[?(@.type=="Failed")].status}'), '');
  await kubectl(['delete', 'job', 'retry', '--wait=false']);
});

test('an evicted pod carries DisruptionTarget, and an Ignore rule on that condition replaces it without a counted failure', async () => {
  const podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] };
  await kubectl(['apply', '-f', '-'], job('drainable', 'sleep 3600', { backoffLimit: 0, podFailurePolicy }));
  const first = await eventually(async () => {
    const out = await kubectl(['get', 'pods', '-l', 'job-name=drainable', '--field-selector=status.phase=Running', '-o', 'jsonpath={.items[*].metadata.name}']);
    return out.trim();
  }, 'a running pod');
  const res = await fetch(`${demo.cluster.url}/api/v1/namespaces/${NS}/pods/${first}/eviction`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: first, namespace: NS } }),
  });
  assert.equal(res.status, 201);
  // The eviction API marks the pod before deleting it.
  const reason = await jsonpath('pod', first, '{.status.conditions[?(@.type=="DisruptionTarget")].reason}').catch(() => 'gone');
  assert.ok(reason === 'EvictionByEvictionAPI' || reason === 'gone', reason);
  const replacement = await eventually(async () => {
    const out = await kubectl(['get', 'pods', '-l', 'job-name=drainable', '--field-selector=status.phase=Running', '-o', 'jsonpath={.items[*].metadata.name}']);
    return out.trim() && out.trim() !== first && out.trim();
  }, 'a replacement pod');
  assert.notEqual(replacement, first);
  assert.equal(await jsonpath('job', 'drainable', '{.status.failed}'), '', 'the disruption was not counted');
  assert.equal(await jsonpath('job', 'drainable', '{.status.conditions[?(@.type=="Failed")].status}'), '');
  await kubectl(['delete', 'job', 'drainable', '--wait=false']);
});
