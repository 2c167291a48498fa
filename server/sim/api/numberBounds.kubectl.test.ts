import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { runPython } from '../../testing/python.ts';

// Real clients scaling past int32 against the demo cluster get what kube-apiserver gives them.
const demo = demoClusterForKubectl({ seed: false });

async function replicas(): Promise<string> {
  const r = await demo.kubectl(['get', 'deploy', 'api', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

before(async () => {
  const manifest = JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'shop' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  });
  for (const args of [['create', 'namespace', 'shop'], ['create', '-f', '-']]) {
    const r = await demo.kubectl(args, { input: manifest });
    assert.equal(r.code, 0, r.stderr);
  }
});

test('kubectl scale --replicas=2147483648 exits 1 with the server\'s "request is invalid" from the JSON decoder', async () => {
  const r = await demo.kubectl(['scale', 'deploy/api', '-n', 'shop', '--replicas=2147483648']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^The request is invalid: patch: Invalid value: "\{.*\\"spec\\":\{\\"replicas\\":2147483648\}.*\}": json: cannot unmarshal number 2147483648 into Go struct field ScaleSpec\.spec\.replicas of type int32\n$/);
  assert.equal(await replicas(), '2');
});

test('with --current-replicas kubectl sends int32(2147483648) in a PUT, and the server refuses -2147483648', async () => {
  const r = await demo.kubectl(['scale', 'deploy/api', '-n', 'shop', '--current-replicas=2', '--replicas=2147483648']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'The Scale "api" is invalid: spec.replicas: Invalid value: -2147483648: must be greater than or equal to 0\n');
  assert.equal(await replicas(), '2');
});

test("the Python client's patch_namespaced_deployment_scale(2147483648) raises ApiException 422 Invalid", async () => {
  const out = await runPython(demo.kubeconfig, [
    'from kubernetes.client.rest import ApiException',
    'try:',
    "    kubernetes.client.AppsV1Api().patch_namespaced_deployment_scale('api', 'shop', {'spec': {'replicas': 2147483648}})",
    "    print(json.dumps({'status': 200}))",
    'except ApiException as e:',
    "    print(json.dumps({'status': e.status, 'body': json.loads(e.body)}))",
  ]);
  const { status, body } = JSON.parse(out) as { status: number; body?: { reason: string; message: string } };
  // The client sends a strategic merge patch; Go's conversion wraps the int64 to an int32 before ValidateScale.
  assert.equal(status, 422);
  assert.equal(body?.reason, 'Invalid');
  assert.equal(body?.message, 'Scale.autoscaling "api" is invalid: spec.replicas: Invalid value: -2147483648: must be greater than or equal to 0');
  assert.equal(await replicas(), '2');
});
