import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';

// Deleting a namespace as on Kubernetes 1.32: Terminating while the namespace controller
// empties it, with its deletion conditions; new content refused; gone once empty.
const demo = demoClusterForKubectl();

async function ok(...args: string[]): Promise<string> {
  const r = await demo.kubectl(args, { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function eventually<T>(check: () => Promise<T | false | undefined>, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const condition = (type: string) => ok('get', 'namespace', 'doomed', '-o', `jsonpath={.status.conditions[?(@.type=="${type}")].status}/{.status.conditions[?(@.type=="${type}")].reason}/{.status.conditions[?(@.type=="${type}")].message}`);

test('a deleted namespace stays Terminating with the kubernetes finalizer and its conditions while content remains, refuses new content, and goes once empty', async () => {
  await ok('create', 'namespace', 'doomed');
  assert.equal(await ok('get', 'namespace', 'doomed', '-o', 'jsonpath={.spec.finalizers}'), '["kubernetes"]');
  await ok('create', 'deployment', 'web', '-n', 'doomed', '--image=nginx:1.27', '--replicas=2');
  await ok('rollout', 'status', 'deployment/web', '-n', 'doomed', '--timeout=60s');
  // Content that cannot go until its own finalizer is removed keeps the namespace Terminating.
  const held = await demo.kubectl(['create', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'doomed', finalizers: ['example.com/hold'] }, data: { a: '1' } }),
  });
  assert.equal(held.code, 0, held.stderr);

  assert.match(await ok('delete', 'namespace', 'doomed', '--wait=false'), /namespace "doomed" deleted/);
  assert.match(await ok('get', 'namespace', 'doomed'), /\ndoomed\s+Terminating\s/);
  assert.match(await ok('describe', 'namespace', 'doomed'), /Status:\s+Terminating\n/);
  assert.equal(await ok('get', 'namespace', 'doomed', '-o', 'jsonpath={.spec.finalizers}'), '["kubernetes"]');
  assert.match(await ok('get', 'namespace', 'doomed', '-o', 'jsonpath={.metadata.deletionTimestamp}'), /^\d{4}-/);

  await eventually(async () => (await condition('NamespaceContentRemaining')) === 'True/SomeResourcesRemain/Some resources are remaining: configmaps. has 1 resource instances', 'only the held configmap remaining');
  assert.equal(await condition('NamespaceFinalizersRemaining'), 'True/SomeFinalizerRemain/Some finalizers are remaining: example.com/hold in 1 resource instances');
  assert.equal(await condition('NamespaceDeletionContentFailure'), 'False/ContentDeleted/All content successfully deleted, may be waiting on finalization');
  assert.equal(await condition('NamespaceDeletionDiscoveryFailure'), 'False/ResourcesDiscovered/All resources successfully discovered');
  assert.equal(await ok('get', 'deployments,replicasets,pods', '-n', 'doomed', '-o', 'name'), '', 'the rest of the content is gone');

  const refused = await demo.kubectl(['create', 'configmap', 'late', '-n', 'doomed', '--from-literal=a=b']);
  assert.equal(refused.code, 1);
  assert.equal(refused.stderr.trim(), 'error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated');
  const res = await fetch(`${demo.cluster.url}/api/v1/namespaces/doomed/configmaps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } }),
  });
  assert.equal(res.status, 403);
  assert.deepEqual(await res.json(), {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated',
    reason: 'Forbidden',
    details: { name: 'late', kind: 'configmaps', causes: [{ reason: 'NamespaceTerminating', message: 'namespace doomed is being terminated', field: 'metadata.namespace' }] },
    code: 403,
  });

  await ok('patch', 'configmap', 'held', '-n', 'doomed', '--type=merge', '-p', '{"metadata":{"finalizers":null}}');
  await eventually(async () => (await demo.kubectl(['get', 'namespace', 'doomed'])).code === 1, 'the namespace gone');
  const gone = await demo.kubectl(['get', 'namespace', 'doomed']);
  assert.match(gone.stderr, /namespaces "doomed" not found/);
});
