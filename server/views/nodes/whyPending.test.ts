import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../sim/api/object.ts';
import { parseFailedScheduling, whyPending } from './whyPending.ts';

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
  assert.match(w.sentence, /^No node has 12 CPU free: node-a has 3\.2 of 4 free, node-b has 3\.5 of 4 free\./);
  assert.match(w.sentence, /node-c has the taint dedicated=gpu:NoSchedule, which the pod does not tolerate/);
  assert.equal(w.event?.count, 4);
  assert.deepEqual(w.event?.reasons, [{ count: 1, reason: 'node(s) had untolerated taint {dedicated: gpu}' }, { count: 2, reason: 'Insufficient cpu' }]);
});

test('a node selector no node matches is explained as such', () => {
  const pod: KubeObject = { metadata: { name: 'p' }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{}] } };
  const w = whyPending(pod, [], nodes.slice(0, 2), []);
  assert.deepEqual(w.reasons.map((r) => r.kind), ['selector']);
  assert.match(w.sentence, /No node is eligible: node-a does not match the pod's node selector/);
});

test('a scheduled pod is not pending', () => {
  const w = whyPending({ metadata: { name: 'p' }, spec: { nodeName: 'node-a', containers: [] } }, [], nodes, []);
  assert.equal(w.pending, false);
});

test('scheduler causes this view cannot check are passed on from the event', () => {
  assert.deepEqual(parseFailedScheduling('0/3 nodes are available: 3 node(s) had volume node affinity conflict.'), [{ count: 3, reason: 'node(s) had volume node affinity conflict' }]);
  const e = { ...event, message: '0/3 nodes are available: 3 node(s) had volume node affinity conflict. preemption: not helpful' };
  const w = whyPending({ ...renderer, spec: { containers: [{}] } }, [e], nodes.slice(0, 2), []);
  assert.match(w.sentence, /The scheduler also reports: 3 node\(s\) had volume node affinity conflict\./);
});
