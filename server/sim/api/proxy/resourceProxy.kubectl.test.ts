import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';
import { runPython } from '../../../testing/python.ts';

// The proxy subresources as dashboards and operators use them: a service's page through a ready
// endpoint, a pod's port, the kubelet's endpoints on a node; with kube-apiserver's errors when
// there is nothing to reach. kubectl get --raw, kubectl proxy and the Python client all see it.
const demo = demoClusterForKubectl();
const NS = 'px';

before(async () => {
  await demo.ok(['create', 'namespace', NS]);
  await demo.ok(['-n', NS, 'create', 'deployment', 'site', '--image=nginx:1.27', '--port=80']);
  await demo.ok(['-n', NS, 'expose', 'deployment', 'site', '--port=80', '--name=site']);
  // A service whose selector matches nothing: it has an Endpoints object without addresses.
  await demo.ok(['-n', NS, 'create', 'service', 'clusterip', 'empty', '--tcp=80:80']);
  await demo.ok(['-n', NS, 'rollout', 'status', 'deployment/site', '--timeout=60s']);
  for (let tries = 0; !/\d+\.\d+\.\d+\.\d+:80/.test(await demo.ok(['-n', NS, 'get', 'endpoints', 'site', '--no-headers'])); tries++) {
    assert.ok(tries < 200, 'the site service never got a ready endpoint');
    await new Promise((r) => setTimeout(r, 50));
  }
});

const raw = (path: string) => demo.ok(['get', '--raw', path]);
const rawRefused = (path: string) => demo.refused(['get', '--raw', path]);

test('services/NAME:PORT/proxy/ answers with the page the pod behind a ready endpoint serves', async () => {
  assert.match(await raw(`/api/v1/namespaces/${NS}/services/site:80/proxy/`), /<title>Welcome to nginx!<\/title>/);
  assert.match(await raw(`/api/v1/namespaces/${NS}/services/http:site:80/proxy/index.html`), /Welcome to nginx!/);
});

test('the service proxy refuses with the API server\'s errors: no endpoints, no such port, no such service', async () => {
  assert.equal(await rawRefused(`/api/v1/namespaces/${NS}/services/empty:80/proxy/`), 'Error from server (ServiceUnavailable): no endpoints available for service "empty"');
  assert.equal(await rawRefused(`/api/v1/namespaces/${NS}/services/site:81/proxy/`), 'Error from server (ServiceUnavailable): no service port 81 found for service "site"');
  assert.equal(await rawRefused(`/api/v1/namespaces/${NS}/services/ghost:80/proxy/`), 'Error from server (NotFound): services "ghost" not found');
  assert.equal(await rawRefused(`/api/v1/namespaces/${NS}/services/site:80/proxy/nothing-here`), 'Error from server (NotFound): the server could not find the requested resource');
});

test('pods/NAME/proxy reaches the first declared port; a closed port is "error trying to reach service"', async () => {
  const pod = (await demo.ok(['-n', NS, 'get', 'pods', '-l', 'app=site', '-o', 'jsonpath={.items[0].metadata.name} {.items[0].status.podIP}'])).split(' ');
  assert.match(await raw(`/api/v1/namespaces/${NS}/pods/${pod[0]}/proxy/`), /Welcome to nginx!/);
  assert.equal(await rawRefused(`/api/v1/namespaces/${NS}/pods/${pod[0]}:81/proxy/`), `Error from server (ServiceUnavailable): error trying to reach service: dial tcp ${pod[1]}:81: connect: connection refused`);
});

test('nodes/NAME/proxy serves the kubelet: healthz, metrics, stats/summary, configz, pods, logs', async () => {
  assert.equal(await raw('/api/v1/nodes/node-a/proxy/healthz'), 'ok');
  assert.match(await raw('/api/v1/nodes/node-a/proxy/metrics'), /^# TYPE kubelet_running_pods gauge\nkubelet_running_pods \d+$/m);
  const summary = JSON.parse(await raw('/api/v1/nodes/node-a/proxy/stats/summary'));
  assert.equal(summary.node.nodeName, 'node-a');
  assert.ok(summary.node.cpu.usageNanoCores > 0 && summary.node.memory.workingSetBytes > 0);
  const site = summary.pods.find((p: { podRef: { namespace: string } }) => p.podRef.namespace === NS);
  const onA = await demo.ok(['-n', NS, 'get', 'pods', '--field-selector=spec.nodeName=node-a', '-o', 'name']);
  if (onA.trim()) assert.ok(site?.containers[0].memory.workingSetBytes > 0, 'the site pod on node-a has its usage');
  assert.equal(JSON.parse(await raw('/api/v1/nodes/node-a/proxy/configz')).kubeletconfig.port, 10250);
  const pods = JSON.parse(await raw('/api/v1/nodes/node-a/proxy/pods'));
  assert.equal(pods.kind, 'PodList');
  assert.ok(pods.items.every((p: { spec: { nodeName: string } }) => p.spec.nodeName === 'node-a'));
  assert.match(await raw('/api/v1/nodes/node-a/proxy/logs/'), /<a href="pods\/">pods\/<\/a>/);
  assert.equal(await rawRefused('/api/v1/nodes/node-z/proxy/healthz'), 'Error from server (NotFound): nodes "node-z" not found');
});

let proxy: ChildProcess | undefined;
after(() => {
  proxy?.kill();
});

test('kubectl proxy users reach the same service, pod and node paths', async () => {
  await demo.ready();
  proxy = spawn('kubectl', ['proxy', '--port=0'], { env: { ...process.env, KUBECONFIG: demo.kubeconfig } });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proxy!.stdout!.on('data', (c: Buffer) => {
      out += c;
      const m = /Starting to serve on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proxy!.on('exit', () => reject(new Error(`kubectl proxy exited: ${out}`)));
  });
  const page = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces/${NS}/services/site:80/proxy/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Welcome to nginx!/);
  const empty = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces/${NS}/services/empty:80/proxy/`);
  assert.equal(empty.status, 503);
  assert.equal((await empty.json()).message, 'no endpoints available for service "empty"');
  const healthz = await fetch(`http://127.0.0.1:${port}/api/v1/nodes/node-b/proxy/healthz`);
  assert.equal(await healthz.text(), 'ok');
});

test('Python: connect_get_namespaced_service_proxy_with_path and the node and pod proxies', async () => {
  const out = await runPython(demo.kubeconfig, [
    `print(json.dumps(v1.connect_get_namespaced_service_proxy_with_path('site:80', '${NS}', 'index.html')))`,
    "print(json.dumps(v1.connect_get_node_proxy_with_path('node-a', 'healthz')))",
    `name = v1.list_namespaced_pod('${NS}', label_selector='app=site').items[0].metadata.name`,
    `print(json.dumps(v1.connect_get_namespaced_pod_proxy_with_path(name, '${NS}', '')))`,
    'try:',
    `    v1.connect_get_namespaced_service_proxy_with_path('empty:80', '${NS}', '')`,
    'except kubernetes.client.ApiException as e:',
    "    print(json.dumps([e.status, json.loads(e.body)['message']]))",
  ]);
  const [page, healthz, podPage, refused] = out.trim().split('\n').map((l) => JSON.parse(l));
  assert.match(page, /Welcome to nginx!/);
  assert.equal(healthz, 'ok');
  assert.match(podPage, /Welcome to nginx!/);
  assert.deepEqual(refused, [503, 'no endpoints available for service "empty"']);
});
