import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { runPython } from '../../testing/python.ts';

// The official Python client (Debian's python3-kubernetes) spells query booleans `True`.
// kube-apiserver decodes any value but `false` and `0` as true; so must the demo cluster,
// or the client's watch, log follow and exec silently do nothing. (The cluster runs at 20×:
// the counter's 60 s sleep is 3 s, long enough that an unfollowed read ends before "second".)
const demo = demoClusterForKubectl();

const python = (body: string[]) => runPython(demo.kubeconfig, body);

async function kubectl(args: string[], input?: string): Promise<string> {
  const r = await demo.kubectl(args, input === undefined ? {} : { input });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

before(async () => {
  await kubectl(['create', 'namespace', 'py']);
  await kubectl(['create', 'configmap', 'settings', '-n', 'py', '--from-literal=mode=fast']);
  const pod = (name: string, command: string[]) =>
    JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'py' }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command }] } });
  await kubectl(['create', '-f', '-'], pod('shell', ['sleep', '3600']));
  await kubectl(['create', '-f', '-'], pod('counter', ['sh', '-c', 'echo first; sleep 60; echo second']));
  await kubectl(['wait', '--for=condition=Ready', 'pod/shell', '-n', 'py', '--timeout=60s']);
});

test('watch.Watch().stream (watch=True) yields watch events, not a list', async () => {
  const out = await python([
    'w = kubernetes.watch.Watch()',
    "for ev in w.stream(v1.list_namespaced_config_map, 'py', field_selector='metadata.name=settings', timeout_seconds=30):",
    "    print(json.dumps([ev['type'], ev['object'].metadata.name]))",
    '    w.stop()',
  ]);
  assert.deepEqual(JSON.parse(out), ['ADDED', 'settings']);
});

test('read_namespaced_pod_log(follow=True) streams until the container exits', async () => {
  // The container has printed its first line (kubectl, polled: eventually() takes a synchronous check).
  for (let tries = 0; !/first/.test(await kubectl(['logs', 'counter', '-n', 'py'])); tries++) {
    assert.ok(tries < 100, 'the counter pod never printed its first line');
    await new Promise((r) => setTimeout(r, 100));
  }
  const out = await python(["print(json.dumps(v1.read_namespaced_pod_log('counter', 'py', follow=True)))"]);
  assert.equal(JSON.parse(out), 'first\nsecond\n');
});

test('stream(connect_get_namespaced_pod_exec, stdout=True) returns the command output', async () => {
  const out = await python([
    'from kubernetes.stream import stream',
    "r = stream(v1.connect_get_namespaced_pod_exec, 'shell', 'py', command=['echo', 'hello from python'], stderr=True, stdin=False, stdout=True, tty=False)",
    'print(json.dumps(r))',
  ]);
  assert.equal(JSON.parse(out), 'hello from python\n');
});
