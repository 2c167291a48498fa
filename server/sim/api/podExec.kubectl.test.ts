import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';

// exec into a container that is not there, or a pod not yet on a node: kube-apiserver's own
// 400s (streamLocation), checked before anything is upgraded, as kubectl 1.32 shows them.
const demo = demoClusterForKubectl();
const NS = 'exec-errors';

async function ok(...args: string[]): Promise<string> {
  const r = await demo.kubectl(['-n', NS, ...args], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

let setup: Promise<void> | undefined;
/** A running busybox and a pod no node can take; made once, by whichever test comes first. */
function pods(): Promise<void> {
  setup ??= (async () => {
    assert.equal((await demo.kubectl(['create', 'namespace', NS])).code, 0);
    await ok('run', 'box', '--image=busybox:1.36', '--', 'sleep', '3600');
    await ok('run', 'stuck', '--image=busybox:1.36', '--overrides={"spec":{"nodeSelector":{"disk":"none-has-this"}}}', '--', 'sleep', '3600');
    await ok('wait', '--for=condition=Ready', 'pod/box', '--timeout=60s');
  })();
  return setup;
}

test('kubectl exec -c with a container the pod does not have: the API server message, not an upgrade failure', async () => {
  await pods();
  const r = await demo.kubectl(['-n', NS, 'exec', 'box', '-c', 'nope', '--', 'ls']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim(), 'Error from server (BadRequest): container nope is not valid for pod box');
  assert.equal((await ok('exec', 'box', '-c', 'box', '--', 'echo', 'fine')).trim(), 'fine', 'the right name still works');
});

test('kubectl exec into a pod no node has taken: "does not have a host assigned"', async () => {
  await pods();
  assert.equal(await ok('get', 'pod', 'stuck', '-o', 'jsonpath={.status.phase}/{.spec.nodeName}'), 'Pending/');
  const r = await demo.kubectl(['-n', NS, 'exec', 'stuck', '--', 'ls']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim(), 'Error from server (BadRequest): pod stuck does not have a host assigned');
});

test('a plain POST to exec is checked the same way first; only a valid target hears "Upgrade request required"', async () => {
  await pods();
  const post = async (pod: string, container: string) => {
    const res = await fetch(`${demo.cluster.url}/api/v1/namespaces/${NS}/pods/${pod}/exec?command=ls&container=${container}&stdout=true`, { method: 'POST' });
    return { status: res.status, body: (await res.json()) as { reason: string; message: string } };
  };
  const missing = await post('box', 'nope');
  assert.equal(missing.status, 400);
  assert.deepEqual([missing.body.reason, missing.body.message], ['BadRequest', 'container nope is not valid for pod box']);
  const unscheduled = await post('stuck', 'stuck');
  assert.equal(unscheduled.status, 400);
  assert.equal(unscheduled.body.message, 'pod stuck does not have a host assigned');
  const valid = await post('box', 'box');
  assert.equal(valid.status, 400);
  assert.equal(valid.body.message, 'Upgrade request required');
});
