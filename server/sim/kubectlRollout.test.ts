import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { demoClusterForKubectl } from '../testing/kubectl.ts';

// The operator's day with kubectl against the demo cluster: every kind prints its real
// columns, rollouts move and can be undone, jobs run from cronjobs, logs follow, top works.
const { kubeconfig, kubectl } = demoClusterForKubectl();

async function ok(...args: string[]): Promise<string> {
  const r = await kubectl(args, { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

test('kubectl get prints the real columns for every kind', async () => {
  const headers: [string, RegExp][] = [
    ['pods', /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/],
    ['deployments', /^NAMESPACE\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/],
    ['replicasets', /^NAMESPACE\s+NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE/],
    ['statefulsets', /^NAMESPACE\s+NAME\s+READY\s+AGE/],
    ['daemonsets', /^NAMESPACE\s+NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE/],
    ['jobs', /^NAMESPACE\s+NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE/],
    ['cronjobs', /^NAMESPACE\s+NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE/],
    ['services', /^NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE/],
    ['endpoints', /^NAMESPACE\s+NAME\s+ENDPOINTS\s+AGE/],
    ['configmaps', /^NAMESPACE\s+NAME\s+DATA\s+AGE/],
    ['secrets', /^NAMESPACE\s+NAME\s+TYPE\s+DATA\s+AGE/],
    ['serviceaccounts', /^NAMESPACE\s+NAME\s+SECRETS\s+AGE/],
    ['persistentvolumeclaims', /^NAMESPACE\s+NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS/],
    ['events', /^NAMESPACE\s+LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE/],
    ['controllerrevisions', /^NAMESPACE\s+NAME\s+CONTROLLER\s+REVISION\s+AGE/],
  ];
  for (const [kind, header] of headers) assert.match(await ok('get', kind, '-A'), header, kind);
  assert.match(await ok('get', 'nodes'), /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n(.*\n)*node-a\s+Ready\s+<none>/);
  assert.match(await ok('get', 'pv'), /^NAME\s+CAPACITY\s+ACCESS MODES\s+RECLAIM POLICY\s+STATUS\s+CLAIM/);
  assert.match(await ok('get', 'storageclass'), /standard \(default\)\s+k8s.io\/minikube-hostpath\s+Delete\s+Immediate\s+true/);
  assert.match(await ok('get', 'ns'), /shop\s+Active/);
});

test('describe pod and deployment show the events and conditions an operator reads', async () => {
  const pod = await ok('describe', 'pod', '-n', 'shop', 'report-renderer');
  assert.match(pod, /Status:\s+Pending/);
  assert.match(pod, /FailedScheduling\s+.*0\/3 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: gpu\}, 2 Insufficient cpu/);
  const deploy = await ok('describe', 'deployment', '-n', 'shop', 'frontend');
  assert.match(deploy, /Replicas:\s+2 desired \| 2 updated \| 2 total/);
  assert.match(deploy, /RollingUpdateStrategy:\s+25% max unavailable, 25% max surge/);
  assert.match(deploy, /ScalingReplicaSet\s+.*Scaled up replica set frontend-[a-z0-9]+ from 0 to 2/);
});

test('set image rolls out to completion; history, undo, pause, resume and restart work', async () => {
  await ok('create', 'deployment', 'web', '-n', 'default', '--image=nginx:1.26', '--replicas=2');
  await ok('rollout', 'status', 'deployment/web', '-n', 'default', '--timeout=60s');
  await ok('set', 'image', 'deployment/web', 'nginx=nginx:1.27', '-n', 'default');
  assert.match(await ok('rollout', 'status', 'deployment/web', '-n', 'default', '--timeout=60s'), /deployment "web" successfully rolled out/);
  assert.match(await ok('rollout', 'history', 'deployment/web', '-n', 'default'), /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);

  await ok('rollout', 'undo', 'deployment/web', '-n', 'default');
  await ok('rollout', 'status', 'deployment/web', '-n', 'default', '--timeout=60s');
  assert.equal(await ok('get', 'deployment', 'web', '-n', 'default', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.26');
  assert.match(await ok('rollout', 'history', 'deployment/web', '-n', 'default'), /\n2\s+<none>\n3\s+<none>/, 'undo re-uses revision 1 as revision 3');

  await ok('rollout', 'pause', 'deployment/web', '-n', 'default');
  await ok('set', 'image', 'deployment/web', 'nginx=nginx:1.27', '-n', 'default');
  // Once the controller has seen the new template, it has decided not to roll it out.
  let paused = JSON.parse(await ok('get', 'deployment', 'web', '-n', 'default', '-o', 'json'));
  for (const deadline = Date.now() + 20_000; paused.status.observedGeneration !== paused.metadata.generation; ) {
    assert.ok(Date.now() < deadline, 'the paused deployment\'s new template is observed');
    await new Promise((r) => setTimeout(r, 100));
    paused = JSON.parse(await ok('get', 'deployment', 'web', '-n', 'default', '-o', 'json'));
  }
  assert.equal(paused.spec.paused, true);
  assert.equal(paused.status.conditions.find((c: { type: string }) => c.type === 'Progressing').reason, 'DeploymentPaused');
  assert.match(await ok('get', 'rs', '-n', 'default', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas} {end}'), /nginx:1\.26=2/);
  await ok('rollout', 'resume', 'deployment/web', '-n', 'default');
  await ok('rollout', 'status', 'deployment/web', '-n', 'default', '--timeout=60s');

  await ok('rollout', 'restart', 'deployment/web', '-n', 'default');
  const restarted = JSON.parse(await ok('get', 'deployment', 'web', '-n', 'default', '-o', 'json'));
  assert.ok(restarted.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']);
  assert.match(await ok('rollout', 'status', 'deployment/web', '-n', 'default', '--timeout=60s'), /successfully rolled out/);
});

test('a job created from a cronjob runs to completion and kubectl wait sees it', async () => {
  await ok('create', 'job', 'backup-now', '--from=cronjob/nightly-backup', '-n', 'batch');
  const job = JSON.parse(await ok('get', 'job', 'backup-now', '-n', 'batch', '-o', 'json'));
  assert.equal(job.metadata.ownerReferences[0].kind, 'CronJob');
  assert.equal(job.metadata.annotations['cronjob.kubernetes.io/instantiate'], 'manual');
  assert.match(await ok('wait', '--for=condition=complete', 'job/backup-now', '-n', 'batch', '--timeout=60s'), /job.batch\/backup-now condition met/);
  assert.match(await ok('logs', 'job/backup-now', '-n', 'batch'), /backup uploaded/);
});

test('kubectl logs -f follows a running container and kubectl top shows usage', async () => {
  const pod = (await ok('get', 'pods', '-n', 'shop', '-l', 'app=frontend', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
  await ok('wait', '--for=condition=Ready', `pod/${pod}`, '-n', 'shop', '--timeout=60s');
  const lines = await new Promise<string[]>((resolve, reject) => {
    const child = spawn('kubectl', ['logs', '-f', '--tail=1', '-n', 'shop', pod], { env: { ...process.env, KUBECONFIG: kubeconfig } });
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`logs -f printed only: ${out}`));
    }, 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const got = out.split('\n').filter(Boolean);
      if (got.length >= 3) {
        clearTimeout(timer);
        child.kill();
        resolve(got);
      }
    });
  });
  assert.ok(lines.length >= 3, 'new lines arrived while following');
  assert.match(await ok('top', 'pods', '-n', 'shop'), /^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\n(.*\n)*postgres-0\s+\d+m\s+\d+Mi/);
  assert.match(await ok('top', 'nodes'), /node-a\s+\d+m\s+\d+%/);
});
