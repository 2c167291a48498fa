import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { parseFailedScheduling } from './failedScheduling.ts';
import { whyPending } from './whyPending.ts';

const node = (name: string, cpu: string, taints?: unknown[], labels: Record<string, string> = {}): KubeObject => ({
  kind: 'Node',
  metadata: { name, labels },
  spec: taints ? { taints } : {},
  status: { allocatable: { cpu, memory: '16Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
});
const nodes = [node('node-a', '4'), node('node-b', '4'), node('node-c', '8', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }])];
const running = (name: string, nodeName: string, cpu: string): KubeObject => ({ metadata: { name }, spec: { nodeName, containers: [{ resources: { requests: { cpu } } }] }, status: { phase: 'Running' } });
const renderer: KubeObject = { metadata: { name: 'report-renderer', namespace: 'shop', uid: 'u1' }, spec: { containers: [{ resources: { requests: { cpu: '12', memory: '4Gi' } } }] }, status: { phase: 'Pending' } };
const event: KubeObject = {
  kind: 'Event',
  metadata: { name: 'report-renderer.1' },
  involvedObject: { kind: 'Pod', name: 'report-renderer', namespace: 'shop', uid: 'u1' },
  reason: 'FailedScheduling',
  message: '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
  count: 4,
};

test('whyPending names cpu as the resource no node has enough of, with each node\'s free cpu', () => {
  const w = whyPending(renderer, [event], nodes, [running('a1', 'node-a', '800m'), running('b1', 'node-b', '500m')]);
  assert.equal(w.pending, true);
  const cpu = w.reasons.find((r) => r.kind === 'resources');
  assert.equal(cpu?.resource, 'cpu');
  assert.deepEqual(cpu?.nodes, ['node-a', 'node-b']);
  assert.deepEqual(w.statements, [
    {
      code: 'insufficient',
      resource: 'cpu',
      wanted: 12000,
      nodes: [
        { node: 'node-a', free: 3200, allocatable: 4000 },
        { node: 'node-b', free: 3500, allocatable: 4000 },
      ],
    },
    { code: 'ruledOut', others: true, nodes: [{ node: 'node-c', why: { code: 'untoleratedTaint', taint: 'dedicated=gpu:NoSchedule' } }] },
  ]);
  assert.deepEqual(w.nodes.find((n) => n.node === 'node-a')?.why, { code: 'insufficient', resources: ['cpu'] });
  assert.equal(w.event?.count, 4);
  assert.deepEqual(w.event?.reasons, [{ count: 1, reason: 'node(s) had untolerated taint {dedicated: gpu}' }, { count: 2, reason: 'Insufficient cpu' }]);
});

test('a node selector no node matches is explained as such', () => {
  const pod: KubeObject = { metadata: { name: 'p' }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{}] } };
  const w = whyPending(pod, [], nodes.slice(0, 2), []);
  assert.deepEqual(w.reasons.map((r) => r.kind), ['selector']);
  assert.deepEqual(w.statements, [{ code: 'ruledOut', others: false, nodes: [{ node: 'node-a', why: { code: 'nodeSelector' } }, { node: 'node-b', why: { code: 'nodeSelector' } }] }]);
});

test('a scheduled pod is not pending', () => {
  const w = whyPending({ metadata: { name: 'p' }, spec: { nodeName: 'node-a', containers: [] } }, [], nodes, []);
  assert.equal(w.pending, false);
  assert.deepEqual(w.statements, [{ code: 'scheduled', node: 'node-a' }]);
});

test('nodes with room are named, with the scheduler\'s last words kept verbatim', () => {
  const small: KubeObject = { ...renderer, spec: { containers: [{ resources: { requests: { cpu: '1' } } }] } };
  const w = whyPending(small, [event], nodes.slice(0, 2), []);
  assert.deepEqual(w.statements, [{ code: 'nodesFit', nodes: ['node-a', 'node-b'], schedulerSaid: event.message }]);
});

test('a cordoned node and a full node are told apart, and scheduling gates stop the search', () => {
  const cordoned: KubeObject = { ...node('node-a', '4'), spec: { unschedulable: true } };
  const full: KubeObject = { ...node('node-b', '4'), status: { allocatable: { cpu: '4', memory: '16Gi', pods: '1' } } };
  const w = whyPending({ metadata: { name: 'p' }, spec: { containers: [{}] } }, [], [cordoned, full], [running('b1', 'node-b', '100m')]);
  assert.deepEqual(w.statements, [
    { code: 'podLimit', nodes: ['node-b'] },
    { code: 'ruledOut', others: true, nodes: [{ node: 'node-a', why: { code: 'cordoned' } }] },
  ]);
  const gated = whyPending({ metadata: { name: 'p' }, spec: { schedulingGates: [{ name: 'example.com/quota' }], containers: [] } }, [], nodes, []);
  assert.deepEqual(gated.statements, [{ code: 'gated', gates: ['example.com/quota'] }]);
});

test('scheduler causes this view cannot check are passed on from the event', () => {
  assert.deepEqual(parseFailedScheduling('0/3 nodes are available: 3 node(s) had volume node affinity conflict.'), [{ count: 3, reason: 'node(s) had volume node affinity conflict' }]);
  const e = { ...event, message: '0/3 nodes are available: 3 node(s) had volume node affinity conflict. preemption: not helpful' };
  const w = whyPending({ ...renderer, spec: { containers: [{}] } }, [e], nodes.slice(0, 2), []);
  assert.deepEqual(w.statements.at(-1), { code: 'schedulerAlso', said: '3 node(s) had volume node affinity conflict' });
  assert.deepEqual(w.reasons.at(-1), { kind: 'other', nodes: [], said: '3 node(s) had volume node affinity conflict' });
});
