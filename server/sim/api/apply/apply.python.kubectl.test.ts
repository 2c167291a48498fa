import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';
import { runPython } from '../../../testing/python.ts';

// Server-side apply from the official Python client (python3-kubernetes 22): CoreV1Api's patch
// sent as application/apply-patch+yaml (22.x has no _content_type, so programs pin the header
// the client picks) and the DynamicClient's server_side_apply; both need the configuration as
// text (the REST layer only serializes dicts for JSON types). A conflict is ApiException 409,
// and force=True (sent as `True`) takes the fields.
const demo = demoClusterForKubectl({ seed: false });
const PRELUDE = [
  "v1.api_client.select_header_content_type = lambda types: 'application/apply-patch+yaml'",
  'dyn = kubernetes.dynamic.DynamicClient(kubernetes.client.ApiClient())',
  "cms = dyn.resources.get(api_version='v1', kind='ConfigMap')",
];
const python = (lines: string[]) => runPython(demo.kubeconfig, [...PRELUDE, ...lines]);

const config = (data: Record<string, string>) => `json.dumps({'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'settings'}, 'data': ${JSON.stringify(data)}})`;
const APPLY = (manager: string, data: Record<string, string>, force = false) =>
  `v1.patch_namespaced_config_map('settings', 'py', ${config(data)}, field_manager='${manager}'${force ? ', force=True' : ''})`;

before(async () => {
  await demo.ok(['create', 'namespace', 'py']);
});

test('patch_namespaced_config_map as apply-patch+yaml creates the ConfigMap and records the Apply manager', async () => {
  const out = await python([
    `cm = ${APPLY('py-operator', { mode: 'fast', level: '1' })}`,
    'e = cm.metadata.managed_fields[0]',
    'print(json.dumps({"data": cm.data, "entries": len(cm.metadata.managed_fields), "manager": e.manager, "operation": e.operation, "fieldsType": e.fields_type, "fields": e.fields_v1}))',
  ]);
  assert.deepEqual(JSON.parse(out), {
    data: { mode: 'fast', level: '1' },
    entries: 1,
    manager: 'py-operator',
    operation: 'Apply',
    fieldsType: 'FieldsV1',
    fields: { 'f:data': { 'f:level': {}, 'f:mode': {} } },
  });
});

test('another manager changing an owned key gets ApiException 409 (DynamicClient); force=True takes the key', async () => {
  const out = await python([
    'try:',
    `    cms.server_side_apply(body=${config({ mode: 'slow' })}, name='settings', namespace='py', field_manager='py-tuner')`,
    '    print(json.dumps({"status": 200}))',
    'except kubernetes.client.exceptions.ApiException as e:',
    '    body = json.loads(e.body)',
    '    print(json.dumps({"status": e.status, "message": body["message"], "field": body["details"]["causes"][0]["field"]}))',
  ]);
  assert.deepEqual(JSON.parse(out), { status: 409, message: 'Apply failed with 1 conflict: conflict with "py-operator": .data.mode', field: '.data.mode' });

  const forced = await python([
    `cm = ${APPLY('py-tuner', { mode: 'slow' }, true)}`,
    'owners = {e.manager: sorted(e.fields_v1["f:data"].keys()) for e in cm.metadata.managed_fields}',
    'print(json.dumps({"mode": cm.data["mode"], "owners": owners}))',
  ]);
  assert.deepEqual(JSON.parse(forced), { mode: 'slow', owners: { 'py-operator': ['f:level'], 'py-tuner': ['f:mode'] } });
});

test('an apply that drops a key deletes it', async () => {
  const out = await python([`cm = ${APPLY('py-operator', {})}`, 'print(json.dumps(cm.data))']);
  assert.deepEqual(JSON.parse(out), { mode: 'slow' });
});
