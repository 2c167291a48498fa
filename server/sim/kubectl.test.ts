import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { demoClusterForKubectl } from '../testing/kubectl.ts';
import { startDemoCluster } from './index.ts';

// kubectl-driven acceptance against the demo cluster (a missing kubectl fails the file).
const { dir, kubeconfig, kubectl } = demoClusterForKubectl();

async function ok(args: string[], input?: string): Promise<string> {
  const r = await kubectl(args, { input });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shopfront
  namespace: default
  labels: {app: shopfront}
spec:
  replicas: 2
  selector: {matchLabels: {app: shopfront}}
  template:
    metadata: {labels: {app: shopfront}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
`;

test('kubectl get pods -A lists the seeded story with namespaces', async () => {
  const out = await ok(['get', 'pods', '-A']);
  assert.match(out, /^NAMESPACE\s+NAME\s+READY\s+STATUS/);
  assert.match(out, /\nshop\s+/);
  assert.match(await ok(['get', 'ns']), /kube-system\s+Active/);
});

test('apply -f creates, re-apply configures, then scale, label and every patch type change the deployment', async () => {
  assert.match(await ok(['apply', '-f', '-'], DEPLOYMENT), /deployment.apps\/shopfront created/);
  assert.match(await ok(['apply', '-f', '-'], DEPLOYMENT.replace('replicas: 2', 'replicas: 3')), /configured/);
  assert.equal(await ok(['get', 'deploy', 'shopfront', '-o', 'jsonpath={.spec.replicas}']), '3');
  await ok(['scale', 'deploy/shopfront', '--replicas=4']);
  await ok(['label', 'deploy/shopfront', 'tier=front']);
  await ok(['patch', 'deploy/shopfront', '--type=merge', '-p', '{"metadata":{"annotations":{"team":"web"}}}']);
  await ok(['patch', 'deploy/shopfront', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":5}]']);
  await ok(['patch', 'deploy/shopfront', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}']);
  const d = JSON.parse(await ok(['get', 'deploy', 'shopfront', '-o', 'json']));
  assert.equal(d.spec.replicas, 5);
  assert.equal(d.metadata.labels.tier, 'front');
  assert.equal(d.metadata.annotations.team, 'web');
  assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.28');
  assert.equal(d.spec.template.spec.containers[0].ports[0].containerPort, 80);
});

test('kubectl create deployment (a protobuf body) and server-side apply both work', async () => {
  await ok(['create', 'deployment', 'typed', '--image=nginx:1.27', '--replicas=2']);
  assert.equal(await ok(['get', 'deploy', 'typed', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), 'nginx:1.27');
  const ssa = DEPLOYMENT.replace(/shopfront/g, 'ssa');
  assert.match(await ok(['apply', '--server-side', '-f', '-'], ssa), /serverside-applied/);
});

test('delete --cascade=foreground and orphan mark the deployment with the finalizer the garbage collector acts on', async () => {
  // No controllers here, so the garbage collector cannot finish the deletion before we look.
  const config = join(dir, 'gc-kubeconfig');
  const quiet = await startDemoCluster({ port: 0, seed: false, controllers: false, writeKubeconfig: config });
  const run = async (args: string[]) => {
    const r = await kubectl(args, { config });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  try {
    await run(['create', 'deployment', 'fg', '--image=nginx']);
    await run(['create', 'deployment', 'orph', '--image=nginx']);
    await run(['delete', 'deploy/fg', '--cascade=foreground', '--wait=false']);
    await run(['delete', 'deploy/orph', '--cascade=orphan', '--wait=false']);
    const fg = JSON.parse(await run(['get', 'deploy', 'fg', '-o', 'json']));
    const orph = JSON.parse(await run(['get', 'deploy', 'orph', '-o', 'json']));
    assert.ok(fg.metadata.deletionTimestamp);
    assert.deepEqual(fg.metadata.finalizers, ['foregroundDeletion']);
    assert.deepEqual(orph.metadata.finalizers, ['orphan']);
  } finally {
    await quiet.close();
  }
});

/** A child's output as it grows, and a wait until it shows something. */
function growing(stream: Readable) {
  let text = '';
  const checks = new Set<() => void>();
  stream.on('data', (d: Buffer) => {
    text += d.toString();
    for (const check of [...checks]) check();
  });
  return {
    until(pattern: RegExp, what: string, ms = 10_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          checks.delete(check);
        };
        const check = () => {
          if (!pattern.test(text)) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${what}; so far:\n${text}`));
        }, ms);
        checks.add(check);
        check();
      });
    },
  };
}

