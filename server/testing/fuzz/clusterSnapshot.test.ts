import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forbiddenChanges, keyOf, type ObjectRecord, type Snapshot } from './clusterSnapshot.ts';

const rec = (resource: string, namespace: string, name: string, extra: Partial<ObjectRecord> = {}): ObjectRecord => ({
  resource,
  namespace,
  name,
  uid: `${resource}/${namespace}/${name}`,
  resourceVersion: '1',
  generation: 1,
  terminating: false,
  owners: [],
  ...extra,
});
const snap = (...records: ObjectRecord[]): Snapshot => new Map(records.map((r) => [keyOf(r.resource, r.namespace, r.name), r]));

const ns = rec('namespaces', '', 'victim');
const web = rec('deployments.apps', 'victim', 'web');
const shopApi = rec('deployments.apps', 'shop', 'api');
const shopPod = rec('pods', 'shop', 'api-1', { owners: ['rs-uid'] });
const world = { quiet: new Set(['victim', 'fuzz']) };

test('a pod named .. that deleted its namespace is reported, namespace and contents', () => {
  const before = snap(ns, web, shopApi);
  const after = snap(shopApi);
  assert.deepEqual(forbiddenChanges(before, after, world), ['Namespace victim deleted', 'deployments.apps victim/web deleted']);
});

test('in the quiet namespaces even a status change counts; elsewhere only identity and spec', () => {
  const before = snap(ns, web, shopApi, shopPod);
  const after = snap(ns, { ...web, resourceVersion: '2' }, { ...shopApi, resourceVersion: '9' }, { ...shopPod, resourceVersion: '5' });
  assert.deepEqual(forbiddenChanges(before, after, world), ['deployments.apps victim/web changed']);
  // The owned pod going away is its controller's business; a new spec of the deployment is not.
  const respec = snap(ns, web, { ...shopApi, generation: 2 });
  assert.deepEqual(forbiddenChanges(before, respec, world), ['deployments.apps shop/api spec changed']);
});

test('a control case may change the object it names and what that object owns, nothing else', () => {
  const ctl = rec('deployments.apps', 'fuzz', 'ctl-1');
  const bystander = rec('deployments.apps', 'fuzz', 'bystander');
  const rs = rec('replicasets.apps', 'fuzz', 'ctl-1-abc', { owners: [ctl.uid] });
  const before = snap(ctl, bystander);
  const after = snap({ ...ctl, generation: 2 }, rs, { ...bystander, resourceVersion: '2' });
  assert.deepEqual(forbiddenChanges(before, after, { ...world, named: new Set([keyOf(ctl.resource, 'fuzz', 'ctl-1')]) }), ['deployments.apps fuzz/bystander changed']);
});

test('a namespace the harness retired is nobody\'s doing', () => {
  const before = snap(ns, web);
  assert.deepEqual(forbiddenChanges(before, snap(), { ...world, ignored: new Set(['victim']) }), []);
});
