import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecret, parseEdited, rebaseEdit, toEditableYaml, type KubeObjectLike } from './editableYaml.ts';

const deployment: KubeObjectLike = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'frontend', namespace: 'shop', resourceVersion: '10', managedFields: [{ manager: 'kubectl' }], annotations: { a: '1' } },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
};
const expected = { kind: 'Deployment', name: 'frontend', namespace: 'shop' };

test('the YAML the operator sees hides managedFields and keeps the resourceVersion it was loaded at', () => {
  const text = toEditableYaml(deployment);
  assert.doesNotMatch(text, /managedFields/);
  assert.match(text, /resourceVersion: "10"/);
  const parsed = parseEdited(text, expected);
  assert.ok(parsed.ok);
  assert.equal(parsed.object.metadata?.resourceVersion, '10');
  assert.deepEqual(deployment.metadata?.managedFields, [{ manager: 'kubectl' }], 'the live object is not modified');
});

test('malformed YAML is pointed to by line and column', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: frontend\n  labels: {app: web\nspec:\n  replicas: 2\n';
  const parsed = parseEdited(text, expected);
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.equal(typeof parsed.line, 'number');
  assert.equal(typeof parsed.column, 'number');
  assert.match(parsed.message, /^\S[^\n]*$/, 'one sentence, without the library\'s repeated position and source excerpt');
  assert.doesNotMatch(parsed.message, /at line/);
});

test('a bad indent is reported at the line it is on', () => {
  const parsed = parseEdited('kind: Deployment\nmetadata:\n  name: frontend\n namespace: shop\n', expected);
  assert.equal(parsed.ok, false);
  if (!parsed.ok) assert.equal(parsed.line, 4);
});

test('renaming the object or handing in a list is refused before anything is sent', () => {
  const renamed = parseEdited(toEditableYaml(deployment).replace('name: frontend', 'name: backend'), expected);
  assert.equal(renamed.ok, false);
  if (!renamed.ok) assert.match(renamed.message, /metadata.name must stay "frontend"/);
  assert.equal(parseEdited('- a\n- b\n', expected).ok, false);
});

test('rebasing an edit keeps the external change and applies mine on the latest resourceVersion', () => {
  const edited = structuredClone(deployment);
  (edited.spec as { replicas: number }).replicas = 3;
  delete edited.metadata?.annotations;
  const latest = structuredClone(deployment);
  latest.metadata = { ...latest.metadata, resourceVersion: '12', labels: { external: 'yes' } };
  const rebased = rebaseEdit(deployment, edited, latest);
  assert.equal((rebased.spec as { replicas: number }).replicas, 3);
  assert.deepEqual(rebased.metadata?.labels, { external: 'yes' });
  assert.equal(rebased.metadata?.annotations, undefined, 'a field I removed stays removed');
  assert.equal(rebased.metadata?.resourceVersion, '12');
});

test("a Secret's YAML shows every data and stringData value as its size only, and nothing else changes", () => {
  const secret: KubeObjectLike = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'postgres-credentials', namespace: 'shop' },
    type: 'Opaque',
    data: { password: Buffer.from('s3cr3t-demo-only').toString('base64'), username: Buffer.from('shop').toString('base64') },
    stringData: { note: 'héllo' },
  };
  const text = toEditableYaml(secret);
  assert.match(text, /password: "<hidden: 16 bytes>"/);
  assert.match(text, /username: "<hidden: 4 bytes>"/);
  assert.match(text, /note: "<hidden: 6 bytes>"/);
  assert.doesNotMatch(text, /s3cr3t|czNjcjN0|c2hvcA|héllo/);
  assert.match(text, /type: Opaque/);
  assert.equal(isSecret(secret), true);
  assert.equal(isSecret({ ...secret, apiVersion: 'example.com/v1' }), false, 'a custom kind named Secret is not masked');
  assert.equal((secret.data as Record<string, string>).password, Buffer.from('s3cr3t-demo-only').toString('base64'), 'the loaded object is untouched');
});
