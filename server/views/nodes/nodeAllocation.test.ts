import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { effectivePodRequests } from '../../kube/effectivePodRequests.ts';
import { nodeAllocation } from './nodeAllocation.ts';

const node: KubeObject = {
  kind: 'Node',
  metadata: { name: 'node-a' },
  spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
  status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
};
const pod = (name: string, nodeName: string | undefined, phase: string, cpu: string): KubeObject => ({
  metadata: { name },
  spec: { nodeName, containers: [{ name: 'c', resources: { requests: { cpu, memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } }] },
  status: { phase },
});

test('an init container of 3 CPU and app containers of 1+1 count 3 CPU', () => {
  const r = effectivePodRequests({ initContainers: [{ resources: { requests: { cpu: '3' } } }], containers: [{ resources: { requests: { cpu: '1' } } }, { resources: { requests: { cpu: '1' } } }] });
  assert.equal(r.cpu, 3000);
});

test('a node charges only bound pods that have not finished', () => {
  const a = nodeAllocation(node, [pod('run', 'node-a', 'Running', '500m'), pod('pend', 'node-a', 'Pending', '300m'), pod('done', 'node-a', 'Succeeded', '1'), pod('elsewhere', 'node-b', 'Running', '1'), pod('unbound', undefined, 'Pending', '1')]);
  assert.deepEqual(a.cpu, { allocatable: 4000, requested: 800, limits: 4000, free: 3200 });
  assert.equal(a.memory.requested, 2 * 2 ** 30);
  assert.equal(a.pods.count, 2);
  assert.deepEqual(a.taints, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
  assert.equal(a.ready, true);
});
