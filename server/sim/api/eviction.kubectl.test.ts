import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';

// Evictions against the seeded shop: postgres's budget (minAvailable 2 of 2) allows none,
// the frontend's (maxUnavailable 1 of 2) allows one at a time.
const demo = demoClusterForKubectl();

async function ok(...args: string[]): Promise<string> {
  const r = await demo.kubectl(args, { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function evict(name: string): Promise<{ status: number; body: { message?: string; reason?: string; details?: { causes?: { reason: string; message: string }[] } } }> {
  const res = await fetch(`${demo.cluster.url}/api/v1/namespaces/shop/pods/${name}/eviction`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'shop' } }),
  });
  return { status: res.status, body: (await res.json()) as never };
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

test('kubectl get pdb prints the real columns and the allowed disruptions once the pods are ready', async () => {
  const out = await until('both budgets counting their healthy pods', async () => {
    const o = await ok('get', 'pdb', '-n', 'shop');
    return /\nfrontend\s+N\/A\s+1\s+1\s+\S+\n/.test(o) && /\npostgres\s+2\s+N\/A\s+0\s+\S+\n/.test(o) && o;
  });
  assert.match(out, /^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\n/);
  assert.match(await ok('describe', 'pdb', '-n', 'shop', 'postgres'), /Allowed disruptions:\s+0/);
});

test("evicting postgres-0 is refused with 429 and the budget's own words; the pod stays", async () => {
  // ALLOWED DISRUPTIONS is 0 with one healthy pod as well as with two: wait for both to count,
  // or the refusal counts the pods that are ready so far.
  await until('postgres budget counting both pods', async () =>
    (await ok('get', 'pdb', '-n', 'shop', 'postgres', '-o', 'jsonpath={.status.currentHealthy}/{.status.disruptionsAllowed}')) === '2/0');
  const r = await evict('postgres-0');
  assert.equal(r.status, 429);
  assert.equal(r.body.reason, 'TooManyRequests');
  assert.equal(r.body.message, "Cannot evict pod as it would violate the pod's disruption budget.");
  assert.deepEqual(r.body.details?.causes, [{ reason: 'DisruptionBudget', message: 'The disruption budget postgres needs 2 healthy pods and has 2 currently' }]);
  assert.doesNotMatch(await ok('get', 'pod', '-n', 'shop', 'postgres-0', '-o', 'jsonpath={.metadata.deletionTimestamp}'), /\d/);
});

test('the frontend budget allows one eviction at a time: of two at once one is refused, and it passes once the replacement is ready', async () => {
  await until('frontend budget allows 1', async () => /\nfrontend\s+N\/A\s+1\s+1/.test(await ok('get', 'pdb', '-n', 'shop')));
  const pods = (await ok('get', 'pods', '-n', 'shop', '-l', 'app=frontend', '-o', 'jsonpath={.items[*].metadata.name}')).split(' ');
  assert.equal(pods.length, 2);
  // Two evictions at once, as two drains racing: the first spends the budget, the other is refused.
  const results = await Promise.all(pods.map((p) => evict(p)));
  assert.deepEqual(results.map((r) => r.status).sort(), [201, 429]);
  const refused = results.find((r) => r.status === 429)!;
  assert.match(refused.body.details?.causes?.[0]?.message ?? '', /^The disruption budget frontend needs 1 healthy pods and has \d currently$/);
  const kept = pods[results.findIndex((r) => r.status === 429)];
  // The ReplicaSet replaces the evicted pod; once it is ready the budget allows one again.
  await until('frontend budget back to 1', async () => /\nfrontend\s+N\/A\s+1\s+1/.test(await ok('get', 'pdb', '-n', 'shop')), 60_000);
  assert.equal((await evict(kept)).status, 201);
});
