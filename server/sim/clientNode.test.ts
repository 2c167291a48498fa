import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import type { V1Deployment, V1Status } from '@kubernetes/client-node';
import { startDemoCluster, type DemoCluster } from './index.ts';

// @kubernetes/client-node, the BFF's own client library, against the demo cluster:
// informers (list + watch, relist on 410), Exec and Log.
let cluster: DemoCluster;
let kc: k8s.KubeConfig;

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20 });
  kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    // client-node refuses plain http unless TLS verification is off.
    clusters: [{ name: 'demo', server: cluster.url, skipTLSVerify: true }],
    users: [{ name: 'demo' }],
    contexts: [{ name: 'demo', cluster: 'demo', user: 'demo' }],
    currentContext: 'demo',
  });
});
after(async () => {
  await cluster.close();
});

async function until<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const rolledOut = (d: V1Deployment | undefined, image: string) =>
  d &&
  d.spec?.template.spec?.containers[0].image === image &&
  (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
  d.status?.updatedReplicas === d.spec?.replicas &&
  d.status?.availableReplicas === d.spec?.replicas &&
  d.status?.replicas === d.spec?.replicas;

test('an informer follows a deployment rollout through list and watch, and relists after a 410', async () => {
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  let lists = 0;
  const informer = k8s.makeInformer(kc, '/apis/apps/v1/namespaces/default/deployments', () => {
    lists++;
    return apps.listNamespacedDeployment({ namespace: 'default' });
  });
  const seen: string[] = [];
  informer.on('update', (d) => seen.push(`${d.status?.updatedReplicas ?? 0}/${d.status?.availableReplicas ?? 0}`));
  await informer.start();
  try {
    await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'informed' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'informed' } },
          template: { metadata: { labels: { app: 'informed' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } },
        },
      },
    });
    await until('first rollout', () => rolledOut(informer.get('informed', 'default'), 'nginx:1.26'));
    await apps.patchNamespacedDeployment(
      { namespace: 'default', name: 'informed', body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.27' }] },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch),
    );
    await until('second rollout seen through the watch', () => rolledOut(informer.get('informed', 'default'), 'nginx:1.27'));
    assert.equal(lists, 1, 'one list, then the watch carried every change');
    assert.ok(seen.length >= 3, `the rollout arrived as a series of updates: ${seen.join(' ')}`);

    // The informer's watch goes away; meanwhile history is compacted and the deployment scaled.
    await informer.stop();
    cluster.store.compact();
    await apps.patchNamespacedDeployment(
      { namespace: 'default', name: 'informed', body: { spec: { replicas: 1 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    cluster.store.compact();
    await informer.start();
    await until('the relist after 410 Gone', () => informer.get('informed', 'default')?.spec?.replicas === 1);
    assert.equal(lists, 2, 'resuming from the compacted resourceVersion got 410 and the informer relisted');
  } finally {
    await informer.stop();
  }
});

async function runningPod(): Promise<string> {
  return until('a running frontend pod', () =>
    cluster.store
      .listRefs('pods', 'shop')
      .find((p) => p.metadata.labels?.app === 'frontend' && p.status?.phase === 'Running' && p.status.containerStatuses?.[0]?.ready)
      ?.metadata.name,
  );
}

test('client-node Exec runs a command and reports its exit code', async () => {
  const pod = await runningPod();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  const status = await new Promise<V1Status>((resolve, reject) => {
    new k8s.Exec(kc)
      .exec('shop', pod, 'web', ['sh', '-c', 'echo hi from $HOSTNAME; exit 3'], stdout, null, null, false, resolve)
      .catch(reject);
  });
  assert.match(out, new RegExp(`hi from ${pod}`));
  assert.equal(status.status, 'Failure');
  assert.equal(status.reason, 'NonZeroExitCode');
  assert.equal(status.details?.causes?.[0].message, '3');
});

test('client-node Log reads the last lines of a container', async () => {
  const pod = await runningPod();
  const sink = new PassThrough();
  let out = '';
  sink.on('data', (d: Buffer) => (out += d.toString()));
  await until('some log lines', () => cluster.store.get('pods', 'shop', pod)?.status?.containerStatuses?.[0]?.ready);
  await new Promise((r) => setTimeout(r, 300));
  await new k8s.Log(kc).log('shop', pod, 'web', sink, { tailLines: 2, timestamps: true });
  await until('the log stream to end', () => out.length > 0 || undefined, 5000);
  const lines = out.trim().split('\n');
  assert.ok(lines.length >= 1 && lines.length <= 2, `tailLines=2 gave ${lines.length} lines`);
  assert.match(lines[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z /, 'timestamps=true prefixes RFC3339Nano');
});
