import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { requireKubectl, runKubectl, type KubectlResult } from '../../testing/kubectl.ts';
import { startDemoCluster, type DemoCluster } from '../index.ts';

requireKubectl();

const dir = mkdtempSync(join(tmpdir(), 'kubelet-kubectl-'));
let cluster: DemoCluster;
let kubeconfig: string;

before(async () => {
  kubeconfig = join(dir, 'kubeconfig');
  cluster = await startDemoCluster({ port: 0, speed: 50, seed: false, writeKubeconfig: kubeconfig });
  const { store } = cluster;
  if (!store.get('namespaces', undefined, 'default')) store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  store.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } });
  store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'toolbox', namespace: 'default' }, spec: { nodeName: 'node-a', containers: [{ name: 'box', image: 'busybox:1.36', command: ['sh', '-c', 'echo boot one; echo boot two; echo boot three; sleep 100000'] }] } });
  const deadline = Date.now() + 10_000;
  while (store.get('pods', 'default', 'toolbox')?.status?.phase !== 'Running') {
    if (Date.now() > deadline) throw new Error('toolbox never ran');
    await new Promise((r) => setTimeout(r, 20));
  }
});
after(async () => {
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
});

function kubectl(args: string[]): Promise<KubectlResult> {
  return runKubectl(args, { kubeconfig });
}

test('kubectl exec -- sh -c "exit 3" exits 3', async () => {
  const r = await kubectl(['exec', 'toolbox', '--', 'sh', '-c', 'exit 3']);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /command terminated with exit code 3/);
});

test('kubectl exec -- echo hi prints hi', async () => {
  const r = await kubectl(['exec', 'toolbox', '--', 'echo', 'hi']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'hi\n');
});

test('kubectl exec -i feeds stdin to the command', async () => {
  const r = await new Promise<{ code: number; stdout: string }>((resolve) => {
    const child = execFile('kubectl', ['exec', '-i', 'toolbox', '--', 'sh'], { env: { ...process.env, KUBECONFIG: kubeconfig }, timeout: 30_000 }, (err, stdout) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout }),
    );
    child.stdin!.end('echo piped; cat /etc/hostname\n');
  });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'piped\ntoolbox\n');
});

test('kubectl logs --tail=2 prints the last two lines', async () => {
  const r = await kubectl(['logs', 'toolbox', '--tail=2']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'boot two\nboot three\n');
});
