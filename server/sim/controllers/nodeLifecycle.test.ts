import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeLifecycleController, wantedNoScheduleTaints } from './nodeLifecycle.ts';
import { eventually } from '../../testing/eventually.ts';
import { testContext, testNode } from './testContext.ts';

const taintKeys = (t: { key: string; effect: string }[] | undefined) => (t ?? []).map((x) => `${x.key}:${x.effect}`);

test('conditions in trouble and a cordon map to their NoSchedule taint keys', () => {
  assert.deepEqual(wantedNoScheduleTaints({ status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'MemoryPressure', status: 'False' }] } }), []);
  assert.deepEqual(
    wantedNoScheduleTaints({ spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }, { type: 'DiskPressure', status: 'True' }, { type: 'PIDPressure', status: 'True' }] } }),
    ['node.kubernetes.io/unreachable', 'node.kubernetes.io/disk-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/unschedulable'],
  );
  assert.deepEqual(wantedNoScheduleTaints({ status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'NetworkUnavailable', status: 'True' }] } }), ['node.kubernetes.io/not-ready', 'node.kubernetes.io/network-unavailable']);
});

test('a NotReady node is tainted not-ready:NoSchedule until it is Ready again; other taints stay', async () => {
  const { ctx, close } = testContext([nodeLifecycleController()]);
  try {
    ctx.store.create('nodes', testNode('node-x', '4', '8Gi', [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]));
    ctx.store.mutate('nodes', undefined, 'node-x', (n) => void (n.status.conditions = [{ type: 'Ready', status: 'False' }]), { statusOnly: true });
    await eventually(() => taintKeys(ctx.store.get('nodes', undefined, 'node-x')?.spec?.taints).includes('node.kubernetes.io/not-ready:NoSchedule'), 'not-ready taint');
    const tainted = ctx.store.get('nodes', undefined, 'node-x')!;
    assert.deepEqual(taintKeys(tainted.spec.taints), ['dedicated:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule']);
    assert.ok(tainted.spec.taints[1].timeAdded);
    ctx.store.mutate('nodes', undefined, 'node-x', (n) => void (n.status.conditions = [{ type: 'Ready', status: 'True' }]), { statusOnly: true });
    await eventually(() => taintKeys(ctx.store.get('nodes', undefined, 'node-x')?.spec?.taints).length === 1, 'not-ready taint removed');
    assert.deepEqual(taintKeys(ctx.store.get('nodes', undefined, 'node-x')!.spec.taints), ['dedicated:NoSchedule']);
  } finally {
    close();
  }
});

test('a taint a user put on with an effect other than NoSchedule is not touched', async () => {
  const { ctx, close } = testContext([nodeLifecycleController()]);
  try {
    ctx.store.create('nodes', testNode('node-y', '4', '8Gi', [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoExecute' }]));
    ctx.store.mutate('nodes', undefined, 'node-y', (n) => void (n.spec.unschedulable = true));
    await eventually(() => taintKeys(ctx.store.get('nodes', undefined, 'node-y')?.spec?.taints).length === 2, 'NoSchedule taint added');
    ctx.store.mutate('nodes', undefined, 'node-y', (n) => void delete n.spec.unschedulable);
    await eventually(() => taintKeys(ctx.store.get('nodes', undefined, 'node-y')?.spec?.taints).length === 1, 'NoSchedule taint removed');
    assert.deepEqual(taintKeys(ctx.store.get('nodes', undefined, 'node-y')!.spec.taints), ['node.kubernetes.io/unschedulable:NoExecute']);
  } finally {
    close();
  }
});
