import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schedulerController } from './scheduler.ts';
import { eventually } from '../../testing/eventually.ts';
import { eventsFor, testContext, testNode, testPod } from './testContext.ts';

const cpu = (n: string) => ({ name: 'app', image: 'nginx', resources: { requests: { cpu: n, memory: '64Mi' } } });

function demoNodes() {
  return [testNode('node-a', '4', '16Gi'), testNode('node-b', '4', '16Gi'), testNode('node-c', '8', '32Gi', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }])];
}

test('a pod that fits is bound to a node with PodScheduled and a Scheduled event', async () => {
  const { ctx, close } = testContext([schedulerController()]);
  try {
    for (const n of demoNodes()) ctx.store.create('nodes', n);
    ctx.store.create('pods', testPod('web-1', 'shop', { containers: [cpu('500m')] }));
    const pod = await eventually(() => ctx.store.get('pods', 'shop', 'web-1')?.spec.nodeName && ctx.store.get('pods', 'shop', 'web-1'), 'binding');
    assert.notEqual(pod.spec.nodeName, 'node-c', 'the tainted node is not used without a toleration');
    assert.equal(pod.status.conditions.find((c: { type: string }) => c.type === 'PodScheduled').status, 'True');
    assert.deepEqual(eventsFor(ctx, pod).map((e) => e.message), [`Successfully assigned shop/web-1 to ${pod.spec.nodeName}`]);
  } finally {
    close();
  }
});

test('a pod needing more CPU than any node stays Pending with the FailedScheduling message', async () => {
  const { ctx, close } = testContext([schedulerController()]);
  try {
    for (const n of demoNodes()) ctx.store.create('nodes', n);
    ctx.store.create('pods', testPod('huge', 'shop', { containers: [cpu('6')] }));
    const msg =
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const pod = await eventually(() => {
      const p = ctx.store.get('pods', 'shop', 'huge');
      return p?.status?.conditions?.length && p;
    }, 'unschedulable condition');
    assert.equal(pod.spec.nodeName, undefined);
    assert.deepEqual(pod.status.conditions[0], { ...pod.status.conditions[0], type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg });
    const events = eventsFor(ctx, pod);
    assert.equal(events.length, 1);
    assert.deepEqual({ ...events[0], count: 1 }, { reason: 'FailedScheduling', type: 'Warning', message: msg, count: 1 });
  } finally {
    close();
  }
});

test('a pod scheduled after being Unschedulable keeps no stale reason or message on PodScheduled', async () => {
  const { ctx, close } = testContext([schedulerController()]);
  try {
    for (const n of demoNodes()) ctx.store.create('nodes', n);
    ctx.store.create('pods', testPod('huge', 'shop', { containers: [cpu('6')] }));
    await eventually(() => ctx.store.get('pods', 'shop', 'huge')?.status?.conditions?.[0]?.reason === 'Unschedulable', 'unschedulable first');
    ctx.store.create('nodes', testNode('node-big', '16', '64Gi'));
    const pod = await eventually(() => ctx.store.get('pods', 'shop', 'huge')?.spec.nodeName && ctx.store.get('pods', 'shop', 'huge'), 'bound to the new node', 10_000);
    const scheduled = pod.status.conditions.find((c: { type: string }) => c.type === 'PodScheduled');
    assert.equal(pod.spec.nodeName, 'node-big');
    assert.deepEqual(Object.keys(scheduled).sort(), ['lastProbeTime', 'lastTransitionTime', 'status', 'type']);
    assert.equal(scheduled.status, 'True');
  } finally {
    close();
  }
});

test('taints are respected: only a pod tolerating dedicated=gpu lands on the GPU node', async () => {
  const { ctx, close } = testContext([schedulerController()]);
  try {
    for (const n of demoNodes()) ctx.store.create('nodes', n);
    const gpuOnly = { nodeSelector: { 'kubernetes.io/hostname': 'node-c' } };
    ctx.store.create('pods', testPod('no-toleration', 'shop', { ...gpuOnly, containers: [cpu('1')] }));
    ctx.store.create('pods', testPod('tolerates', 'shop', { ...gpuOnly, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], containers: [cpu('1')] }));
    await eventually(() => ctx.store.get('pods', 'shop', 'tolerates')?.spec.nodeName === 'node-c', 'tolerating pod on node-c');
    const blocked = await eventually(() => {
      const p = ctx.store.get('pods', 'shop', 'no-toleration');
      return p?.status?.conditions?.length && p;
    }, 'blocked pod condition');
    assert.equal(
      blocked.status.conditions[0].message,
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  } finally {
    close();
  }
});

test('bound pods use up a node: the effective request (max of init, sum of apps) is what counts', async () => {
  const { ctx, close } = testContext([schedulerController()]);
  try {
    ctx.store.create('nodes', testNode('node-a', '4', '16Gi'));
    // init 3 CPU, apps 1+1: counts 3 CPU, so 1 CPU is left on node-a.
    ctx.store.create('pods', testPod('init-heavy', 'shop', { initContainers: [cpu('3')], containers: [cpu('1'), cpu('1')] }));
    await eventually(() => ctx.store.get('pods', 'shop', 'init-heavy')?.spec.nodeName, 'first pod bound');
    ctx.store.create('pods', testPod('fits', 'shop', { containers: [cpu('1')] }));
    await eventually(() => ctx.store.get('pods', 'shop', 'fits')?.spec.nodeName, 'a 1-CPU pod still fits');
    ctx.store.create('pods', testPod('too-much', 'shop', { containers: [cpu('100m')] }));
    const p = await eventually(() => ctx.store.get('pods', 'shop', 'too-much')?.status?.conditions?.[0]?.message, 'third pod rejected');
    assert.match(p, /^0\/1 nodes are available: 1 Insufficient cpu\./);
    // Freeing the first pod lets the pending one in.
    ctx.store.mutate('pods', 'shop', 'init-heavy', (o) => void (o.status.phase = 'Succeeded'), { statusOnly: true });
    await eventually(() => ctx.store.get('pods', 'shop', 'too-much')?.spec.nodeName === 'node-a', 'pending pod scheduled after resources freed');
  } finally {
    close();
  }
});

test('a pod with an unbound immediate claim waits with the volume binding message', async () => {
  const { ctx, close } = testContext([schedulerController()]);
  try {
    for (const n of demoNodes()) ctx.store.create('nodes', n);
    ctx.store.create('persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    ctx.store.create('pods', testPod('db', 'shop', { containers: [cpu('100m')], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }));
    const msg = await eventually(() => ctx.store.get('pods', 'shop', 'db')?.status?.conditions?.[0]?.message, 'condition');
    assert.equal(msg, '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  } finally {
    close();
  }
});
