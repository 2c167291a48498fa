import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { eventually } from '../../testing/eventually.ts';
import { runPython } from '../../testing/python.ts';

// kubectl debug as an operator runs it against Kubernetes 1.32: an ephemeral container added
// through pods/ephemeralcontainers, started by the kubelet, attached to, exec'd into, described;
// a copy of the pod; a pod on a node. The Python client drives the subresource directly.
const demo = demoClusterForKubectl();
const NS = 'dbg';

before(async () => {
  await demo.ok(['create', 'namespace', NS]);
  await demo.ok(['-n', NS, 'run', 'web', '--image=nginx:1.27']);
  await demo.ok(['-n', NS, 'wait', '--for=condition=Ready', 'pod/web', '--timeout=60s']);
});

interface ContainerStatus {
  name: string;
  state: { running?: unknown; terminated?: { exitCode: number; reason: string } };
}

function ephemeralStatus(pod: string, name: string): ContainerStatus | undefined {
  const p = demo.cluster.store.getRef('pods', NS, pod);
  return ((p?.status?.ephemeralContainerStatuses ?? []) as ContainerStatus[]).find((s) => s.name === name);
}

test('kubectl debug -i --target=web attaches to a shell in a new ephemeral container that ends with it', async () => {
  const out = await demo.ok(['-n', NS, 'debug', 'web', '-i', '--image=busybox', '--target=web', '--container=shell', '--profile=general'], 'echo hello-from-debugger\nhostname\nexit\n');
  assert.match(out, /hello-from-debugger\nweb\n/);
  const pod = JSON.parse(await demo.ok(['-n', NS, 'get', 'pod', 'web', '-o', 'json']));
  const spec = pod.spec.ephemeralContainers.find((c: { name: string }) => c.name === 'shell');
  assert.equal(spec.targetContainerName, 'web');
  assert.equal(spec.stdin, true);
  assert.equal(spec.terminationMessagePolicy, 'File');
  const status = await eventually(() => ephemeralStatus('web', 'shell')?.state.terminated, 'the debug shell to end');
  assert.equal(status.exitCode, 0);
});

test('an ephemeral container added without -i runs, shows in describe, and takes exec and attach', async () => {
  await demo.ok(['-n', NS, 'debug', 'web', '-i', '--attach=false', '--image=busybox', '--container=later', '--profile=general']);
  await eventually(() => ephemeralStatus('web', 'later')?.state.running, 'the ephemeral container to run', 30_000);
  const described = await demo.ok(['-n', NS, 'describe', 'pod', 'web']);
  assert.match(described, /Ephemeral Containers:\n(.*\n)*? {2}later:\n(.*\n)*? {4}State: {10}Running/);
  assert.equal(await demo.ok(['-n', NS, 'exec', 'web', '-c', 'later', '--', 'echo', 'exec into the debugger']), 'exec into the debugger\n');
  const attached = await demo.ok(['-n', NS, 'attach', 'web', '-c', 'later', '-i'], 'echo attached-later\nexit\n');
  assert.match(attached, /attached-later/);
});

test('kubectl debug --copy-to makes a copy of the pod with the debug container and attaches to it', async () => {
  const out = await demo.ok(['-n', NS, 'debug', 'web', '-i', '--copy-to=web-copy', '--image=busybox', '--container=dbg', '--profile=general'], 'echo inside-the-copy\nexit\n');
  assert.match(out, /inside-the-copy/);
  const copy = JSON.parse(await demo.ok(['-n', NS, 'get', 'pod', 'web-copy', '-o', 'json']));
  assert.deepEqual(copy.spec.containers.map((c: { name: string }) => c.name), ['web', 'dbg']);
});

test('kubectl debug node/NAME creates a pod on that node in its host namespaces and attaches to it', async () => {
  const out = await demo.ok(['debug', 'node/node-a', '-i', '--image=busybox', '--profile=general'], 'echo on-the-node\nexit\n');
  assert.match(out, /Creating debugging pod (node-debugger-node-a-\w+) with container debugger on node node-a\./);
  assert.match(out, /on-the-node/);
  const name = /(node-debugger-node-a-\w+)/.exec(out)![1];
  const pod = JSON.parse(await demo.ok(['get', 'pod', name, '-o', 'json']));
  assert.equal(pod.spec.nodeName, 'node-a');
  assert.equal(pod.spec.hostNetwork, true);
});

