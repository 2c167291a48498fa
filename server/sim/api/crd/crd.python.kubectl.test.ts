import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';
import { runPython } from '../../../testing/python.ts';

// The official Python client's ApiextensionsV1Api and CustomObjectsApi against the demo cluster.
const demo = demoClusterForKubectl();

const PRELUDE = [
  'ext = kubernetes.client.ApiextensionsV1Api()',
  'co = kubernetes.client.CustomObjectsApi()',
  "G, V, P = 'stable.example.com', 'v1', 'crontabs'",
];
const python = (lines: string[]) => runPython(demo.kubeconfig, [...PRELUDE, ...lines]);

before(async () => {
  await python([
    'crd = {',
    "  'apiVersion': 'apiextensions.k8s.io/v1', 'kind': 'CustomResourceDefinition',",
    "  'metadata': {'name': 'crontabs.stable.example.com'},",
    "  'spec': {'group': G, 'scope': 'Namespaced',",
    "    'names': {'plural': 'crontabs', 'singular': 'crontab', 'kind': 'CronTab', 'shortNames': ['ct']},",
    "    'versions': [{'name': 'v1', 'served': True, 'storage': True, 'schema': {'openAPIV3Schema': {'type': 'object', 'properties': {",
    "      'spec': {'type': 'object', 'properties': {'cronSpec': {'type': 'string'}, 'image': {'type': 'string'}, 'replicas': {'type': 'integer'}}}}}}}]}}",
    'ext.create_custom_resource_definition(crd)',
  ]);
  await demo.ok(['wait', '--for=condition=established', 'crd/crontabs.stable.example.com', '--timeout=30s']);
});

test('read_custom_resource_definition shows Established and the accepted names', async () => {
  const out = await python([
    "crd = ext.read_custom_resource_definition('crontabs.stable.example.com')",
    'print(json.dumps({"conditions": sorted([c.type + "=" + c.status for c in crd.status.conditions]), "kind": crd.status.accepted_names.kind, "short": crd.status.accepted_names.short_names}))',
  ]);
  assert.deepEqual(JSON.parse(out), { conditions: ['Established=True', 'NamesAccepted=True'], kind: 'CronTab', short: ['ct'] });
});

test('CustomObjectsApi creates, lists by label, patches and deletes a CronTab', async () => {
  const out = await python([
    "body = {'apiVersion': 'stable.example.com/v1', 'kind': 'CronTab', 'metadata': {'name': 'py', 'labels': {'team': 'a'}}, 'spec': {'cronSpec': '* * * * */5', 'image': 'img', 'extra': 1}}",
    "created = co.create_namespaced_custom_object(G, V, 'default', P, body)",
    "listed = co.list_namespaced_custom_object(G, V, 'default', P, label_selector='team=a')",
    "patched = co.patch_namespaced_custom_object(G, V, 'default', P, 'py', {'spec': {'replicas': 4}})",
    "co.delete_namespaced_custom_object(G, V, 'default', P, 'py')",
    "after = co.list_namespaced_custom_object(G, V, 'default', P)",
    'print(json.dumps({"spec": created["spec"], "names": [o["metadata"]["name"] for o in listed["items"]], "replicas": patched["spec"]["replicas"], "after": len(after["items"])}))',
  ]);
  // "extra" is not in the schema: pruned, as the real server does.
  assert.deepEqual(JSON.parse(out), { spec: { cronSpec: '* * * * */5', image: 'img' }, names: ['py'], replicas: 4, after: 0 });
});

test('a schema violation comes back as a 422 ApiException with the field error', async () => {
  const out = await python([
    "body = {'apiVersion': 'stable.example.com/v1', 'kind': 'CronTab', 'metadata': {'name': 'bad'}, 'spec': {'replicas': 'string'}}",
    'try:',
    "    co.create_namespaced_custom_object(G, V, 'default', P, body)",
    'except kubernetes.client.exceptions.ApiException as e:',
    '    print(json.dumps({"status": e.status, "message": json.loads(e.body)["message"]}))',
  ]);
  assert.deepEqual(JSON.parse(out), {
    status: 422,
    message: 'CronTab.stable.example.com "bad" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
  });
});

test('watch.Watch().stream over list_namespaced_custom_object yields the added CronTab', async () => {
  await demo.ok(['create', '-f', '-'], JSON.stringify({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'watched' }, spec: { image: 'i' } }));
  const out = await python([
    'w = kubernetes.watch.Watch()',
    "for ev in w.stream(co.list_namespaced_custom_object, G, V, 'default', P, field_selector='metadata.name=watched', timeout_seconds=30):",
    "    print(json.dumps([ev['type'], ev['object']['metadata']['name']]))",
    '    w.stop()',
  ]);
  assert.deepEqual(JSON.parse(out), ['ADDED', 'watched']);
});

test('delete_custom_resource_definition removes the CRD and its CronTabs', async () => {
  await python(["ext.delete_custom_resource_definition('crontabs.stable.example.com')"]);
  await demo.ok(['wait', '--for=delete', 'crd/crontabs.stable.example.com', '--timeout=30s']);
  const out = await python([
    'try:',
    "    ext.read_custom_resource_definition('crontabs.stable.example.com')",
    'except kubernetes.client.exceptions.ApiException as e:',
    '    print(e.status)',
  ]);
  assert.equal(out.trim(), '404');
  assert.equal(demo.cluster.store.count('crontabs.stable.example.com'), 0);
});
