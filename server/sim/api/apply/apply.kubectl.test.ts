import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';

// kubectl 1.32's server-side apply against the demo cluster: field managers, conflicts and
// --force-conflicts as kube-apiserver answers them.
const demo = demoClusterForKubectl({ seed: false });

before(async () => {
  await demo.ok(['create', 'namespace', 'ssa']);
});

function deployment(name: string, replicas: number, image = 'nginx:1.27'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ssa
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: web
        image: ${image}
`;
}

interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  fieldsType: string;
  fieldsV1: { 'f:spec'?: Record<string, unknown> };
}

async function managedFields(name: string): Promise<Entry[]> {
  const d = JSON.parse(await demo.ok(['get', 'deploy', name, '-n', 'ssa', '-o', 'json', '--show-managed-fields'])) as { metadata: { managedFields: Entry[] } };
  return d.metadata.managedFields;
}

const replicas = async (name: string) => demo.ok(['get', 'deploy', name, '-n', 'ssa', '-o', 'jsonpath={.spec.replicas}']);

test('kubectl apply --server-side twice: created, then unchanged, owned by the manager "kubectl" (Apply)', async () => {
  assert.match(await demo.ok(['apply', '--server-side', '-f', '-'], deployment('shop', 2)), /deployment.apps\/shop serverside-applied/);
  assert.match(await demo.ok(['apply', '--server-side', '-f', '-'], deployment('shop', 3)), /deployment.apps\/shop serverside-applied/);
  assert.equal(await replicas('shop'), '3');
  const entries = await managedFields('shop');
  assert.deepEqual(entries.map((e) => `${e.manager}/${e.operation}`), ['kubectl/Apply']);
  assert.equal(entries[0].fieldsType, 'FieldsV1');
  assert.ok('f:replicas' in (entries[0].fieldsV1['f:spec'] ?? {}));
});

test('get -o yaml shows managedFields only with --show-managed-fields', async () => {
  await demo.ok(['apply', '--server-side', '-f', '-'], deployment('shown', 1));
  const shown = await demo.ok(['get', 'deploy', 'shown', '-n', 'ssa', '-o', 'yaml', '--show-managed-fields']);
  assert.match(shown, /managedFields:\n {2}- apiVersion: apps\/v1\n {4}fieldsType: FieldsV1\n {4}fieldsV1:\n/);
  assert.match(shown, /manager: kubectl\n {4}operation: Apply\n/);
  assert.match(shown, /f:replicas: \{\}/);
  assert.doesNotMatch(await demo.ok(['get', 'deploy', 'shown', '-n', 'ssa', '-o', 'yaml']), /managedFields/);
});

test('a different --field-manager changing replicas conflicts with the client-side applier; --force-conflicts takes them', async () => {
  assert.match(await demo.ok(['apply', '-f', '-'], deployment('legacy', 2)), /deployment.apps\/legacy created/);
  assert.deepEqual((await managedFields('legacy')).map((e) => `${e.manager}/${e.operation}`), ['kubectl-client-side-apply/Update']);

  const err = await demo.refused(['apply', '--server-side', '--field-manager=deployer', '-f', '-'], deployment('legacy', 5));
  assert.match(err, /^error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps\/v1: \.spec\.replicas\n/);
  assert.match(err, /--force-conflicts/);
  assert.equal(await replicas('legacy'), '2');

  assert.match(await demo.ok(['apply', '--server-side', '--field-manager=deployer', '--force-conflicts', '-f', '-'], deployment('legacy', 5)), /serverside-applied/);
  assert.equal(await replicas('legacy'), '5');
  // kubectl then folds the client-side applier's fields into its own entry (csaupgrade's JSON patch
  // of managedFields) and applies once more: one Apply entry is left, holding replicas.
  const entries = await managedFields('legacy');
  assert.deepEqual(entries.map((e) => `${e.manager}/${e.operation}`), ['deployer/Apply']);
  assert.ok('f:replicas' in (entries[0].fieldsV1['f:spec'] ?? {}));
});

test('kubectl patch takes replicas; the applier\'s next apply with its old value conflicts with "kubectl-patch"', async () => {
  await demo.ok(['apply', '--server-side', '-f', '-'], deployment('patched', 2));
  await demo.ok(['patch', 'deploy', 'patched', '-n', 'ssa', '--type=merge', '-p', '{"spec":{"replicas":4}}']);
  const err = await demo.refused(['apply', '--server-side', '-f', '-'], deployment('patched', 2));
  assert.match(err, /Apply failed with 1 conflict: conflict with "kubectl-patch" using apps\/v1: \.spec\.replicas/);
  const two = await demo.refused(['apply', '--server-side', '-f', '-'], deployment('patched', 2, 'nginx:1.28'));
  assert.match(two, /Apply failed with 1 conflict: conflict with "kubectl-patch" using apps\/v1: \.spec\.replicas/);
  await demo.ok(['apply', '--server-side', '--force-conflicts', '-f', '-'], deployment('patched', 2));
  assert.equal(await replicas('patched'), '2');
});

test('upgrading from client-side apply: kubectl apply --server-side takes over unchanged fields without conflicts', async () => {
  await demo.ok(['apply', '-f', '-'], deployment('upgraded', 2));
  assert.match(await demo.ok(['apply', '--server-side', '-f', '-'], deployment('upgraded', 3)), /serverside-applied/);
  assert.equal(await replicas('upgraded'), '3');
  const d = JSON.parse(await demo.ok(['get', 'deploy', 'upgraded', '-n', 'ssa', '-o', 'json'])) as { metadata: { annotations: Record<string, string> } };
  // The last-applied annotation follows what was applied, for a later client-side apply.
  const last = JSON.parse(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']) as { spec: { replicas: number } };
  assert.equal(last.spec.replicas, 3);
});

test('kubectl apply --server-side removes a label it no longer applies', async () => {
  const labelled = deployment('labelled', 1).replace('  namespace: ssa\n', '  namespace: ssa\n  labels: {team: web, tier: front}\n');
  await demo.ok(['apply', '--server-side', '-f', '-'], labelled);
  await demo.ok(['apply', '--server-side', '-f', '-'], labelled.replace(', tier: front', ''));
  assert.equal(await demo.ok(['get', 'deploy', 'labelled', '-n', 'ssa', '-o', 'jsonpath={.metadata.labels}']), '{"team":"web"}');
});

test('kubectl scale owns replicas through the scale subresource; the applier\'s next apply conflicts with it', async () => {
  await demo.ok(['apply', '--server-side', '-f', '-'], deployment('scaled', 2));
  await demo.ok(['scale', 'deploy', 'scaled', '-n', 'ssa', '--replicas=4']);
  const scaler = (await managedFields('scaled')).find((e) => e.operation === 'Update');
  assert.ok(scaler, 'an Update entry for kubectl scale');
  assert.equal((scaler as Entry & { subresource?: string }).subresource, 'scale');
  assert.ok('f:replicas' in (scaler.fieldsV1['f:spec'] ?? {}));
  const err = await demo.refused(['apply', '--server-side', '-f', '-'], deployment('scaled', 2));
  assert.match(err, new RegExp(`Apply failed with 1 conflict: conflict with "${scaler.manager}" with subresource "scale" using apps/v1: \\.spec\\.replicas`));
  assert.equal(await replicas('scaled'), '4');
});