test('Python: patch_namespaced_pod_ephemeralcontainers adds a container the client can exec into', async () => {
  const out = await runPython(demo.kubeconfig, [
    'import time',
    'from kubernetes.stream import stream',
    "body = {'spec': {'ephemeralContainers': [{'name': 'debugger', 'image': 'busybox', 'command': ['sleep', '3600']}]}}",
    "p = v1.patch_namespaced_pod_ephemeralcontainers('web', 'dbg', body)",
    "print(json.dumps([c.name for c in p.spec.ephemeral_containers]))",
    'for _ in range(600):',
    "    s = [c for c in (v1.read_namespaced_pod('web', 'dbg').status.ephemeral_container_statuses or []) if c.name == 'debugger']",
    '    if s and s[0].state.running: break',
    '    time.sleep(0.05)',
    "r = stream(v1.connect_get_namespaced_pod_exec, 'web', 'dbg', container='debugger', command=['echo', 'from the debugger'], stderr=True, stdin=False, stdout=True, tty=False)",
    'print(json.dumps(r))',
  ]);
  const [names, output] = out.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(names.includes('debugger'));
  assert.equal(output, 'from the debugger\n');
});

/** The API server's answer to a patch of the subresource, as the Python client reports it. */
async function refusedPatch(patch: string): Promise<{ status: number; message: string }> {
  const out = await runPython(demo.kubeconfig, [
    'try:',
    `    v1.patch_namespaced_pod_ephemeralcontainers('web', 'dbg', ${patch})`,
    "    print(json.dumps({'status': 200, 'message': ''}))",
    'except kubernetes.client.ApiException as e:',
    "    print(json.dumps({'status': e.status, 'message': json.loads(e.body)['message']}))",
  ]);
  return JSON.parse(out);
}

test('Python: ports, probes and resources on an ephemeral container are refused with the real wording', async () => {
  const r = await refusedPatch(
    "{'spec': {'ephemeralContainers': [{'name': 'bad', 'image': 'busybox', 'ports': [{'containerPort': 80}], 'readinessProbe': {'tcpSocket': {'port': 80}}, 'resources': {'limits': {'cpu': '1'}}}]}}",
  );
  assert.equal(r.status, 422);
  assert.match(r.message, /^Pod "web" is invalid: \[/);
  for (const f of ['ports', 'resources', 'readinessProbe']) assert.ok(r.message.includes(`spec.ephemeralContainers[`) && r.message.includes(`].${f}: Forbidden: cannot be set for an Ephemeral Container`), `${f}: ${r.message}`);
});

test('Python: an ephemeral container named like an app container, or aimed at a missing target, is refused', async () => {
  const dup = await refusedPatch("{'spec': {'ephemeralContainers': [{'name': 'web', 'image': 'busybox'}]}}");
  assert.equal(dup.status, 422);
  assert.match(dup.message, /spec\.ephemeralContainers\[\d+\]\.name: Duplicate value: "web"/);
  const target = await refusedPatch("{'spec': {'ephemeralContainers': [{'name': 'aimed', 'image': 'busybox', 'targetContainerName': 'nope'}]}}");
  assert.match(target.message, /spec\.ephemeralContainers\[\d+\]\.targetContainerName: Not found: "nope"/);
});

test('Python: existing ephemeral containers may not be removed (a merge patch that drops them)', async () => {
  const r = await runPython(demo.kubeconfig, [
    "api = kubernetes.client.ApiClient()",
    'try:',
    "    api.call_api('/api/v1/namespaces/dbg/pods/web/ephemeralcontainers', 'PATCH', header_params={'Content-Type': 'application/merge-patch+json', 'Accept': 'application/json'}, body={'spec': {'ephemeralContainers': None}}, response_type='object', auth_settings=['BearerToken'])",
    "    print(json.dumps('accepted'))",
    'except kubernetes.client.ApiException as e:',
    "    print(json.dumps(json.loads(e.body)['message']))",
  ]);
  assert.match(JSON.parse(r), /^Pod "web" is invalid: \[?spec\.ephemeralContainers: Forbidden: existing ephemeral containers "shell" may not be removed\n/);
});
