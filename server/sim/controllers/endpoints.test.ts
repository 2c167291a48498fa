import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpointsController } from './endpoints.ts';
import { replicaSetController } from './replicaset.ts';
import { eventually } from '../../testing/eventually.ts';
import { testCluster } from './testCluster.ts';

test('a service selecting pods lists ready pods as addresses and not-ready ones apart, with the resolved target port', async () => {
  const tc = testCluster([replicaSetController(), endpointsController()]);
  tc.readyWhen = (p) => p.metadata.labels?.tier !== 'canary';
  try {
    tc.create('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'api', namespace: 'shop', labels: { app: 'api' } },
      spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    });
    const template = (tier: string) => ({
      metadata: { labels: { app: 'api', tier } },
      spec: { containers: [{ name: 'api', image: 'api:1', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] },
    });
    for (const tier of ['stable', 'canary']) {
      tc.create('replicasets.apps', {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `api-${tier}`, namespace: 'shop' },
        spec: { replicas: tier === 'stable' ? 2 : 1, selector: { matchLabels: { app: 'api', tier } }, template: template(tier) },
      });
    }
    type Subset = { addresses?: { targetRef: { kind: string; name: string }; nodeName?: string }[]; notReadyAddresses?: unknown[]; ports?: unknown[] };
    const ep = await eventually(() => {
      const e = tc.ctx.store.get('endpoints', 'shop', 'api');
      const subset = (e?.subsets as Subset[] | undefined)?.[0];
      return subset?.addresses?.length === 2 && subset.notReadyAddresses?.length === 1 && { labels: e!.metadata.labels!, subset };
    }, 'endpoints with 2 ready and 1 not ready');
    assert.equal(ep.labels.app, 'api');
    assert.deepEqual(ep.subset.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const addr = ep.subset.addresses![0];
    assert.equal(addr.targetRef.kind, 'Pod');
    assert.equal(addr.nodeName, 'node-a');
    assert.ok(addr.targetRef.name.startsWith('api-stable-'));
    tc.ctx.store.delete('services', 'shop', 'api');
    await eventually(() => !tc.ctx.store.get('endpoints', 'shop', 'api'), 'endpoints removed with the service');
  } finally {
    tc.close();
  }
});
