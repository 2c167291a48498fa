import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl, runKubectl } from '../../testing/kubectl.ts';
import { debianKubectl } from '../../testing/oldKubectl.ts';
import { runPython } from '../../testing/python.ts';
import { rawUpgradeClient } from '../../testing/rawUpgradeClient.ts';

// exec that cannot happen, as kube-apiserver refuses it before any upgrade: the container is
// not in the pod, the pod has no node yet, the container is not running, the pod is gone. Every
// client must read the server's own message (never "Upgrade request required"), and a client
// that drops the connection after the refusal must leave the server up.
const demo = demoClusterForKubectl();
const NS = 'exec-errors';

before(async () => {
  await debianKubectl();
  await demo.ok(['create', 'namespace', NS]);
  await demo.ok(['-n', NS, 'run', 'box', '--image=busybox:1.36', '--', 'sleep', '3600']);
  // No node has this label: the scheduler leaves the pod Pending, without a host.
  await demo.ok(['-n', NS, 'run', 'pending', '--image=busybox:1.36', '--overrides={"spec":{"nodeSelector":{"disk":"none"}}}', '--', 'sleep', '3600']);
  // Restarts forever: bound and Running, its container mostly not.
  await demo.ok(['-n', NS, 'run', 'crashing', '--image=busybox:1.36', '--', 'sh', '-c', 'exit 1']);
  await demo.ok(['-n', NS, 'wait', '--for=condition=Ready', 'pod/box', '--timeout=60s']);
  for (let tries = 0; !/CrashLoopBackOff/.test(await demo.ok(['-n', NS, 'get', 'pod', 'crashing', '--no-headers'])); tries++) {
    assert.ok(tries < 400, 'the crashing pod never reached CrashLoopBackOff');
    await new Promise((r) => setTimeout(r, 50));
  }
});

const CLIENTS = [
  { name: 'kubectl 1.32 (websocket)', bin: async () => 'kubectl', env: {} },
  { name: 'kubectl 1.32 (SPDY)', bin: async () => 'kubectl', env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' } },
  { name: 'kubectl 1.20 (SPDY)', bin: debianKubectl, env: {} },
];

const CASES = [
  { what: 'a container the pod does not have', args: ['box', '-c', 'nope'], message: 'Error from server (BadRequest): container nope is not valid for pod box' },
  { what: 'a pod not yet scheduled', args: ['pending'], message: 'Error from server (BadRequest): pod pending does not have a host assigned' },
  { what: 'a container that is not running', args: ['crashing'], message: 'Error from server (BadRequest): unable to upgrade connection: container not found ("crashing")' },
  { what: 'a pod that does not exist', args: ['ghost'], message: 'Error from server (NotFound): pods "ghost" not found' },
];

for (const client of CLIENTS) {
  for (const c of CASES) {
    test(`${client.name}: exec into ${c.what} is refused with the API server's message`, async () => {
      const r = await runKubectl(['-n', NS, 'exec', ...c.args, '--', 'true'], { kubeconfig: demo.kubeconfig, bin: await client.bin(), env: client.env });
      assert.notEqual(r.code, 0);
      assert.equal(r.stderr.trim(), c.message);
    });
  }
}

test('a websocket exec upgrade into a terminated container answers 400 Bad Request with the Status', async () => {
  const cluster = await demo.ready();
  const client = rawUpgradeClient(
    cluster.port,
    `GET /api/v1/namespaces/${NS}/pods/crashing/exec?command=true&stdout=true HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n`,
  );
  assert.match(await client.head(), /^HTTP\/1\.1 400 Bad Request\r\n/);
  await client.ended;
  const status = JSON.parse(client.body().toString());
  assert.deepEqual([status.kind, status.reason, status.code, status.message], ['Status', 'BadRequest', 400, 'unable to upgrade connection: container not found ("crashing")']);
});

test('Python: a refused exec is a 400 Bad Request handshake, and the server still serves the next exec', async () => {
  const out = await runPython(demo.kubeconfig, [
    'from kubernetes.stream import stream',
    "for pod, kw in [('box', {'container': 'nope'}), ('pending', {}), ('crashing', {})]:",
    '    try:',
    `        stream(v1.connect_get_namespaced_pod_exec, pod, '${NS}', command=['true'], stderr=True, stdin=False, stdout=True, tty=False, **kw)`,
    "        print(json.dumps('accepted'))",
    '    except kubernetes.client.ApiException as e:',
    '        print(json.dumps(e.reason.strip()))',
    `print(json.dumps(stream(v1.connect_get_namespaced_pod_exec, 'box', '${NS}', command=['echo', 'still up'], stderr=True, stdin=False, stdout=True, tty=False)))`,
  ]);
  const lines = out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines, ['Handshake status 400 Bad Request', 'Handshake status 400 Bad Request', 'Handshake status 400 Bad Request', 'still up\n']);
});
