import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import type { KubeObject } from '../kube/object.ts';
import { startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import type { PodDetail } from '../views/workloads/podDetail.ts';
import type { WorkloadDetail } from '../views/workloads/workloadDetail.ts';
import type { DeploymentRollout } from '../views/workloads/rolloutStatus.ts';

let cluster: DemoCluster;
let consoleApp: RunningConsole;
let api: string;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20 });
  consoleApp = await startConsole([demoContext(cluster.url)]);
  api = `${consoleApp.url}api/contexts/demo/namespaces/shop`;
});

after(async () => {
  await consoleApp?.close();
  await cluster?.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; headers: Headers }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are many shapes
  const res = await fetch(`${api}${path}`, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await probe();
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const deployment = async (name: string) => (await fetch(`${cluster.url}/apis/apps/v1/namespaces/shop/deployments/${name}`)).json() as Promise<KubeObject>;

test('scaling the frontend from 2 to 5 ends with 5 ready replicas', async () => {
  const d = await waitFor('frontend ready', async () => {
    const x = await deployment('frontend');
    return x.status?.readyReplicas === 2 ? x : undefined;
  });
  const res = await call('PUT', '/deployments/frontend/scale', { replicas: 5, resourceVersion: d.metadata.resourceVersion });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.json.spec.replicas, 5);
  const detail = await waitFor('5 ready', async () => {
    const r = await call('GET', '/deployments/frontend/detail');
    const w = r.json as WorkloadDetail;
    return w.pods.filter((p) => p.readyContainers === p.totalContainers && p.status === 'Running').length === 5 && w.rollout?.state === 'complete' ? w : undefined;
  });
  assert.equal((detail.rollout as DeploymentRollout).available, 5);
});

test('a scale based on a stale resourceVersion (and nothing else) gets a 409 Status, not cached', async () => {
  const d = await deployment('frontend');
  const fresh = await call('PUT', '/deployments/frontend/scale', { replicas: 3, resourceVersion: d.metadata.resourceVersion });
  assert.equal(fresh.status, 200);
  const stale = await call('PUT', '/deployments/frontend/scale', { replicas: 4, resourceVersion: d.metadata.resourceVersion });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.kind, 'Status');
  assert.equal(stale.json.reason, 'Conflict');
  assert.equal(stale.json.code, 409);
  assert.equal(stale.headers.get('cache-control'), 'no-store');
  assert.equal((await deployment('frontend')).spec.replicas, 3);
});

test('a scale from a page goes ahead over status changes since, and is refused over a new spec, saying so', async () => {
  const d = await deployment('frontend');
  const seen = { uid: d.metadata.uid, generation: d.metadata.generation, resourceVersion: d.metadata.resourceVersion };
  cluster.store.mutate('deployments.apps', 'shop', 'frontend', (o) => void (o.status = { ...o.status, conditions: [...(o.status?.conditions ?? []), { type: 'Audited', status: 'True' }] }));
  const overStatus = await call('PUT', '/deployments/frontend/scale', { replicas: 2, ...seen });
  assert.equal(overStatus.status, 200, JSON.stringify(overStatus.json));
  assert.equal((await deployment('frontend')).spec.replicas, 2);

  // The scale above is a new spec: a write still based on the page before it is stale.
  const overSpec = await call('PUT', '/deployments/frontend/scale', { replicas: 4, ...seen });
  assert.equal(overSpec.status, 409);
  assert.match(overSpec.json.message, new RegExp(`spec of frontend changed since you loaded it \\(generation ${seen.generation} → ${(seen.generation ?? 0) + 1}\\)`));
  assert.equal((await deployment('frontend')).spec.replicas, 2);
});

test('an image that does not exist fails the rollout with ImagePullBackOff, and rolling back restores the previous image', async () => {
  const before = await waitFor('api rollout settled', async () => {
    const r = await call('GET', '/deployments/api/detail');
    return r.json.rollout?.state === 'complete' ? (r.json as WorkloadDetail) : undefined;
  }, 60_000);
  const previousImage = before.containers[0].image;
  const set = await call('POST', '/deployments/api/set-image', { container: 'api', image: 'demo.registry/shop/api:9.9.9-does-not-exist', resourceVersion: before.resourceVersion });
  assert.equal(set.status, 200, JSON.stringify(set.json));
  const failed = await waitFor('ImagePullBackOff', async () => {
    const r = await call('GET', '/deployments/api/detail');
    return r.json.rollout?.state === 'failed' && r.json.rollout.reason === 'ImagePullBackOff' ? (r.json as WorkloadDetail) : undefined;
  });
  assert.equal(failed.revisions[0].changeCause, 'set image api=demo.registry/shop/api:9.9.9-does-not-exist');
  const diff = await call('GET', `/deployments/api/revisions/${failed.revisions[1].revision}/diff`);
  assert.equal(diff.status, 200);
  assert.ok(diff.json.lines.some((l: { op: string; text: string }) => l.op === '+' && l.text.includes(previousImage)));
  const undo = await call('POST', '/deployments/api/rollback', { revision: 0, resourceVersion: failed.resourceVersion });
  assert.equal(undo.status, 200, JSON.stringify(undo.json));
  const after = await deployment('api');
  assert.equal(after.spec.template.spec.containers[0].image, previousImage);
  assert.equal(after.spec.template.metadata.labels['pod-template-hash'], undefined);
});

