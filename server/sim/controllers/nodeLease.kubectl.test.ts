import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { eventually } from '../../testing/eventually.ts';
import { NODE_LEASE_RENEW_MS } from './nodeLease.ts';

// The seeded cluster at speed 20: a lease renewal every 10 s of cluster time is every half second.
const demo = demoClusterForKubectl();

async function ok(...args: string[]): Promise<string> {
  const r = await demo.kubectl(args, { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

test('every node holds a Lease in kube-node-lease, printed with its HOLDER', async () => {
  const nodes = (await ok('get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}')).split(' ');
  assert.ok(nodes.length > 0);
  const { store } = demo.cluster;
  await eventually(() => nodes.every((n) => store.getRef('leases.coordination.k8s.io', 'kube-node-lease', n)), 'a lease per node');
  const out = await ok('get', 'leases', '-n', 'kube-node-lease');
  assert.match(out, /^NAME\s+HOLDER\s+AGE\n/);
  for (const n of nodes) assert.match(out, new RegExp(`\\n${n}\\s+${n}\\s+\\S+\\n`));
  const lease = JSON.parse(await ok('get', 'lease', nodes[0], '-n', 'kube-node-lease', '-o', 'json')) as {
    metadata: { ownerReferences: { kind: string; name: string; uid: string }[] };
    spec: { holderIdentity: string; leaseDurationSeconds: number; renewTime: string };
  };
  const nodeUid = await ok('get', 'node', nodes[0], '-o', 'jsonpath={.metadata.uid}');
  assert.deepEqual(lease.metadata.ownerReferences.map((r) => [r.kind, r.name, r.uid]), [['Node', nodes[0], nodeUid]]);
  assert.equal(lease.spec.leaseDurationSeconds, 40);
  assert.match(lease.spec.renewTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
});

test('kubectl describe node shows the lease and its RenewTime, which the kubelet keeps renewing', async () => {
  const node = (await ok('get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
  const { store } = demo.cluster;
  const renewTime = () => (store.getRef('leases.coordination.k8s.io', 'kube-node-lease', node)?.spec as { renewTime?: string } | undefined)?.renewTime;
  const first = await eventually(renewTime, 'the first lease');
  const out = await ok('describe', 'node', node);
  assert.doesNotMatch(out, /Failed to get lease/);
  assert.match(out, new RegExp(`\\nLease:\\n\\s+HolderIdentity:\\s+${node}\\n\\s+AcquireTime:\\s+<unset>\\n\\s+RenewTime:\\s+\\w{3}, \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\\n`));
  // Renewed on the kubelet's cadence (10 s of cluster time).
  const next = await eventually(() => renewTime() !== first && renewTime(), 'a renewal', (NODE_LEASE_RENEW_MS / 20) * 10);
  assert.ok(Date.parse(next!) > Date.parse(first));
});
