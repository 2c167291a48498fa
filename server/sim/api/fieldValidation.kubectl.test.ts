import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { runPython } from '../../testing/python.ts';

// A Deployment manifest with "replica" for "replicas", as an operator mistypes it. kubectl 1.32
// asks for fieldValidation=Strict by default (--validate=strict), Warn with --validate=warn and
// Ignore with --validate=false; the API server's answer is what kubectl prints.
const demo = demoClusterForKubectl({ seed: false });

const manifest = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replica: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: web
        image: nginx
`;

before(async () => {
  await demo.ok(['create', 'namespace', 'shop']);
});

test('kubectl apply refuses a misspelt field with the API server\'s strict decoding error, and creates nothing', async () => {
  const r = await demo.kubectl(['apply', '-n', 'shop', '-f', '-'], { input: manifest('strict') });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr.trim(),
    'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
  );
  assert.match(await demo.refused(['get', 'deployment', 'strict', '-n', 'shop']), /deployments\.apps "strict" not found/);
});

test('kubectl apply --validate=warn prints the warning and creates the Deployment without the field', async () => {
  const r = await demo.kubectl(['apply', '--validate=warn', '-n', 'shop', '-f', '-'], { input: manifest('warned') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr.trim(), 'Warning: unknown field "spec.replica"');
  assert.equal(r.stdout.trim(), 'deployment.apps/warned created');
  const spec = JSON.parse(await demo.ok(['get', 'deployment', 'warned', '-n', 'shop', '-o', 'jsonpath={.spec}'])) as Record<string, unknown>;
  assert.equal(spec.replica, undefined);
  assert.equal(spec.replicas, 1);
});

test('kubectl apply --validate=false creates quietly', async () => {
  const r = await demo.kubectl(['apply', '--validate=false', '-n', 'shop', '-f', '-'], { input: manifest('quiet') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.trim(), 'deployment.apps/quiet created');
  const spec = JSON.parse(await demo.ok(['get', 'deployment', 'quiet', '-n', 'shop', '-o', 'jsonpath={.spec}'])) as Record<string, unknown>;
  assert.equal(spec.replica, undefined);
});

test('kubectl apply of a changed manifest to an existing Deployment: the strategic merge patch is checked too', async () => {
  const r = await demo.kubectl(['apply', '-n', 'shop', '-f', '-'], { input: manifest('quiet').replace('image: nginx', 'image: nginx:1.27') });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Error from server \(BadRequest\): error when applying patch:[\s\S]*strict decoding error: unknown field "spec\.replica"/);
  const fixed = await demo.kubectl(['apply', '-n', 'shop', '-f', '-'], { input: manifest('quiet').replace('replica:', 'replicas:') });
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.equal(fixed.stdout.trim(), 'deployment.apps/quiet configured');
});

test('the Python client: a dict body with an unknown field warns by default and is refused with fieldValidation=Strict', async () => {
  const out = await runPython(demo.kubeconfig, [
    'apps = kubernetes.client.AppsV1Api()',
    "def body(name): return {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': name}, 'spec': {'replica': 2, 'selector': {'matchLabels': {'app': name}}, 'template': {'metadata': {'labels': {'app': name}}, 'spec': {'containers': [{'name': 'web', 'image': 'nginx'}]}}}}",
    "created, status, headers = apps.create_namespaced_deployment_with_http_info('shop', body('py'))",
    'api = kubernetes.client.ApiClient()',
    'try:',
    "    api.call_api('/apis/apps/v1/namespaces/{namespace}/deployments', 'POST', {'namespace': 'shop'}, [('fieldValidation', 'Strict')],",
    "        {'Content-Type': 'application/json', 'Accept': 'application/json'}, body=body('py-strict'), response_type='object', auth_settings=['BearerToken'])",
    '    refused = None',
    'except kubernetes.client.exceptions.ApiException as e:',
    '    refused = {"status": e.status, "message": json.loads(e.body)["message"]}',
    'print(json.dumps({"status": status, "warning": headers.get("Warning"), "replicas": created.spec.replicas, "refused": refused}))',
  ]);
  assert.deepEqual(JSON.parse(out), {
    status: 201,
    warning: '299 - "unknown field \\"spec.replica\\""',
    replicas: 1,
    refused: { status: 400, message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"' },
  });
});
