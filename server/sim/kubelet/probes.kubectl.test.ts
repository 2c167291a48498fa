import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';

// Probes as the kubelet runs them, seen through kubectl 1.32 (the cluster runs at 20×).
const demo = demoClusterForKubectl();

async function kubectl(args: string[], input?: string): Promise<string> {
  const r = await demo.kubectl(args, input === undefined ? {} : { input });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

async function eventually<T>(check: () => Promise<T | false | undefined>, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  await kubectl(['create', 'namespace', 'probes']);
  // The liveness-exec example of the Kubernetes documentation (configure-liveness-readiness-startup-probes).
  await kubectl(['create', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'liveness-exec', namespace: 'probes', labels: { test: 'liveness' } },
    spec: { containers: [{
      name: 'liveness', image: 'registry.k8s.io/busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    }] },
  }));
  // nginx serves port 80, not 8081: its readiness probe is refused.
  await kubectl(['create', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'unready', namespace: 'probes', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/healthz', port: 8081 }, periodSeconds: 2 } }] },
  }));
  // nginx answers a page it has no file for with 404, which fails an HTTP probe; '/' is its index.
  for (const [name, path] of [['missing-page', '/missing-page'], ['index-page', '/']]) {
    await kubectl(['create', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'probes' },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path, port: 80 }, periodSeconds: 2 } }] },
    }));
  }
  await kubectl(['create', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'probes' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
  }));
});

test('the documentation liveness-exec pod is restarted once /tmp/healthy is gone', async () => {
  const restarts = await eventually(async () => {
    const n = Number(await kubectl(['get', 'pod', 'liveness-exec', '-n', 'probes', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}']));
    return n >= 1 && n;
  }, 'a restart', 60_000);
  assert.ok(restarts >= 1);
  const table = await kubectl(['get', 'pod', 'liveness-exec', '-n', 'probes']);
  assert.match(table.split('\n')[1], /^liveness-exec\s+\d\/1\s+\S+\s+[1-9]/);
  const describe = await kubectl(['describe', 'pod', 'liveness-exec', '-n', 'probes']);
  // busybox's cat, as the documentation's example shows it.
  assert.match(describe, /Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/);
  assert.match(describe, /Container liveness failed liveness probe, will be restarted/);
  assert.match(describe, /Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+137/);
  // Liveness alone does not gate readiness: the restarted container is Ready again.
  await eventually(async () => (await kubectl(['get', 'pod', 'liveness-exec', '-n', 'probes', '-o', 'jsonpath={.status.containerStatuses[0].ready}'])) === 'true', 'ready after the restart');
});

test('a failing readiness probe keeps the pod Running but not Ready and out of the ready endpoints', async () => {
  const event = await eventually(async () => {
    const out = await kubectl(['get', 'events', '-n', 'probes', '--field-selector', 'involvedObject.name=unready,reason=Unhealthy', '-o', 'jsonpath={.items[*].message}']);
    return out.includes('Readiness probe failed') && out;
  }, 'an Unhealthy event');
  assert.match(event, /Readiness probe failed: Get "http:\/\/10\.244\.\d+\.\d+:8081\/healthz": dial tcp 10\.244\.\d+\.\d+:8081: connect: connection refused/);
  const status = await kubectl(['get', 'pod', 'unready', '-n', 'probes', '-o', 'jsonpath={.status.phase} {.status.conditions[?(@.type=="Ready")].status} {.status.conditions[?(@.type=="ContainersReady")].status} {.status.containerStatuses[0].ready}']);
  assert.equal(status, 'Running False False false');
  const ep = await eventually(async () => {
    const out = await kubectl(['get', 'endpoints', 'web', '-n', 'probes', '-o', 'json']);
    const subsets = JSON.parse(out).subsets as { addresses?: unknown[]; notReadyAddresses?: unknown[] }[] | undefined;
    return subsets?.[0]?.notReadyAddresses?.length === 1 && subsets[0];
  }, 'the pod among the not-ready addresses');
  assert.equal(ep.addresses, undefined);
  const conditions = await eventually(async () => {
    const out = await kubectl(['get', 'endpointslices', '-n', 'probes', '-l', 'kubernetes.io/service-name=web', '-o', 'jsonpath={.items[0].endpoints[0].conditions}']);
    return out && JSON.parse(out);
  }, 'the pod in the slice');
  assert.deepEqual(conditions, { ready: false, serving: false, terminating: false });
});

test("an HTTP readiness probe of a page nginx does not have fails with the 404; nginx's index passes", async () => {
  const event = await eventually(async () => {
    const out = await kubectl(['get', 'events', '-n', 'probes', '--field-selector', 'involvedObject.name=missing-page,reason=Unhealthy', '-o', 'jsonpath={.items[*].message}']);
    return out.includes('Readiness probe failed') && out;
  }, 'an Unhealthy event');
  assert.match(event, /Readiness probe failed: HTTP probe failed with statuscode: 404/);
  assert.equal(await kubectl(['get', 'pod', 'missing-page', '-n', 'probes', '-o', 'jsonpath={.status.containerStatuses[0].ready}']), 'false');
  await eventually(async () => (await kubectl(['get', 'pod', 'index-page', '-n', 'probes', '-o', 'jsonpath={.status.containerStatuses[0].ready}'])) === 'true', 'the index page pod ready');
});
