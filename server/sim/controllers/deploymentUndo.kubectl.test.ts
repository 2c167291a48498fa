import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';

// kubectl rollout undo against a Deployment applied from YAML (no creationTimestamp in its
// template), as on Kubernetes 1.32: the old ReplicaSet is reused and takes the next revision.
const demo = demoClusterForKubectl();

async function ok(...args: string[]): Promise<string> {
  const r = await demo.kubectl(['-n', 'undo', ...args], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: undo
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
`;

/** name=revision/history/image/replicas of each ReplicaSet of the deployment, sorted by revision. */
async function replicaSets(): Promise<string[]> {
  const out = await ok('get', 'rs', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}/{.metadata.annotations.deployment\\.kubernetes\\.io/revision-history}/{.spec.template.spec.containers[0].image}/{.spec.replicas}{"\\n"}{end}');
  return out.trim().split('\n').sort();
}

test('set image then rollout undo leaves two ReplicaSets: the first one comes back as revision 3, remembering revision 1', async () => {
  const created = await demo.kubectl(['create', 'namespace', 'undo']);
  assert.equal(created.code, 0, created.stderr);
  const applied = await demo.kubectl(['apply', '-f', '-'], { input: DEPLOYMENT });
  assert.equal(applied.code, 0, applied.stderr);
  await ok('rollout', 'status', 'deployment/web', '--timeout=60s');
  const first = (await ok('get', 'rs', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
  await ok('set', 'image', 'deployment/web', 'nginx=nginx:1.27');
  await ok('rollout', 'status', 'deployment/web', '--timeout=60s');
  assert.deepEqual(await replicaSets(), ['1//nginx:1.26/0', '2//nginx:1.27/2']);

  assert.match(await ok('rollout', 'undo', 'deployment/web'), /deployment\.apps\/web rolled back/);
  await ok('rollout', 'status', 'deployment/web', '--timeout=60s');
  assert.deepEqual(await replicaSets(), ['2//nginx:1.27/0', '3/1/nginx:1.26/2'], 'no third ReplicaSet');
  assert.match(await ok('get', 'rs', first, '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}'), /^3$/, 'the first ReplicaSet itself is reused');
  assert.equal(await ok('get', 'deployment', 'web', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}'), '3');
  assert.match(await ok('rollout', 'history', 'deployment/web'), /REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n\n$/);

  // Undo again: back to the 1.27 ReplicaSet, now revision 4.
  await ok('rollout', 'undo', 'deployment/web');
  await ok('rollout', 'status', 'deployment/web', '--timeout=60s');
  assert.deepEqual(await replicaSets(), ['3/1/nginx:1.26/0', '4/2/nginx:1.27/2']);
});
