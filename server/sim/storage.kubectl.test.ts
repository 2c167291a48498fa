import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../testing/kubectl.ts';

// kubectl against the seeded storage story: what an operator sees, and what the API server refuses.
const demo = demoClusterForKubectl();

async function ok(...args: string[]): Promise<string> {
  const r = await demo.kubectl(args, { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const jsonpath = (kind: 'pv' | 'pvc', name: string, path: string, ns = 'storage-demo') => ok('get', kind, ...(kind === 'pvc' ? ['-n', ns] : []), name, '-o', `jsonpath=${path}`);

test('the seeded volume released-pv-01 is Released, still naming its deleted claim, and stays unbound', async () => {
  const row = await until('released-pv-01 Released', async () => {
    const out = await ok('get', 'pv', 'released-pv-01');
    return /\nreleased-pv-01\s+2Gi\s+RWO\s+Retain\s+Released\s+storage-demo\/old-logs\s+manual\s/.test(out) && out;
  });
  assert.ok(row);
  assert.match(await jsonpath('pv', 'released-pv-01', '{.spec.claimRef.uid}'), /^[0-9a-f-]{36}$/);
  // No claim of that name exists any more.
  const r = await demo.kubectl(['get', 'pvc', '-n', 'storage-demo', 'old-logs']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /persistentvolumeclaims "old-logs" not found/);
});

test('the seeded claim orphan-cache is Bound (standard, 1Gi) and no pod mounts it; uploads is mounted by the uploader pod', async () => {
  await until('orphan-cache Bound', async () => /\norphan-cache\s+Bound\s+pvc-\S+\s+1Gi\s+RWO\s+standard\s/.test(await ok('get', 'pvc', '-n', 'storage-demo')));
  const pods = await until('the uploader pod running', async () => {
    const out = await ok('get', 'pods', '-n', 'storage-demo', '-l', 'app=uploader', '-o', 'jsonpath={range .items[*]}{.status.phase} {.spec.volumes[*].persistentVolumeClaim.claimName} {.spec.containers[0].volumeMounts[*].mountPath}{"\\n"}{end}');
    return /Running/.test(out) && out;
  });
  assert.match(pods, /^Running uploads \/srv\/uploads/);
  const claimsInUse = await ok('get', 'pods', '-A', '-o', 'jsonpath={.items[*].spec.volumes[*].persistentVolumeClaim.claimName}');
  assert.doesNotMatch(claimsInUse, /orphan-cache/);
  await until('uploads Bound', async () => /\nuploads\s+Bound\s/.test(await ok('get', 'pvc', '-n', 'storage-demo')));
});

test('every seeded claim and volume carries its protection finalizer', async () => {
  // The StatefulSet controller creates postgres's claims shortly after start.
  const claims = await until('the postgres claim created', async () => {
    const out = await ok('get', 'pvc', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}={.metadata.finalizers}{"\\n"}{end}');
    return out.includes('shop/data-postgres-0=') && out;
  });
  for (const name of ['storage-demo/uploads', 'storage-demo/orphan-cache', 'storage-demo/scratch', 'shop/data-postgres-0']) assert.match(claims, new RegExp(`^${name}=\\["kubernetes.io/pvc-protection"\\]$`, 'm'));
  const volumes = await ok('get', 'pv', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.metadata.finalizers}{"\\n"}{end}');
  for (const name of ['archive-pv-01', 'released-pv-01']) assert.match(volumes, new RegExp(`^${name}=\\["kubernetes.io/pv-protection"\\]$`, 'm'));
});

test('deleting a claim in use leaves it Terminating with kubernetes.io/pvc-protection; once its pod is deleted the claim is gone', async () => {
  const pod = await until('the uploader pod running', async () => {
    const out = await ok('get', 'pods', '-n', 'storage-demo', '-l', 'app=uploader', '--field-selector', 'status.phase=Running', '-o', 'name');
    return out.trim().split('\n')[0];
  });
  await ok('delete', 'pvc', '-n', 'storage-demo', 'uploads', '--wait=false');
  assert.match(await ok('get', 'pvc', '-n', 'storage-demo', 'uploads'), /\nuploads\s+Terminating\s+pvc-\S+\s+1Gi\s+RWO\s+standard\s/);
  assert.equal(await jsonpath('pvc', 'uploads', '{.metadata.finalizers}'), '["kubernetes.io/pvc-protection"]');
  await ok('delete', '-n', 'storage-demo', pod);
  await until('uploads gone', async () => {
    const r = await demo.kubectl(['get', 'pvc', '-n', 'storage-demo', 'uploads']);
    return r.code !== 0 && /not found/.test(r.stderr);
  });
});
