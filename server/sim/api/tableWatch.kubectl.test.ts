import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';

const kc = demoClusterForKubectl({ seed: false, controllers: false });

/** `kubectl get … --watch` until its output satisfies `until`; the process is killed either way. */
function watchOutput(args: string[], until: (out: string) => boolean, act: () => Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, { env: { ...process.env, KUBECONFIG: kc.kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let acted = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kubectl watch never showed what was expected:\n${out}\n${err}`));
    }, 20_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c;
      if (!acted && out.includes('\n')) {
        acted = true;
        act().catch(reject);
      }
      if (until(out)) {
        clearTimeout(timer);
        child.kill('SIGTERM');
        resolve(out);
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c));
    child.on('error', reject);
  });
}

test('kubectl get configmaps -A --watch prints the rows, then a row for a ConfigMap created meanwhile', async () => {
  assert.equal((await kc.kubectl(['create', 'namespace', 'shop'])).code, 0);
  assert.equal((await kc.kubectl(['-n', 'shop', 'create', 'configmap', 'before', '--from-literal=a=1'])).code, 0);
  const out = await watchOutput(
    ['get', 'configmaps', '-A', '--watch'],
    (o) => /\nshop\s+after\s+2\s+\S+\n/.test(o),
    async () => {
      const r = await kc.kubectl(['-n', 'shop', 'create', 'configmap', 'after', '--from-literal=a=1', '--from-literal=b=2']);
      assert.equal(r.code, 0, r.stderr);
    },
  );
  const lines = out.trim().split('\n');
  assert.match(lines[0], /^NAMESPACE\s+NAME\s+DATA\s+AGE$/);
  assert.ok(lines.some((l) => /^shop\s+before\s+1\s+\S+$/.test(l)), out);
  // The header is printed once: later events carry no column definitions.
  assert.equal(lines.filter((l) => l.startsWith('NAMESPACE')).length, 1);
});
