import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster, type DemoCluster } from '../index.ts';

// kubectl-driven: a missing kubectl must fail the suite, never skip it.
execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });

const dir = mkdtempSync(join(tmpdir(), 'sim-discovery-'));
const clusters: Record<string, DemoCluster> = {};

before(async () => {
  clusters.current = await startDemoCluster({ port: 0, seed: false, controllers: false, writeKubeconfig: join(dir, 'current') });
  clusters.old = await startDemoCluster({ port: 0, seed: false, controllers: false, kubeVersion: '1.20', writeKubeconfig: join(dir, 'old') });
});
after(async () => {
  await Promise.all(Object.values(clusters).map((c) => c.close()));
  rmSync(dir, { recursive: true, force: true });
});

function kubectl(cluster: 'current' | 'old', args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // A cache directory per cluster: kubectl caches discovery by server address.
    const env = { ...process.env, KUBECONFIG: join(dir, cluster), KUBECACHEDIR: join(dir, `cache-${cluster}`) };
    const child = execFile('kubectl', ['--cache-dir', join(dir, `cache-${cluster}`), ...args], { env, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

async function ok(cluster: 'current' | 'old', args: string[], input?: string): Promise<string> {
  const r = await kubectl(cluster, args, input);
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

test('kubectl api-resources lists every served kind with short names', async () => {
  const out = await ok('current', ['api-resources']);
  assert.match(out, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND/);
  assert.match(out, /\npods\s+po\s+v1\s+true\s+Pod\n/);
  assert.match(out, /\ndeployments\s+deploy\s+apps\/v1\s+true\s+Deployment\n/);
  assert.match(out, /\ncronjobs\s+cj\s+batch\/v1\s+true\s+CronJob\n/);
  assert.match(out, /\nstorageclasses\s+sc\s+storage\.k8s\.io\/v1\s+false\s+StorageClass\n/);
});

test('kubectl api-versions on a 1.20 cluster shows batch/v1beta1 for cronjobs', async () => {
  const current = (await ok('current', ['api-versions'])).split('\n');
  assert.ok(current.includes('batch/v1') && !current.includes('batch/v1beta1'));
  const old = await ok('old', ['api-versions']);
  assert.ok(old.split('\n').includes('batch/v1beta1'));
  assert.match(await ok('old', ['api-resources', '--api-group=batch']), /cronjobs\s+cj\s+batch\/v1beta1/);
});

test('kubectl version -o json reports the emulated server version', async () => {
  const current = JSON.parse(await ok('current', ['version', '-o', 'json']));
  assert.equal(current.serverVersion.gitVersion, 'v1.32.0');
  const old = JSON.parse(await ok('old', ['version', '-o', 'json']));
  assert.equal(old.serverVersion.minor, '20');
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: h1b}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx:1.27}]}
`;

test('kubectl apply and create -f validate against the server with default flags', async () => {
  await ok('current', ['create', 'namespace', 'h1b']);
  assert.match(await ok('current', ['apply', '-f', '-'], DEPLOYMENT), /deployment\.apps\/web created/);
  assert.match(await ok('current', ['apply', '-f', '-'], DEPLOYMENT.replace('nginx:1.27', 'nginx:1.28')), /deployment\.apps\/web configured/);
  assert.match(await ok('current', ['create', '-f', '-'], DEPLOYMENT.replace('name: web', 'name: web2')), /deployment\.apps\/web2 created/);
  const get = await ok('current', ['get', 'deploy', 'web', '-n', 'h1b', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}']);
  assert.equal(get, '1 nginx:1.28');
  const bad = await kubectl('current', ['apply', '-f', '-'], DEPLOYMENT.replace('name: web', 'name: bad').replace('labels: {app: web}', 'labels: {app: other}'));
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /The Deployment "bad" is invalid: spec\.template\.metadata\.labels: Invalid value: map\[string\]string\{"app":"other"\}: `selector` does not match template `labels`/);
});

test('kubectl explain reads the OpenAPI v3 documents', async () => {
  const out = await ok('current', ['explain', 'deployment.spec.replicas']);
  assert.match(out, /KIND:\s+Deployment/);
  assert.match(out, /FIELD: replicas <integer>/);
});