test('kubectl get pods -w prints a pod created while watching', async () => {
  // -v=6 logs each request when its response arrives: the watch's GET answering 200 means it is established.
  const child = spawn('kubectl', ['get', 'pods', '-n', 'default', '-w', '-v=6'], { env: { ...process.env, KUBECONFIG: kubeconfig } });
  const out = growing(child.stdout);
  const log = growing(child.stderr);
  try {
    await log.until(/GET \S+\/api\/v1\/namespaces\/default\/pods\?\S*watch=true\S* 200 OK/, 'the watch to be established');
    await ok(['run', 'watched', '--image=nginx', '-n', 'default']);
    await out.until(/watched\s+\d\/\d/, 'the watched pod in the output');
  } finally {
    child.kill();
  }
});

test('selectors and paging: --selector, --field-selector and --chunk-size=2', async () => {
  // Pods churn while controllers work; the seeded config maps hold still.
  const all = await ok(['get', 'configmaps', '-A', '-o', 'name']);
  const paged = await kubectl(['get', 'configmaps', '-A', '-o', 'name', '--chunk-size=2', '-v=6']);
  assert.equal(paged.stdout, all);
  assert.ok(all.split('\n').length > 3, all);
  assert.ok((paged.stderr.match(/continue=/g) ?? []).length >= 1, 'kubectl followed continue tokens');
  await ok(['run', 'sel-a', '--image=nginx', '--labels=role=cache,tier=a']);
  await ok(['run', 'sel-b', '--image=nginx', '--labels=role=cache,tier=b']);
  assert.equal(await ok(['get', 'pods', '-l', 'role=cache,tier!=a', '-o', 'name']), 'pod/sel-b\n');
  assert.equal(await ok(['get', 'pods', '-l', 'role in (cache)', '--field-selector', 'metadata.name=sel-a', '-o', 'name']), 'pod/sel-a\n');
  const bad = await kubectl(['get', 'pods', '--field-selector', 'spec.image=x']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /field label not supported: spec.image/);
  await ok(['get', 'pods', '-A', '--field-selector', 'status.phase=Pending']);
});

test('a bad name is refused with 422 Invalid', async () => {
  const r = await kubectl(['create', 'configmap', 'Bad_Name']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /is invalid/);
});

test('TLS with the written kubeconfig, a required token, and policy denials through kubectl auth can-i', async () => {
  const policy = join(dir, 'policy.yaml');
  writeFileSync(policy, JSON.stringify({ users: { viewer: { token: 'viewer-token', rules: [{ verbs: ['get', 'list'], resources: ['pods'] }] } } }));
  const config = join(dir, 'tls-kubeconfig');
  const secure = await startDemoCluster({ port: 0, seed: false, controllers: false, tls: true, token: 'admin-token', policyFile: policy, writeKubeconfig: config });
  try {
    assert.match(secure.url, /^https:/);
    const admin = await kubectl(['get', 'ns'], { config });
    assert.equal(admin.code, 0, admin.stderr);
    const anonymous = await kubectl(['get', 'ns', '--token=wrong'], { config });
    assert.notEqual(anonymous.code, 0);
    assert.match(anonymous.stderr, /Unauthorized|provide credentials/);
    const viewer = ['--token=viewer-token'];
    assert.equal((await kubectl(['auth', 'can-i', 'list', 'pods', ...viewer], { config })).stdout.trim(), 'yes');
    const no = await kubectl(['auth', 'can-i', 'delete', 'pods', ...viewer], { config });
    assert.equal(no.stdout.trim(), 'no');
    const forbidden = await kubectl(['get', 'secrets', ...viewer], { config });
    assert.match(forbidden.stderr, /secrets is forbidden: User "viewer" cannot list resource "secrets" in API group "" in the namespace "default"/);
  } finally {
    await secure.close();
  }
});
