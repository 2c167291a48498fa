import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';

// kubectl cordon / uncordon as on Kubernetes 1.32: the node lifecycle controller adds and
// removes the node.kubernetes.io/unschedulable:NoSchedule taint.
const demo = demoClusterForKubectl();

async function ok(...args: string[]): Promise<string> {
  const r = await demo.kubectl(args, { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function eventually<T>(check: () => Promise<T | false | undefined>, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const taints = (node: string) => ok('get', 'node', node, '-o', 'jsonpath={range .spec.taints[*]}{.key}={.value}:{.effect}@{.timeAdded}{"\\n"}{end}');

test('cordon taints the node unschedulable:NoSchedule (kubectl describe shows it) and uncordon takes the taint off', async () => {
  assert.equal(await taints('node-b'), '');
  assert.match(await ok('cordon', 'node-b'), /node\/node-b cordoned/);
  const added = await eventually(async () => {
    const t = await taints('node-b');
    return t !== '' && t;
  }, 'the unschedulable taint');
  assert.match(added, /^node\.kubernetes\.io\/unschedulable=:NoSchedule@\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
  const describe = await ok('describe', 'node', 'node-b');
  assert.match(describe, /Taints:\s+node\.kubernetes\.io\/unschedulable:NoSchedule\n/);
  assert.match(describe, /Unschedulable:\s+true\n/);
  assert.match(await ok('get', 'nodes'), /\nnode-b\s+Ready,SchedulingDisabled\s/);

  assert.match(await ok('uncordon', 'node-b'), /node\/node-b uncordoned/);
  await eventually(async () => (await taints('node-b')) === '', 'the taint removed');
  assert.match(await ok('describe', 'node', 'node-b'), /Taints:\s+<none>\n/);
});

test("cordoning a node with its own taint keeps that taint and adds the controller's after it; uncordon leaves only the node's own", async () => {
  await ok('cordon', 'node-c');
  await eventually(async () => /unschedulable/.test(await taints('node-c')), 'the unschedulable taint on node-c');
  const lines = (await taints('node-c')).trim().split('\n');
  assert.equal(lines.length, 2);
  assert.equal(lines[0], 'dedicated=gpu:NoSchedule@');
  assert.match(lines[1], /^node\.kubernetes\.io\/unschedulable=:NoSchedule@\d{4}-/);
  assert.match(await ok('describe', 'node', 'node-c'), /Taints:\s+dedicated=gpu:NoSchedule\n\s+node\.kubernetes\.io\/unschedulable:NoSchedule\n/);
  await ok('uncordon', 'node-c');
  await eventually(async () => (await taints('node-c')) === 'dedicated=gpu:NoSchedule@\n', 'only the dedicated taint left');
});
