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

test('a startup probe holds the container not started and not ready until it passes', async () => {
  f.createPod('slow', {
    containers: [{
      name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 30; touch /tmp/started; sleep 600'],
      startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 1, failureThreshold: 1000 },
      readinessProbe: { exec: { command: ['true'] }, periodSeconds: 1 },
    }],
  });
  const waiting = await f.waitFor('running but not started', () => {
    const cs = status('slow')?.containerStatuses?.[0];
    return cs?.state?.running && f.events('slow').some((e) => e.startsWith('Unhealthy: Startup probe failed: cat:')) && cs;
  });
  assert.equal(waiting.started, false);
  assert.equal(waiting.ready, false);
  const ready = await f.waitFor('ready', () => status('slow')?.containerStatuses?.[0]?.ready === true && status('slow'));
  assert.equal(ready.containerStatuses[0].started, true);
  assert.equal(ready.containerStatuses[0].restartCount, 0);
});

test('a liveness probe on a port nothing serves restarts the container with a connection-refused Unhealthy event', async () => {
  f.createPod('deaf', {
    containers: [{ name: 'web', image: 'nginx:1.27', livenessProbe: { tcpSocket: { port: 9999 }, periodSeconds: 1, failureThreshold: 2 } }],
  });
  const s = await f.waitFor('a restart', () => status('deaf')?.containerStatuses?.[0]?.restartCount >= 1 && status('deaf'), 15_000);
  assert.equal(s.containerStatuses[0].lastState.terminated.exitCode, 137);
  const events = f.events('deaf');
  assert.ok(events.some((e) => /^Unhealthy: Liveness probe failed: dial tcp 10\.244\.\d+\.\d+:9999: connect: connection refused$/.test(e)), events.join('\n'));
  assert.ok(events.includes('Killing: Container web failed liveness probe, will be restarted'), events.join('\n'));
});
