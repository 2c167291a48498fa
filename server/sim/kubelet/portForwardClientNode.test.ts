import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { startDemoCluster, type DemoCluster } from '../index.ts';
import { eventually } from '../../testing/eventually.ts';

// @kubernetes/client-node's PortForward (the channel websocket protocol, v4.channel.k8s.io)
// against the demo cluster: what nginx answers arrives on the output stream.
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
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespacedPod({ namespace: 'default', body: { metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } } });
  for (let tries = 0; (await core.readNamespacedPod({ namespace: 'default', name: 'web' })).status?.phase !== 'Running'; tries++) {
    assert.ok(tries < 400, 'the nginx pod never ran');
    await new Promise((r) => setTimeout(r, 25));
  }
});
after(async () => {
  await cluster.close();
});

test('PortForward.portForward writes the request into the pod and nginx answers on the output stream', async () => {
  const output = new PassThrough();
  const errors = new PassThrough();
  const input = new PassThrough();
  let got = '';
  let errorText = '';
  output.on('data', (c: Buffer) => (got += c.toString('latin1')));
  errors.on('data', (c: Buffer) => (errorText += c.toString('latin1')));
  const ws = await new k8s.PortForward(kc).portForward('default', 'web', [80], output, errors, input);
  input.write('GET / HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n');
  await eventually(() => /Welcome to nginx!/.test(got), `nginx's page on the output (got ${JSON.stringify(got)}, errors ${JSON.stringify(errorText)})`);
  assert.match(got, /HTTP\/1\.1 200 OK\r\n/);
  assert.equal(errorText, '');
  if (typeof ws !== 'function') ws.close();
});
