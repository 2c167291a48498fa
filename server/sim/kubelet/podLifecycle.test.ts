import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startKubeletFixture, type KubeletFixture } from './kubeletFixture.ts';

let f: KubeletFixture;
before(async () => {
  f = await startKubeletFixture(100);
});
after(() => f.close());

/* eslint-disable @typescript-eslint/no-explicit-any -- reading wire JSON statuses */
const status = (name: string): any => f.pod(name)?.status;

test('a pod bound to a node pulls its image, starts, and becomes Running and Ready', async () => {
  f.createPod('web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
  const s = await f.waitFor('web ready', () => status('web')?.conditions?.find((c: any) => c.type === 'Ready' && c.status === 'True') && status('web'));
  assert.equal(s.phase, 'Running');
  assert.match(s.podIP, /^10\.244\.\d+\.\d+$/);
  assert.equal(s.hostIP, '192.168.49.2');
  const cs = s.containerStatuses[0];
  assert.equal(cs.ready, true);
  assert.equal(cs.started, true);
  assert.match(cs.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
  assert.equal(cs.image, 'docker.io/library/nginx:1.27');
  assert.ok(cs.state.running.startedAt);
  assert.deepEqual(s.conditions.map((c: any) => c.type), ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
  const events = f.events('web');
  assert.ok(events.includes('Pulling: Pulling image "nginx:1.27"'), events.join('\n'));
  assert.ok(events.some((e) => /^Pulled: Successfully pulled image "nginx:1.27" in [\d.]+s \([\d.]+s including waiting\)\. Image size: \d+ bytes\.$/.test(e)));
  assert.ok(events.includes('Created: Created container: web'));
  assert.ok(events.includes('Started: Started container web'));
});

test('an image missing from the registry waits in ErrImagePull, then ImagePullBackOff', async () => {
  f.createPod('typo', { containers: [{ name: 'api', image: 'demo.registry/shop/api:9.9.9-does-not-exist' }] });
  const pull = await f.waitFor('ErrImagePull', () => status('typo')?.containerStatuses?.[0]?.state?.waiting?.reason === 'ErrImagePull' && status('typo'));
  assert.equal(pull.phase, 'Pending');
  assert.match(pull.containerStatuses[0].state.waiting.message, /^Failed to pull image "demo.registry\/shop\/api:9.9.9-does-not-exist": rpc error: code = NotFound desc = failed to pull and unpack image ".*": failed to resolve reference ".*": .*: not found$/);
  const backoff = await f.waitFor('ImagePullBackOff', () => status('typo')?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff' && status('typo'));
  assert.equal(backoff.containerStatuses[0].state.waiting.message, 'Back-off pulling image "demo.registry/shop/api:9.9.9-does-not-exist"');
  const events = f.events('typo');
  assert.ok(events.includes('Failed: Error: ErrImagePull'));
  assert.ok(events.includes('BackOff: Back-off pulling image "demo.registry/shop/api:9.9.9-does-not-exist"'));
  assert.ok(events.includes('Failed: Error: ImagePullBackOff'));
});

test('a crashing image goes into CrashLoopBackOff with a growing restart count', async () => {
  const pod = f.createPod('crash', { containers: [{ name: 'app', image: 'demo.registry/tools/crashloop:2.3.1' }] });
  const s = await f.waitFor('CrashLoopBackOff after 2 restarts', () => {
    const cs = status('crash')?.containerStatuses?.[0];
    return cs?.state?.waiting?.reason === 'CrashLoopBackOff' && cs.restartCount >= 2 && status('crash');
  }, 15_000);
  const cs = s.containerStatuses[0];
  assert.equal(s.phase, 'Running');
  assert.match(cs.state.waiting.message, new RegExp(`^back-off \\d+s restarting failed container=app pod=crash_default\\(${pod.metadata.uid}\\)$`));
  assert.equal(cs.lastState.terminated.exitCode, 1);
  assert.equal(cs.lastState.terminated.reason, 'Error');
  assert.ok(f.events('crash').some((e) => e.startsWith(`BackOff: Back-off restarting failed container app in pod crash_default(${pod.metadata.uid})`)));
});

test('sh -c exit 1 with restartPolicy Never ends the pod Failed with exit code 1', async () => {
  f.createPod('once', { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; sleep 2; exit 1'] }] });
  const s = await f.waitFor('Failed', () => status('once')?.phase === 'Failed' && status('once'));
  const t = s.containerStatuses[0].state.terminated;
  assert.equal(t.exitCode, 1);
  assert.equal(t.reason, 'Error');
  assert.equal(s.containerStatuses[0].restartCount, 0);
});

test('init containers run in order before the app container; success ends Succeeded', async () => {
  f.createPod('staged', {
    restartPolicy: 'OnFailure',
    initContainers: [{ name: 'one', image: 'busybox', command: ['sh', '-c', 'echo one'] }, { name: 'two', image: 'busybox', command: ['sh', '-c', 'sleep 1'] }],
    containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo done'] }],
  });
  const s = await f.waitFor('Succeeded', () => status('staged')?.phase === 'Succeeded' && status('staged'));
  assert.deepEqual(s.initContainerStatuses.map((c: any) => c.state.terminated.reason), ['Completed', 'Completed']);
  assert.equal(s.containerStatuses[0].state.terminated.exitCode, 0);
  assert.ok(Date.parse(s.initContainerStatuses[1].state.terminated.finishedAt) <= Date.parse(s.containerStatuses[0].state.terminated.startedAt));
});

test('a memory limit below what memhog needs gets it OOMKilled with 137', async () => {
  f.createPod('hog', { restartPolicy: 'Never', containers: [{ name: 'hog', image: 'demo.registry/tools/memhog', resources: { limits: { memory: '128Mi' } } }] });
  const s = await f.waitFor('OOMKilled', () => status('hog')?.phase === 'Failed' && status('hog'));
  assert.equal(s.containerStatuses[0].state.terminated.reason, 'OOMKilled');
  assert.equal(s.containerStatuses[0].state.terminated.exitCode, 137);
});

test('activeDeadlineSeconds fails the pod with DeadlineExceeded', async () => {
  f.createPod('slow', { activeDeadlineSeconds: 3, restartPolicy: 'Never', containers: [{ name: 's', image: 'busybox', command: ['sleep', '3600'] }] });
  const s = await f.waitFor('DeadlineExceeded', () => status('slow')?.reason === 'DeadlineExceeded' && status('slow'));
  assert.equal(s.phase, 'Failed');
});

test('a deleted pod stops its containers and leaves the store, but a finalizer keeps it', async () => {
  f.createPod('bye', { containers: [{ name: 'web', image: 'nginx' }] });
  await f.waitFor('running', () => status('bye')?.phase === 'Running');
  f.ctx.store.delete('pods', 'default', 'bye', { gracePeriodSeconds: 30 });
  await f.waitFor('gone', () => f.pod('bye') === undefined);
  assert.ok(f.events('bye').includes('Killing: Stopping container web'));

  const kept = f.createPod('kept', { containers: [{ name: 'web', image: 'nginx' }] });
  f.ctx.store.mutate('pods', 'default', 'kept', (p) => {
    p.metadata.finalizers = ['batch.kubernetes.io/job-tracking'];
  });
  await f.waitFor('running', () => status('kept')?.phase === 'Running');
  f.ctx.store.delete('pods', 'default', 'kept', { gracePeriodSeconds: 30 });
  await f.waitFor('stopped', () => status('kept')?.containerStatuses?.[0]?.state?.terminated);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(f.pod('kept')?.metadata.uid, kept.metadata.uid);
});

test('the node is reported Ready with allocatable equal to capacity', async () => {
  const node = await f.waitFor('node ready', () => {
    const n = f.ctx.store.get('nodes', undefined, 'node-a');
    return n?.status?.conditions?.find((c: any) => c.type === 'Ready' && c.status === 'True') && n;
  });
  assert.deepEqual(node.status.allocatable, node.status.capacity);
  assert.equal(node.status.nodeInfo.kubeletVersion, 'v1.32.2');
});
