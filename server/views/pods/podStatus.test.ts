import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import { podStatus } from './podStatus.ts';

function pod(p: { phase?: string; containers?: string[]; init?: { name: string; restartPolicy?: string }[]; status?: Record<string, unknown>; deleting?: boolean }): V1Pod {
  return {
    metadata: { name: 'p', namespace: 'shop', ...(p.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' as unknown as Date } : {}) },
    spec: { containers: (p.containers ?? ['app']).map((name) => ({ name })), initContainers: p.init },
    status: { phase: p.phase ?? 'Running', ...p.status },
  } as V1Pod;
}

const running = (name: string, ready = true, restartCount = 0) => ({ name, ready, restartCount, image: 'x', imageID: '', state: { running: { startedAt: '2025-01-01T00:00:00Z' } } });
const waiting = (name: string, reason: string, restartCount = 0, lastFinished?: string) => ({
  name,
  ready: false,
  restartCount,
  image: 'x',
  imageID: '',
  state: { waiting: { reason } },
  ...(lastFinished ? { lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: lastFinished } } } : {}),
});
const terminated = (name: string, exitCode: number, reason?: string) => ({ name, ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { exitCode, reason } } });

test('a healthy pod with two ready containers reads Running 2/2', () => {
  const s = podStatus(pod({ containers: ['app', 'proxy'], status: { containerStatuses: [running('app'), running('proxy')] } }));
  assert.deepEqual(s, { reason: 'Running', readyContainers: 2, totalContainers: 2, restarts: 0 });
});

test('a crashing container shows CrashLoopBackOff with its restarts and when it last died', () => {
  const s = podStatus(pod({ containers: ['app', 'proxy'], status: { containerStatuses: [waiting('app', 'CrashLoopBackOff', 7, '2025-02-01T10:00:00Z'), running('proxy')] } }));
  assert.equal(s.reason, 'CrashLoopBackOff');
  assert.equal(s.restarts, 7);
  assert.equal(s.lastRestart, '2025-02-01T10:00:00Z');
  assert.equal(`${s.readyContainers}/${s.totalContainers}`, '1/2');
});

test('an image that cannot be pulled shows ImagePullBackOff, then ErrImagePull as the kubelet reports it', () => {
  assert.equal(podStatus(pod({ phase: 'Pending', status: { containerStatuses: [waiting('app', 'ImagePullBackOff')] } })).reason, 'ImagePullBackOff');
  assert.equal(podStatus(pod({ phase: 'Pending', status: { containerStatuses: [waiting('app', 'ErrImagePull')] } })).reason, 'ErrImagePull');
});

test('a scheduled pod whose containers are being created shows ContainerCreating', () => {
  assert.equal(podStatus(pod({ phase: 'Pending', status: { containerStatuses: [waiting('app', 'ContainerCreating')] } })).reason, 'ContainerCreating');
});

test('an unscheduled pod shows Pending, a gated one SchedulingGated', () => {
  assert.equal(podStatus(pod({ phase: 'Pending' })).reason, 'Pending');
  const gated = pod({ phase: 'Pending', status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } });
  assert.equal(podStatus(gated).reason, 'SchedulingGated');
});

test('a finished job pod shows Completed; a failed one its exit reason', () => {
  assert.equal(podStatus(pod({ phase: 'Succeeded', status: { containerStatuses: [terminated('app', 0, 'Completed')] } })).reason, 'Completed');
  assert.equal(podStatus(pod({ phase: 'Failed', status: { containerStatuses: [terminated('app', 137, 'OOMKilled')] } })).reason, 'OOMKilled');
  assert.equal(podStatus(pod({ phase: 'Failed', status: { containerStatuses: [terminated('app', 2)] } })).reason, 'ExitCode:2');
});

test('one container completed while another still runs is not Completed', () => {
  const base = { containers: ['app', 'done'], status: { containerStatuses: [running('app'), terminated('done', 0, 'Completed')] } };
  assert.equal(podStatus(pod(base)).reason, 'NotReady');
  const ready = pod({ ...base, status: { ...base.status, conditions: [{ type: 'Ready', status: 'True' }] } });
  assert.equal(podStatus(ready).reason, 'Running');
});

test('a pod being deleted shows Terminating, unless it already finished', () => {
  assert.equal(podStatus(pod({ deleting: true, status: { containerStatuses: [running('app')] } })).reason, 'Terminating');
  assert.equal(podStatus(pod({ deleting: true, phase: 'Succeeded', status: { containerStatuses: [terminated('app', 0, 'Completed')] } })).reason, 'Completed');
  assert.equal(podStatus(pod({ deleting: true, status: { reason: 'NodeLost' } })).reason, 'Unknown');
});

test('init containers show progress as Init:x/y and their failures as Init:<reason>', () => {
  const init = [{ name: 'migrate' }, { name: 'warm' }];
  const first = pod({ phase: 'Pending', init, status: { initContainerStatuses: [waiting('migrate', 'PodInitializing'), waiting('warm', 'PodInitializing')], containerStatuses: [waiting('app', 'PodInitializing')] } });
  assert.equal(podStatus(first).reason, 'Init:0/2');
  const second = pod({ phase: 'Pending', init, status: { initContainerStatuses: [terminated('migrate', 0, 'Completed'), running('warm', false)] } });
  assert.equal(podStatus(second).reason, 'Init:1/2');
  const crashing = pod({ phase: 'Pending', init, status: { initContainerStatuses: [waiting('migrate', 'CrashLoopBackOff', 3)] } });
  assert.equal(podStatus(crashing).reason, 'Init:CrashLoopBackOff');
  assert.equal(podStatus(crashing).restarts, 3);
  const failed = pod({ phase: 'Failed', init, status: { initContainerStatuses: [terminated('migrate', 1, 'Error')] } });
  assert.equal(podStatus(failed).reason, 'Init:Error');
  const killed = pod({ phase: 'Failed', init, status: { initContainerStatuses: [{ ...terminated('migrate', 137), state: { terminated: { exitCode: 137, signal: 9 } } }] } });
  assert.equal(podStatus(killed).reason, 'Init:Signal:9');
});

test('a started sidecar counts as a container and does not hold the pod in Init', () => {
  const p = pod({
    init: [{ name: 'mesh', restartPolicy: 'Always' }],
    status: {
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [{ ...running('mesh', true, 2), started: true }],
      containerStatuses: [running('app', true, 1)],
    },
  });
  assert.deepEqual(podStatus(p), { reason: 'Running', readyContainers: 2, totalContainers: 2, restarts: 3 });
});
