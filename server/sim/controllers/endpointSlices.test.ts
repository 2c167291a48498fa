import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { endpointSliceController } from './endpointSlices.ts';
import { replicaSetController } from './replicaset.ts';
import { eventually } from '../../testing/eventually.ts';
import { node, testCluster } from './testCluster.ts';

type Endpoint = { addresses: string[]; conditions: { ready: boolean; serving: boolean; terminating: boolean }; nodeName?: string; zone?: string; targetRef: { kind: string; name: string } };

const slicesOf = (tc: ReturnType<typeof testCluster>, service: string): KubeObject[] =>
  tc.ctx.store.list('endpointslices.discovery.k8s.io', 'shop').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service);

function apiService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'api', namespace: 'shop', labels: { app: 'api' } },
    spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
  };
}

function apiReplicaSet(tier: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `api-${tier}`, namespace: 'shop' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'api', tier } },
      template: {
        metadata: { labels: { app: 'api', tier } },
        spec: { containers: [{ name: 'api', image: 'api:1', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] },
      },
    },
  };
}

test('a service gets one EndpointSlice owned by it, listing ready and not-ready pods with their conditions, node, zone and target port', async () => {
  const tc = testCluster([replicaSetController(), endpointSliceController()], { nodes: [node('node-a', [], { 'topology.kubernetes.io/zone': 'zone-a' })] });
  tc.readyWhen = (p) => p.metadata.labels?.tier !== 'canary';
  try {
    const svc = tc.create('services', apiService());
    tc.create('replicasets.apps', apiReplicaSet('stable', 2));
    tc.create('replicasets.apps', apiReplicaSet('canary', 1));
    const slice = await eventually(() => {
      const [s, ...rest] = slicesOf(tc, 'api');
      return !rest.length && (s?.endpoints as Endpoint[] | null)?.length === 3 && s;
    }, 'one slice with 3 endpoints');
    assert.match(slice.metadata.name!, /^api-[a-z0-9]{5}$/);
    assert.equal(slice.addressType, 'IPv4');
    assert.equal(slice.metadata.labels!['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
    assert.equal(slice.metadata.labels!.app, 'api');
    assert.deepEqual(slice.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'api', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    assert.deepEqual(slice.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const eps = slice.endpoints as Endpoint[];
    const canary = eps.find((e) => e.targetRef.name.startsWith('api-canary-'))!;
    assert.deepEqual(canary.conditions, { ready: false, serving: false, terminating: false });
    const stable = eps.filter((e) => e.targetRef.name.startsWith('api-stable-'));
    assert.equal(stable.length, 2);
    for (const e of stable) {
      assert.deepEqual(e.conditions, { ready: true, serving: true, terminating: false });
      assert.equal(e.nodeName, 'node-a');
      assert.equal(e.zone, 'zone-a');
      assert.equal(e.targetRef.kind, 'Pod');
    }

    // A pod turning ready updates the same slice.
    tc.ctx.store.mutate('pods', 'shop', canary.targetRef.name, (p) => {
      p.status.conditions = p.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: 'True' } : c));
    }, { statusOnly: true });
    await eventually(() => {
      const [s] = slicesOf(tc, 'api');
      return s?.metadata.name === slice.metadata.name && (s.endpoints as Endpoint[]).every((e) => e.conditions.ready);
    }, 'all endpoints ready in the same slice');

    // Deleted by hand: the controller writes it again.
    tc.ctx.store.delete('endpointslices.discovery.k8s.io', 'shop', slice.metadata.name!);
    await eventually(() => slicesOf(tc, 'api').length === 1 && slicesOf(tc, 'api')[0].metadata.name !== slice.metadata.name, 'slice recreated');

    tc.ctx.store.delete('services', 'shop', 'api');
    await eventually(() => slicesOf(tc, 'api').length === 0, 'slices removed with the service');
  } finally {
    tc.close();
  }
});

test('a service selecting no pods has one placeholder slice with no ports and no endpoints', async () => {
  const tc = testCluster([endpointSliceController()]);
  try {
    tc.create('services', apiService());
    const slice = await eventually(() => slicesOf(tc, 'api')[0], 'placeholder slice');
    assert.equal(slice.endpoints, null);
    assert.equal(slice.ports, null);
  } finally {
    tc.close();
  }
});
