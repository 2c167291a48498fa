import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import { containerOptions, defaultContainer } from './containerOptions.ts';

const pod: V1Pod = {
  metadata: { name: 'api-1', namespace: 'shop' },
  spec: {
    initContainers: [{ name: 'migrate', image: 'api' }],
    containers: [
      { name: 'api', image: 'api' },
      { name: 'sidecar', image: 'proxy', stdin: true },
    ],
    ephemeralContainers: [{ name: 'debugger', image: 'busybox', stdin: true }],
  },
  status: {
    phase: 'Running',
    initContainerStatuses: [{ name: 'migrate', image: 'api', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
    containerStatuses: [
      { name: 'api', image: 'api', imageID: '', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } },
      { name: 'sidecar', image: 'proxy', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: new Date() } } },
    ],
    ephemeralContainerStatuses: [{ name: 'debugger', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { running: {} } }],
  },
};

test('init, app and ephemeral containers are listed; the ones not running say why', () => {
  assert.deepEqual(containerOptions(pod), [
    { name: 'migrate', kind: 'init', running: false, reason: 'Completed', stdin: false },
    { name: 'api', kind: 'app', running: false, reason: 'CrashLoopBackOff', stdin: false },
    { name: 'sidecar', kind: 'app', running: true, reason: undefined, stdin: true },
    { name: 'debugger', kind: 'ephemeral', running: true, reason: undefined, stdin: true },
  ]);
});

test('a finished pod disables every container with its phase', () => {
  const done = { ...pod, status: { ...pod.status, phase: 'Succeeded' } };
  assert.ok(containerOptions(done).every((o) => !o.running && o.reason === 'Pod Succeeded'));
});

test('the preselected container is the one asked for, else the first running app container', () => {
  const options = containerOptions(pod);
  assert.equal(defaultContainer(pod, options, 'migrate'), 'migrate');
  assert.equal(defaultContainer(pod, options, 'nope'), 'sidecar');
  const annotated = { ...pod, metadata: { ...pod.metadata, annotations: { 'kubectl.kubernetes.io/default-container': 'debugger' } } };
  assert.equal(defaultContainer(annotated, options), 'debugger');
});

test('a workload deep link finds the workload and selects its pods by label', async () => {
  const { workloadPath, selectorString } = await import('./workloadPods.ts');
  assert.equal(workloadPath('shop', 'Deployment/frontend'), 'apis/apps/v1/namespaces/shop/deployments/frontend');
  assert.equal(workloadPath('batch', 'jobs.batch/nightly'), 'apis/batch/v1/namespaces/batch/jobs/nightly');
  assert.equal(workloadPath('shop', 'Widget/x'), undefined);
  assert.equal(workloadPath('shop', 'sts/postgres'), 'apis/apps/v1/namespaces/shop/statefulsets/postgres');
  assert.equal(workloadPath('shop', 'Deployment/..'), undefined);
  assert.equal(workloadPath('shop', 'Pod/web-1'), undefined);
  assert.equal(
    selectorString({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'canary', operator: 'DoesNotExist' }] }),
    'app=web,tier in (a,b),!canary',
  );
});
