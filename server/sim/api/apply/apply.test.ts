import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoCluster, type DemoCluster } from '../../index.ts';

// Server-side apply and managedFields over HTTP, as kube-apiserver 1.32 answers them; the
// cases follow the Kubernetes documentation's Server-Side Apply page.
let cluster: DemoCluster;

before(async () => {
  cluster = await startDemoCluster({ port: 0, seed: false, controllers: false });
  await send('POST', '/api/v1/namespaces', { metadata: { name: 'default' } });
});
after(() => cluster.close());

interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  time: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}
interface Obj {
  metadata: { name: string; labels?: Record<string, string>; managedFields?: Entry[]; resourceVersion: string };
  spec?: { replicas?: number; template: { spec: { containers: { name: string; image: string }[] } } };
  data?: Record<string, string>;
}
interface Status {
  code: number;
  reason: string;
  message: string;
  details?: { causes?: { reason: string; message: string; field: string }[] };
}

async function send(method: string, path: string, body?: unknown, opts: { type?: string; agent?: string } = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(cluster.url + path, {
    method,
    headers: { 'Content-Type': opts.type ?? 'application/json', 'User-Agent': opts.agent ?? 'deploy-bot/2.1 (linux/amd64)' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function ok(method: string, path: string, body?: unknown, opts: { type?: string; agent?: string } = {}): Promise<Obj> {
  const r = await send(method, path, body, opts);
  assert.ok(r.status === 200 || r.status === 201, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Obj;
}

const APPLY = 'application/apply-patch+yaml';
const deployments = '/apis/apps/v1/namespaces/default/deployments';
const configMaps = '/api/v1/namespaces/default/configmaps';

const apply = (path: string, manager: string, yaml: string, force = false) => send('PATCH', `${path}?fieldManager=${manager}${force ? '&force=true' : ''}`, yaml, { type: APPLY });
const applied = async (path: string, manager: string, yaml: string, force = false) => {
  const r = await apply(path, manager, yaml, force);
  assert.ok(r.status === 200 || r.status === 201, `apply by ${manager}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Obj;
};

const entry = (o: Obj, manager: string, operation = 'Apply') => o.metadata.managedFields?.find((e) => e.manager === manager && e.operation === operation);
const managers = (o: Obj) => (o.metadata.managedFields ?? []).map((e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`).sort();

function deploymentYaml(name: string, fields: { replicas?: number; image?: string; labels?: string } = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...(fields.labels ? ['  labels:', `    ${fields.labels}`] : []),
    'spec:',
    ...(fields.replicas === undefined ? [] : [`  replicas: ${fields.replicas}`]),
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}}`,
    '    spec:',
    '      containers:',
    '      - name: web',
    `        image: ${fields.image ?? 'nginx:1.27'}`,
    '',
  ].join('\n');
}

function deploymentJson(name: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  };
}

test('a create records one Update entry for the User-Agent\'s product, with the defaulted fields it set', async () => {
  const created = await ok('POST', deployments, deploymentJson('created'));
  assert.deepEqual(managers(created), ['deploy-bot/Update']);
  const e = entry(created, 'deploy-bot', 'Update')!;
  assert.equal(e.apiVersion, 'apps/v1');
  assert.equal(e.fieldsType, 'FieldsV1');
  assert.match(e.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const spec = e.fieldsV1['f:spec'] as Record<string, Record<string, unknown>>;
  assert.deepEqual(spec['f:replicas'], {});
  // LabelSelector is an atomic struct: owned as one field.
  assert.deepEqual(spec['f:selector'], {});
  const web = (spec['f:template']['f:spec'] as Record<string, Record<string, Record<string, unknown>>>)['f:containers']['k:{"name":"web"}'];
  assert.deepEqual(Object.keys(web).sort(), ['.', 'f:image', 'f:imagePullPolicy', 'f:name', 'f:resources', 'f:terminationMessagePath', 'f:terminationMessagePolicy']);
  // Server-set metadata is nobody's.
  assert.equal((e.fieldsV1['f:metadata'] as Record<string, unknown> | undefined)?.['f:uid'], undefined);
});

test('fieldManager names the manager; an update moves the fields it changes to it, a patch too', async () => {
  const created = await ok('POST', `${configMaps}?fieldManager=installer`, { metadata: { name: 'settings' }, data: { mode: 'fast', level: '1' } });
  assert.deepEqual(managers(created), ['installer/Update']);

  const put = await ok('PUT', `${configMaps}/settings?fieldManager=operator`, { ...created, data: { mode: 'slow', level: '1' } });
  assert.deepEqual(managers(put), ['installer/Update', 'operator/Update']);
  assert.deepEqual(entry(put, 'operator', 'Update')!.fieldsV1, { 'f:data': { 'f:mode': {} } });
  assert.deepEqual(entry(put, 'installer', 'Update')!.fieldsV1, { 'f:data': { '.': {}, 'f:level': {} } });

  const patched = await ok('PATCH', `${configMaps}/settings`, { data: { level: '2' } }, { type: 'application/merge-patch+json', agent: 'kubectl-edit/v1.32.0' });
  assert.deepEqual(managers(patched), ['installer/Update', 'kubectl-edit/Update', 'operator/Update']);
  assert.deepEqual(entry(patched, 'kubectl-edit', 'Update')!.fieldsV1, { 'f:data': { 'f:level': {} } });
  // The installer still owns the data map itself (FieldsV1 writes a member without children as {}).
  assert.deepEqual(entry(patched, 'installer', 'Update')!.fieldsV1, { 'f:data': {} });
});

test('a write to /status is recorded with subresource status', async () => {
  await ok('POST', deployments, deploymentJson('statused'));
  const r = await ok('PATCH', `${deployments}/statused/status?fieldManager=rollout-watcher`, { status: { observedGeneration: 1 } }, { type: 'application/merge-patch+json' });
  const e = entry(r, 'rollout-watcher', 'Update')!;
  assert.equal(e.subresource, 'status');
  assert.deepEqual(e.fieldsV1, { 'f:status': { 'f:observedGeneration': {} } });
});

test('apply creates the object and records what the configuration set, as the documentation\'s ConfigMap shows', async () => {
  const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-cm\n  labels:\n    test-label: test\ndata:\n  key: some value\n';
  const r = await apply(`${configMaps}/test-cm`, 'kubectl', yaml);
  assert.equal(r.status, 201);
  const cm = r.body as Obj;
  assert.equal(cm.data?.key, 'some value');
  assert.deepEqual(managers(cm), ['kubectl/Apply']);
  const e = entry(cm, 'kubectl')!;
  assert.equal(e.apiVersion, 'v1');
  assert.deepEqual(e.fieldsV1, { 'f:data': { 'f:key': {} }, 'f:metadata': { 'f:labels': { 'f:test-label': {} } } });
  // Applying the same configuration again changes nothing.
  const again = await applied(`${configMaps}/test-cm`, 'kubectl', yaml);
  assert.equal(again.metadata.resourceVersion, cm.metadata.resourceVersion);
});

test('a second manager applying a different value is refused with 409 and the API server\'s wording', async () => {
  await applied(`${deployments}/contested`, 'team-a', deploymentYaml('contested', { replicas: 2 }));
  const r = await apply(`${deployments}/contested`, 'team-b', deploymentYaml('contested', { replicas: 5 }));
  assert.equal(r.status, 409);
  const s = r.body as Status;
  assert.equal(s.reason, 'Conflict');
  assert.equal(s.message, 'Apply failed with 1 conflict: conflict with "team-a": .spec.replicas');
  assert.deepEqual(s.details?.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "team-a"', field: '.spec.replicas' }]);
  const live = await ok('GET', `${deployments}/contested`);
  assert.equal(live.spec?.replicas, 2);
});

test('conflicts with an updater name its apiVersion, and several are listed per manager', async () => {
  await ok('POST', `${deployments}?fieldManager=kubectl-client-side-apply`, deploymentJson('legacy'));
  const one = await apply(`${deployments}/legacy`, 'deployer', deploymentYaml('legacy', { replicas: 3 }));
  assert.equal(one.status, 409);
  assert.equal((one.body as Status).message, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  const two = await apply(`${deployments}/legacy`, 'deployer', deploymentYaml('legacy', { replicas: 3, image: 'nginx:1.28' }));
  assert.equal(two.status, 409);
  assert.equal(
    (two.body as Status).message,
    'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="web"].image',
  );
});

test('the same value applied by two managers is shared, and then neither may change it alone', async () => {
  await applied(`${deployments}/shared`, 'team-a', deploymentYaml('shared', { replicas: 2 }));
  const both = await applied(`${deployments}/shared`, 'team-b', deploymentYaml('shared', { replicas: 2 }));
  assert.deepEqual(managers(both), ['team-a/Apply', 'team-b/Apply']);
  assert.ok('f:replicas' in (entry(both, 'team-b')!.fieldsV1['f:spec'] as object));
  const r = await apply(`${deployments}/shared`, 'team-a', deploymentYaml('shared', { replicas: 4 }));
  assert.equal(r.status, 409);
  assert.equal((r.body as Status).message, 'Apply failed with 1 conflict: conflict with "team-b": .spec.replicas');
});

test('force=true overwrites the value and moves the field to the forcing manager', async () => {
  await applied(`${deployments}/forced`, 'team-a', deploymentYaml('forced', { replicas: 2 }));
  const d = await applied(`${deployments}/forced`, 'team-b', deploymentYaml('forced', { replicas: 5 }), true);
  assert.equal(d.spec?.replicas, 5);
  assert.ok('f:replicas' in (entry(d, 'team-b')!.fieldsV1['f:spec'] as object));
  assert.ok(!('f:replicas' in (entry(d, 'team-a')!.fieldsV1['f:spec'] as object)));
  // team-a no longer owns replicas: applying without it leaves the value alone.
  const after = await applied(`${deployments}/forced`, 'team-a', deploymentYaml('forced'));
  assert.equal(after.spec?.replicas, 5);
});

test('a field the manager stops applying is deleted when nobody else owns it', async () => {
  const yaml = (extra: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pruned\n  labels:\n    team: web\n${extra}data:\n  a: "1"\n`;
  await applied(`${configMaps}/pruned`, 'team-a', `${yaml('    tier: front\n')}  b: "2"\n`);
  const cm = await applied(`${configMaps}/pruned`, 'team-a', yaml(''));
  assert.deepEqual(cm.data, { a: '1' });
  assert.deepEqual(cm.metadata.labels, { team: 'web' });
  assert.deepEqual(entry(cm, 'team-a')!.fieldsV1, { 'f:data': { 'f:a': {} }, 'f:metadata': { 'f:labels': { 'f:team': {} } } });
});

test('transferring ownership: replicas handed to another manager stay when the first stops applying them', async () => {
  await applied(`${deployments}/handover`, 'kubectl', deploymentYaml('handover', { replicas: 3 }));
  // The documentation's handover-to-hpa step: a configuration holding only replicas, same value.
  await applied(`${deployments}/handover`, 'handover-to-hpa', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: handover\nspec:\n  replicas: 3\n');
  const d = await applied(`${deployments}/handover`, 'kubectl', deploymentYaml('handover'));
  assert.equal(d.spec?.replicas, 3);
  assert.deepEqual(entry(d, 'handover-to-hpa')!.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
  assert.ok(!('f:replicas' in (entry(d, 'kubectl')!.fieldsV1['f:spec'] as object)));
});

test('a container applied by one manager and a sidecar by another merge by name (a keyed list)', async () => {
  await applied(`${deployments}/mesh`, 'app-team', deploymentYaml('mesh', { replicas: 1 }));
  const sidecar = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: mesh\nspec:\n  template:\n    spec:\n      containers:\n      - name: proxy\n        image: envoy:1.31\n';
  const d = await applied(`${deployments}/mesh`, 'mesh-injector', sidecar);
  assert.deepEqual(d.spec?.template.spec.containers.map((c) => `${c.name}=${c.image}`), ['web=nginx:1.27', 'proxy=envoy:1.31']);
  // The app team's next apply does not remove the injector's container.
  const again = await applied(`${deployments}/mesh`, 'app-team', deploymentYaml('mesh', { replicas: 1, image: 'nginx:1.28' }));
  assert.deepEqual(again.spec?.template.spec.containers.map((c) => `${c.name}=${c.image}`), ['web=nginx:1.28', 'proxy=envoy:1.31']);
});

test('an update after apply takes the fields it changes from the applier', async () => {
  await applied(`${deployments}/edited`, 'team-a', deploymentYaml('edited', { replicas: 2 }));
  const d = await ok('PATCH', `${deployments}/edited?fieldManager=kubectl-patch`, { spec: { replicas: 6 } }, { type: 'application/merge-patch+json' });
  assert.deepEqual(entry(d, 'kubectl-patch', 'Update')!.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
  const r = await apply(`${deployments}/edited`, 'team-a', deploymentYaml('edited', { replicas: 2 }));
  assert.equal(r.status, 409);
  assert.equal((r.body as Status).message, 'Apply failed with 1 conflict: conflict with "kubectl-patch" using apps/v1: .spec.replicas');
});

test('apply without fieldManager and force on another patch type are invalid PatchOptions (422)', async () => {
  const noManager = await send('PATCH', `${configMaps}/test-cm`, 'data: {key: x}\n', { type: APPLY });
  assert.equal(noManager.status, 422);
  assert.equal((noManager.body as Status).message, 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  const force = await send('PATCH', `${configMaps}/test-cm?force=true`, { data: { key: 'x' } }, { type: 'application/merge-patch+json' });
  assert.equal(force.status, 422);
  assert.equal((force.body as Status).message, 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
});

test('an applied configuration may not carry managedFields (400)', async () => {
  const r = await apply(`${configMaps}/test-cm`, 'sneaky', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-cm\n  managedFields:\n  - manager: x\n    operation: Apply\ndata:\n  key: x\n');
  assert.equal(r.status, 400);
  assert.equal((r.body as Status).message, 'metadata.managedFields must be nil');
});

test('an applied field the schema does not declare fails the apply with a 500 and structured-merge-diff\'s paths, and nothing is stored', async () => {
  const one = await apply(`${configMaps}/typo`, 'team-a', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo}\ndata: {a: "1"}\nbogus: 1\n');
  assert.equal(one.status, 500);
  assert.equal((one.body as Status).reason, 'Unknown');
  assert.equal((one.body as Status).message, 'failed to create typed patch object (default/typo; /v1, Kind=ConfigMap): .bogus: field not declared in schema');
  assert.equal((await send('GET', `${configMaps}/typo`)).status, 404);

  const two = await apply(
    `${deployments}/typos`,
    'team-a',
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: typos, labels: {app: typos}}
spec:
  replica: 2
  selector: {matchLabels: {app: typos}}
  template:
    metadata: {labels: {app: typos}}
    spec:
      containers:
      - {name: web, image: nginx, imagePullPolicy: Always, port: 80}
`,
  );
  assert.equal(two.status, 500);
  assert.equal(
    (two.body as Status).message,
    'failed to create typed patch object (default/typos; apps/v1, Kind=Deployment): errors:\n  .spec.replica: field not declared in schema\n  .spec.template.spec.containers[name="web"].port: field not declared in schema',
  );
});
