import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { runPython } from '../../testing/python.ts';

// kubectl 1.32 reads EndpointSlices for `describe svc`; the Python client (python3-kubernetes)
// reads them through DiscoveryV1Api. Both against the seeded shop.
const demo = demoClusterForKubectl();

/** Polls an async check until it answers a truthy value. */
async function eventually<T>(check: () => Promise<T | false | undefined>, what: string, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function kubectl(args: string[]): Promise<string> {
  const r = await demo.kubectl(args);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

async function frontendReadyIPs(): Promise<string[]> {
  const out = await kubectl(['get', 'pods', '-n', 'shop', '-l', 'app=frontend', '-o', 'jsonpath={range .items[*]}{.status.podIP} {.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}']);
  const rows = out.trim().split('\n').map((l) => l.split(' '));
  return rows.length === 2 && rows.every((r) => r[1] === 'True') ? rows.map((r) => r[0]).sort() : [];
}

test('kubectl get endpointslices lists one slice per service with the real columns', async () => {
  const ips = await eventually(async () => {
    const v = await frontendReadyIPs();
    return v.length ? v : false;
  }, 'both frontend pods ready', 30_000);
  const out = await eventually(async () => {
    const o = await kubectl(['get', 'endpointslices', '-n', 'shop']);
    return ips.every((ip) => o.includes(ip)) && o;
  }, 'frontend slice lists both pods', 15_000);
  const lines = out.trim().split('\n');
  assert.match(lines[0], /^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$/);
  const frontend = lines.find((l) => l.startsWith('frontend-'))!;
  assert.match(frontend, /^frontend-[a-z0-9]{5}\s+IPv4\s+80\s+/);
  for (const ip of ips) assert.ok(frontend.includes(ip), frontend);
  const labels = await kubectl(['get', 'endpointslices', '-n', 'shop', '-l', 'kubernetes.io/service-name=frontend', '-o', 'jsonpath={.items[0].metadata.labels.endpointslice\\.kubernetes\\.io/managed-by} {.items[0].metadata.ownerReferences[0].kind}/{.items[0].metadata.ownerReferences[0].name}']);
  assert.equal(labels, 'endpointslice-controller.k8s.io Service/frontend');
});

test('kubectl describe svc shows the ready endpoints it reads from the EndpointSlices', async () => {
  const ips = await eventually(async () => {
    const v = await frontendReadyIPs();
    return v.length ? v : false;
  }, 'both frontend pods ready', 30_000);
  const line = await eventually(async () => {
    const out = await kubectl(['describe', 'svc', 'frontend', '-n', 'shop']);
    const l = out.split('\n').find((x) => x.startsWith('Endpoints:'));
    return l && ips.every((ip) => l.includes(`${ip}:80`)) && l;
  }, 'describe svc lists both endpoints', 15_000);
  assert.match(line, /^Endpoints:\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80$/);
});

test('the Python client lists the slices with DiscoveryV1Api', async () => {
  await eventually(async () => (await frontendReadyIPs()).length > 0, 'frontend ready', 30_000);
  const out = await runPython(demo.kubeconfig, [
    "slices = kubernetes.client.DiscoveryV1Api().list_namespaced_endpoint_slice('shop', label_selector='kubernetes.io/service-name=frontend').items",
    'print(json.dumps([[s.address_type, [p.port for p in s.ports], [e.conditions.ready for e in s.endpoints], s.endpoints[0].target_ref.kind] for s in slices]))',
  ]);
  assert.deepEqual(JSON.parse(out), [['IPv4', [80], [true, true], 'Pod']]);
});