test('the report-renderer pod\'s page says no node has enough cpu', async () => {
  const detail = await waitFor('FailedScheduling event', async () => {
    const r = await call('GET', '/pods/report-renderer/detail');
    return (r.json as PodDetail).pending?.event ? (r.json as PodDetail) : undefined;
  });
  assert.equal(detail.pending?.pending, true);
  const cpu = detail.pending?.reasons.find((r) => r.kind === 'resources');
  assert.equal(cpu?.resource, 'cpu');
  const short = detail.pending?.statements[0];
  assert.equal(short?.code, 'insufficient');
  assert.deepEqual(short?.code === 'insufficient' ? [short.resource, short.wanted, short.nodes.map((n) => n.node)] : [], ['cpu', 12000, ['node-a', 'node-b']]);
  assert.equal(detail.qosClass, 'Burstable');
  assert.deepEqual([detail.requestsExplained[0].resource, detail.requestsExplained[0].effective, detail.requestsExplained[0].rule], ['cpu', 12000, 'together']);
});

test('deleting needs the typed name, and the secret values of postgres are never shown', async () => {
  const refused = await call('DELETE', '/deployments/recommender', { confirmName: 'recommend', propagationPolicy: 'Foreground' });
  assert.equal(refused.status, 400);
  assert.match(refused.json.message, /type the name "recommender"/);
  const sts = await call('GET', '/statefulsets/postgres/detail');
  assert.equal(sts.status, 200);
  const env = sts.json.containers[0].env as { name: string; value?: string; secretKeyRef?: unknown }[];
  assert.deepEqual(env.find((e) => e.name === 'POSTGRES_PASSWORD'), { name: 'POSTGRES_PASSWORD', secretKeyRef: { name: 'postgres-credentials', key: 'password' } });
  assert.doesNotMatch(JSON.stringify(sts.json), /s3cr3t/);
  const gone = await call('DELETE', '/deployments/recommender', { confirmName: 'recommender', propagationPolicy: 'Background' });
  assert.equal(gone.status, 200, JSON.stringify(gone.json));
});

test('a deletion goes ahead over status changes since the page loaded, but not over a new spec', async () => {
  const create = await fetch(`${cluster.url}/apis/apps/v1/namespaces/shop/deployments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'doomed' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'doomed' } }, template: { metadata: { labels: { app: 'doomed' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    }),
  });
  assert.equal(create.status, 201);
  const seen = await waitFor('doomed observed', async () => {
    const d = await deployment('doomed');
    return d.status?.observedGeneration === d.metadata.generation ? d : undefined;
  });
  const asSeen = { confirmName: 'doomed', uid: seen.metadata.uid, generation: seen.metadata.generation, resourceVersion: seen.metadata.resourceVersion };

  // The spec changes (someone scales it): the page is stale, and says how.
  cluster.store.mutate('deployments.apps', 'shop', 'doomed', (d) => void (d.spec.replicas = 2));
  const refused = await call('DELETE', '/deployments/doomed', asSeen);
  assert.equal(refused.status, 409);
  assert.equal(refused.json.reason, 'Conflict');
  assert.match(refused.json.message, /spec of doomed changed since you loaded it \(generation 1 → 2\)/);

  // Only the status changes after the page reloaded: the deletion goes ahead.
  const reloaded = await deployment('doomed');
  cluster.store.mutate('deployments.apps', 'shop', 'doomed', (d) => void (d.status = { ...d.status, conditions: [...(d.status?.conditions ?? []), { type: 'Audited', status: 'True' }] }));
  assert.notEqual((await deployment('doomed')).metadata.resourceVersion, reloaded.metadata.resourceVersion);
  const gone = await call('DELETE', '/deployments/doomed', { ...asSeen, generation: reloaded.metadata.generation, resourceVersion: reloaded.metadata.resourceVersion });
  assert.equal(gone.status, 200, JSON.stringify(gone.json));
  await waitFor('doomed gone', async () => ((await fetch(`${cluster.url}/apis/apps/v1/namespaces/shop/deployments/doomed`)).status === 404 ? true : undefined));
});

test('can-i answers from a SelfSubjectAccessReview', async () => {
  const res = await fetch(`${consoleApp.url}api/contexts/demo/can-i`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ verb: 'patch', resource: 'deployments', group: 'apps', namespace: 'shop' }) });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { allowed: boolean }).allowed, true);
});
