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

interface ClaimState {
  conditions: string;
  resizeStatus: string;
  capacity: string;
}

/** Watches one claim and collects each distinct resize state, doing `act` once the watch is open, until `until` holds. */
async function watchClaim(ns: string, name: string, act: () => Promise<void>, until: (s: ClaimState) => boolean): Promise<string[]> {
  const ctrl = new AbortController();
  const safety = setTimeout(() => ctrl.abort(), 60_000);
  const res = await fetch(`${demo.cluster.url}/api/v1/namespaces/${ns}/persistentvolumeclaims?watch=1&fieldSelector=metadata.name%3D${name}`, { signal: ctrl.signal });
  assert.equal(res.status, 200);
  const states: string[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    await act();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`watch ended before the claim settled: ${states.join(' | ')}`);
      buf += decoder.decode(value, { stream: true });
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const status = (JSON.parse(buf.slice(0, nl)) as { object: { status?: { conditions?: { type: string }[]; allocatedResourceStatuses?: { storage?: string }; capacity?: { storage?: string } } } }).object.status ?? {};
        buf = buf.slice(nl + 1);
        const s: ClaimState = { conditions: (status.conditions ?? []).map((c) => c.type).join('+') || '-', resizeStatus: status.allocatedResourceStatuses?.storage ?? '-', capacity: status.capacity?.storage ?? '-' };
        const text = `${s.conditions} ${s.resizeStatus} ${s.capacity}`;
        if (states.at(-1) !== text) states.push(text);
        if (until(s)) return states;
      }
    }
  } finally {
    clearTimeout(safety);
    ctrl.abort();
  }
}

test("growing postgres-0's claim (class standard, mounted) with kubectl patch: Resizing, FileSystemResizePending, then the new capacity on the claim and its volume", async () => {
  await until('postgres-0 running', async () => /Running/.test(await ok('get', 'pod', '-n', 'shop', 'postgres-0', '-o', 'jsonpath={.status.phase}')));
  await until('data-postgres-0 bound at 2Gi', async () => /\ndata-postgres-0\s+Bound\s+pvc-\S+\s+2Gi\s/.test(await ok('get', 'pvc', '-n', 'shop')));
  const states = await watchClaim(
    'shop',
    'data-postgres-0',
    async () => void (await ok('patch', 'pvc', '-n', 'shop', 'data-postgres-0', '--type', 'merge', '-p', '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}')),
    (s) => s.capacity === '3Gi',
  );
  assert.deepEqual(
    states.filter((s) => s !== '- - 2Gi'),
    ['Resizing ControllerResizeInProgress 2Gi', 'FileSystemResizePending NodeResizePending 2Gi', 'FileSystemResizePending NodeResizeInProgress 2Gi', '- - 3Gi'],
  );
  assert.match(await ok('get', 'pvc', '-n', 'shop', 'data-postgres-0'), /\ndata-postgres-0\s+Bound\s+pvc-\S+\s+3Gi\s+RWO\s+standard\s/);
  const volume = await jsonpath('pvc', 'data-postgres-0', '{.spec.volumeName}', 'shop');
  assert.match(await ok('get', 'pv', volume), new RegExp(`\\n${volume}\\s+3Gi\\s+RWO\\s+Delete\\s+Bound\\s+shop/data-postgres-0\\s`));
  assert.equal(await jsonpath('pvc', 'data-postgres-0', '{.status.allocatedResources.storage}', 'shop'), '3Gi');
  const events = await ok('get', 'events', '-n', 'shop', '--field-selector', 'involvedObject.name=data-postgres-0', '-o', 'jsonpath={range .items[*]}{.reason}{"\\n"}{end}');
  for (const reason of ['ExternalExpanding', 'Resizing', 'FileSystemResizeRequired', 'FileSystemResizeSuccessful']) assert.match(events, new RegExp(`^${reason}$`, 'm'));
});

test('growing a claim of class manual (no allowVolumeExpansion) is refused by the PersistentVolumeClaimResize admission', async () => {
  await until('archive Bound', async () => /\narchive\s+Bound\s/.test(await ok('get', 'pvc', '-n', 'storage-demo')));
  const r = await demo.kubectl(['patch', 'pvc', '-n', 'storage-demo', 'archive', '--type', 'merge', '-p', '{"spec":{"resources":{"requests":{"storage":"10Gi"}}}}']);
  assert.notEqual(r.code, 0);
  assert.equal(r.stderr.trim(), 'Error from server (Forbidden): persistentvolumeclaims "archive" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  assert.equal(await jsonpath('pvc', 'archive', '{.spec.resources.requests.storage}'), '5Gi');
});

test('shrinking a bound claim below its capacity is refused as invalid', async () => {
  await until('orphan-cache Bound', async () => /\norphan-cache\s+Bound\s/.test(await ok('get', 'pvc', '-n', 'storage-demo')));
  const r = await demo.kubectl(['patch', 'pvc', '-n', 'storage-demo', 'orphan-cache', '--type', 'merge', '-p', '{"spec":{"resources":{"requests":{"storage":"500Mi"}}}}']);
  assert.notEqual(r.code, 0);
  assert.equal(r.stderr.trim(), 'The PersistentVolumeClaim "orphan-cache" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity');
  assert.equal(await jsonpath('pvc', 'orphan-cache', '{.spec.resources.requests.storage}'), '1Gi');
});
