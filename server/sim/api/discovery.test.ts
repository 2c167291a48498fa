import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveDiscovery, storageVersionHash } from './discovery.ts';
import { ResourceRegistry, servedResources, type KubeMinor } from './resources.ts';

const KUBECTL_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const registry = (minor: KubeMinor) => new ResourceRegistry(servedResources(minor));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- discovery bodies are asserted field by field
const body = (r: { body: unknown } | undefined): any => r?.body;

test('kubectl version reports the emulated server release', () => {
  assert.equal(body(serveDiscovery(registry(32), 32, '/version', undefined)).gitVersion, 'v1.32.0');
  const old = body(serveDiscovery(registry(20), 20, '/version', undefined));
  assert.equal(old.gitVersion, 'v1.20.15');
  assert.equal(old.minor, '20');
});

test('kubectl asking /apis for aggregated discovery gets APIGroupDiscoveryList with the exact Content-Type', () => {
  const r = serveDiscovery(registry(32), 32, '/apis', KUBECTL_ACCEPT)!;
  assert.equal(r.contentType, 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  const apps = body(r).items.find((i: { metadata: { name: string } }) => i.metadata.name === 'apps');
  const v1 = apps.versions[0];
  assert.equal(v1.freshness, 'Current');
  const deploy = v1.resources.find((x: { resource: string }) => x.resource === 'deployments');
  assert.deepEqual(deploy.responseKind, { group: '', version: '', kind: 'Deployment' });
  assert.equal(deploy.scope, 'Namespaced');
  assert.deepEqual(deploy.shortNames, ['deploy']);
  assert.deepEqual(deploy.categories, ['all']);
  const scale = deploy.subresources.find((s: { subresource: string }) => s.subresource === 'scale');
  assert.deepEqual(scale.responseKind, { group: 'autoscaling', version: 'v1', kind: 'Scale' });
});

test('aggregated /api describes the core group without a name', () => {
  const r = body(serveDiscovery(registry(32), 32, '/api', KUBECTL_ACCEPT));
  assert.equal(r.kind, 'APIGroupDiscoveryList');
  assert.equal(r.items[0].metadata.name, undefined);
  const pods = r.items[0].versions[0].resources.find((x: { resource: string }) => x.resource === 'pods');
  const eviction = pods.subresources.find((s: { subresource: string }) => s.subresource === 'eviction');
  assert.deepEqual(eviction.responseKind, { group: 'policy', version: 'v1', kind: 'Eviction' });
});

test('a plain client gets legacy APIVersions and APIGroupList', () => {
  const api = serveDiscovery(registry(32), 32, '/api', 'application/json')!;
  assert.equal(api.contentType, 'application/json');
  assert.deepEqual(body(api).versions, ['v1']);
  const apis = body(serveDiscovery(registry(32), 32, '/apis', undefined));
  assert.equal(apis.kind, 'APIGroupList');
  assert.ok(apis.groups.some((g: { name: string }) => g.name === 'storage.k8s.io'));
});

test('/api/v1 lists every resource and subresource like the real server', () => {
  const list = body(serveDiscovery(registry(32), 32, '/api/v1', undefined));
  const byName = new Map(list.resources.map((r: { name: string }) => [r.name, r]));
  const pods = byName.get('pods') as Record<string, unknown>;
  assert.equal(pods.storageVersionHash, 'xPOwRZ+Yhw8=');
  assert.deepEqual(pods.categories, ['all']);
  assert.deepEqual((byName.get('pods/log') as { verbs: string[] }).verbs, ['get']);
  assert.equal((byName.get('pods/exec') as { kind: string }).kind, 'PodExecOptions');
  assert.deepEqual(byName.get('pods/eviction'), { name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
  assert.equal((byName.get('pods/status') as { kind: string }).kind, 'Pod');
  const scale = body(serveDiscovery(registry(32), 32, '/apis/apps/v1', undefined)).resources.find((r: { name: string }) => r.name === 'deployments/scale');
  assert.equal(scale.group, 'autoscaling');
  assert.equal(scale.kind, 'Scale');
});

test('storage version hashes match the real apiserver', () => {
  assert.equal(storageVersionHash('apps', 'v1', 'Deployment'), '8aSe+NMegvE=');
});

test('a 1.20 cluster serves batch/v1 jobs and batch/v1beta1 cronjobs, legacy discovery only', () => {
  const reg = registry(20);
  const r = serveDiscovery(reg, 20, '/apis', KUBECTL_ACCEPT)!;
  assert.equal(r.contentType, 'application/json');
  const batch = body(r).groups.find((g: { name: string }) => g.name === 'batch');
  assert.deepEqual(batch.versions.map((v: { version: string }) => v.version), ['v1', 'v1beta1']);
  assert.equal(batch.preferredVersion.version, 'v1');
  const beta = body(serveDiscovery(reg, 20, '/apis/batch/v1beta1', undefined)).resources.map((x: { name: string }) => x.name);
  assert.deepEqual(beta, ['cronjobs', 'cronjobs/status']);
  const v1 = body(serveDiscovery(reg, 20, '/apis/batch/v1', undefined)).resources.map((x: { name: string }) => x.name);
  assert.ok(v1.includes('jobs') && !v1.includes('cronjobs'));
});

test('unknown groups are 404 and other paths are not discovery', () => {
  assert.equal(serveDiscovery(registry(32), 32, '/apis/nope.io', undefined)?.status, 404);
  assert.equal(serveDiscovery(registry(32), 32, '/apis/apps/v2', undefined)?.status, 404);
  assert.equal(serveDiscovery(registry(32), 32, '/api/v1/pods', undefined), undefined);
  assert.equal(serveDiscovery(registry(32), 32, '/apis/apps/v1/deployments', undefined), undefined);
});
