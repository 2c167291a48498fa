import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';

// Ingress, IngressClass and NetworkPolicy (networking.k8s.io/v1): stored with kube-apiserver's
// validation and printed with kubectl's columns. Nothing implements them (no ingress controller,
// no network plugin), as on a cluster that has none installed.
const demo = demoClusterForKubectl({ seed: false });
const ok = demo.ok;
const refused = demo.refused;

before(async () => {
  await ok(['create', 'namespace', 'web']);
});

test('kubectl create ingressclass-less ingress with rules and TLS lists CLASS, HOSTS, ADDRESS, PORTS', async () => {
  await ok(['create', 'ingress', 'shop', '-n', 'web', '--rule=shop.example.com/api*=api:8080', '--rule=shop.example.com/=frontend:80,tls=shop-tls']);
  const stored = JSON.parse(await ok(['get', 'ingress', 'shop', '-n', 'web', '-o', 'json'])) as { spec: { rules: { http: { paths: { path: string; pathType: string }[] } }[] }; status: object };
  assert.deepEqual(stored.spec.rules[0].http.paths.map((p) => [p.path, p.pathType]), [['/api', 'Prefix'], ['/', 'Exact']]);
  assert.deepEqual(stored.status, { loadBalancer: {} });
  const out = await ok(['get', 'ing', '-n', 'web']);
  assert.match(out, /^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nshop\s+<none>\s+shop\.example\.com\s+80, 443\s+\S+\n$/);
});

test('an IngressClass marked default is given to a new Ingress without a class, and listed with CONTROLLER and PARAMETERS', async () => {
  const cls = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } };
  await ok(['create', '-f', '-'], JSON.stringify(cls));
  assert.match(await ok(['get', 'ingressclass']), /^NAME\s+CONTROLLER\s+PARAMETERS\s+AGE\nnginx\s+k8s\.io\/ingress-nginx\s+<none>\s+\S+\n$/);
  await ok(['create', 'ingress', 'catch-all', '-n', 'web', '--default-backend=frontend:80']);
  assert.match(await ok(['get', 'ingress', 'catch-all', '-n', 'web']), /\ncatch-all\s+nginx\s+\*\s+80\s+\S+\n$/);
});

test('an Ingress path without pathType, a relative path and a backend without a port are refused with the validation messages', async () => {
  const bad = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'bad', namespace: 'web' },
    spec: {
      rules: [
        { host: '10.0.0.1', http: { paths: [{ path: '/a', backend: { service: { name: 'api', port: { number: 80 } } } }] } },
        { host: 'ok.example.com', http: { paths: [{ path: 'relative', pathType: 'Prefix', backend: { service: { name: 'api', port: {} } } }] } },
      ],
    },
  };
  const err = await refused(['create', '-f', '-'], JSON.stringify(bad));
  assert.match(err, /^The Ingress "bad" is invalid: \n/);
  assert.match(err, /\n\* spec\.rules\[0\]\.host: Invalid value: "10\.0\.0\.1": must be a DNS name, not an IP address\n/);
  assert.match(err, /\n\* spec\.rules\[0\]\.http\.paths\[0\]\.pathType: Required value: pathType must be specified\n/);
  assert.match(err, /\n\* spec\.rules\[1\]\.http\.paths\[0\]\.path: Invalid value: "relative": must be an absolute path\n/);
  assert.match(err, /\n\* spec\.rules\[1\]\.http\.paths\[0\]\.backend: Required value: port name or number is required(\n|$)/);
  const empty = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'empty', namespace: 'web' }, spec: {} };
  assert.match(await refused(['create', '-f', '-'], JSON.stringify(empty)), /The Ingress "empty" is invalid: spec: Invalid value: \[\]networking\.IngressRule\(nil\): either `defaultBackend` or `rules` must be specified/);
});

test('NetworkPolicies are stored with their default policyTypes and listed with POD-SELECTOR; a peer with nothing in it is refused', async () => {
  const deny = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'web' }, spec: { podSelector: {} } };
  const api = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'api-from-frontend', namespace: 'web' },
    spec: { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 8080 }] }] },
  };
  await ok(['create', '-f', '-'], JSON.stringify(deny));
  await ok(['create', '-f', '-'], JSON.stringify(api));
  const stored = JSON.parse(await ok(['get', 'netpol', 'api-from-frontend', '-n', 'web', '-o', 'json'])) as { spec: { policyTypes: string[]; ingress: { ports: { protocol: string }[] }[] } };
  assert.deepEqual(stored.spec.policyTypes, ['Ingress']);
  assert.equal(stored.spec.ingress[0].ports[0].protocol, 'TCP');
  assert.match(await ok(['get', 'netpol', '-n', 'web']), /^NAME\s+POD-SELECTOR\s+AGE\napi-from-frontend\s+app=api\s+\S+\ndefault-deny\s+<none>\s+\S+\n$/);
  const bad = { ...api, metadata: { name: 'bad', namespace: 'web' }, spec: { podSelector: {}, ingress: [{ from: [{}] }], policyTypes: ['Sideways'] } };
  const err = await refused(['create', '-f', '-'], JSON.stringify(bad));
  assert.match(err, /spec\.ingress\[0\]\.from\[0\]: Required value: must specify a peer/);
  assert.match(err, /spec\.policyTypes\[0\]: Unsupported value: "Sideways": supported values: "Egress", "Ingress"/);
});
