import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { daemonSetController } from './daemonset.ts';
import { eventually } from '../../testing/eventually.ts';
import { node, testCluster } from './testCluster.ts';

const DS = 'daemonsets.apps';

const logShipper: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'log-shipper', namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: 'log-shipper' } },
    template: { metadata: { labels: { app: 'log-shipper' } }, spec: { containers: [{ name: 'fluent-bit', image: 'fluent/fluent-bit:3.0' }] } },
  },
};

const nodes = [node('node-a'), node('node-b'), node('node-c', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }])];

test('a daemonset runs one pod per node and skips the tainted node', async () => {
  const tc = testCluster([daemonSetController()], { nodes });
  try {
    tc.create(DS, logShipper);
    const ds = await eventually(() => {
      const d = tc.ctx.store.get(DS, 'shop', 'log-shipper')!;
      return d.status?.numberReady === 2 && d;
    }, 'two ready daemon pods');
    assert.equal(ds.status.desiredNumberScheduled, 2);
    assert.equal(ds.status.currentNumberScheduled, 2);
    assert.equal(ds.status.numberMisscheduled, 0);
    assert.equal(ds.status.updatedNumberScheduled, 2);
    const pods = tc.ctx.store.list('pods', 'shop');
    const pinned = pods.map((p) => p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]).sort();
    assert.deepEqual(pinned, ['node-a', 'node-b']);
    const [rev] = tc.ctx.store.list('controllerrevisions.apps', 'shop');
    assert.equal(pods[0].metadata.labels!['controller-revision-hash'], rev.metadata.labels!['controller-revision-hash']);
    assert.ok(pods[0].spec.tolerations.some((t: { key: string }) => t.key === 'node.kubernetes.io/unschedulable'));

    // Tolerating the taint brings a third pod; a new template rolls over node by node.
    tc.ctx.store.mutate(DS, 'shop', 'log-shipper', (o) => {
      o.spec.template.spec.tolerations = [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }];
    });
    await eventually(() => {
      const d = tc.ctx.store.get(DS, 'shop', 'log-shipper')!;
      return d.status?.updatedNumberScheduled === 3 && d.status.numberAvailable === 3 && tc.ctx.store.list('pods', 'shop').length === 3;
    }, 'three updated pods');
    assert.equal(tc.ctx.store.list('controllerrevisions.apps', 'shop').length, 2);
  } finally {
    tc.close();
  }
});
