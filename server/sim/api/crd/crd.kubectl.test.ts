import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';
import { CRONTAB_CRD_YAML, CRONTAB_YAML } from '../../../testing/cronTabExample.ts';

const demo = demoClusterForKubectl();

/** A cluster-scoped CRD with two versions, status and scale subresources, a category and defaults. */
const WIDGETS = JSON.stringify({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.toys.example.com' },
  spec: {
    group: 'toys.example.com',
    scope: 'Cluster',
    names: { plural: 'widgets', kind: 'Widget', categories: ['all'] },
    versions: ['v1beta1', 'v1'].map((name) => ({
      name,
      served: true,
      storage: name === 'v1',
      subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } },
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              required: ['size'],
              properties: {
                size: { type: 'string', enum: ['S', 'M', 'L'] },
                replicas: { type: 'integer', format: 'int32', minimum: 0, default: 1 },
                color: { type: 'string', default: 'red', pattern: '^[a-z]+$' },
                port: { 'x-kubernetes-int-or-string': true },
                free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
            },
            status: { type: 'object', properties: { replicas: { type: 'integer' }, selector: { type: 'string' } } },
          },
        },
      },
    })),
  },
});

const widget = (name: string, spec: Record<string, unknown>, version = 'v1') => JSON.stringify({ apiVersion: `toys.example.com/${version}`, kind: 'Widget', metadata: { name }, spec });

before(async () => {
  await demo.ok(['apply', '-f', '-'], CRONTAB_CRD_YAML);
  await demo.ok(['wait', '--for=condition=established', 'crd/crontabs.stable.example.com', '--timeout=30s']);
  await demo.ok(['apply', '-f', '-'], WIDGETS);
  await demo.ok(['wait', '--for=condition=established', 'crd/widgets.toys.example.com', '--timeout=30s']);
});

test('the docs CronTab CRD is accepted, named and established', async () => {
  const crd = JSON.parse(await demo.ok(['get', 'crd', 'crontabs.stable.example.com', '-o', 'json']));
  const conditions = Object.fromEntries(crd.status.conditions.map((c: { type: string; status: string; reason: string }) => [c.type, [c.status, c.reason]]));
  assert.deepEqual(conditions, { NamesAccepted: ['True', 'NoConflicts'], Established: ['True', 'InitialNamesAccepted'] });
  assert.deepEqual(crd.status.acceptedNames, { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList', shortNames: ['ct'] });
  assert.deepEqual(crd.status.storedVersions, ['v1']);
  assert.equal(crd.spec.conversion.strategy, 'None');
  assert.match(await demo.ok(['get', 'crds']), /^crontabs\.stable\.example\.com\s+\d{4}-/m);
});

test('a CRD that breaks the naming, group and storage rules is refused in apiextensions words', async () => {
  const bad = CRONTAB_CRD_YAML.replace('storage: true', 'storage: false').replace('name: crontabs.stable.example.com', 'name: crontab.stable.example.com');
  const err = await demo.refused(['apply', '-f', '-'], bad);
  assert.match(err, /metadata\.name: Invalid value: "crontab\.stable\.example\.com": must be spec\.names\.plural\+"\."\+spec\.group/);
  assert.match(err, /spec\.versions: Invalid value: .*: must have exactly one version marked as storage version/);
  const dotless = CRONTAB_CRD_YAML.replaceAll('stable.example.com', 'stable');
  assert.match(await demo.refused(['apply', '-f', '-'], dotless), /spec\.group: Invalid value: "stable": should be a domain with at least one dot/);
  const untyped = CRONTAB_CRD_YAML.replace('                replicas:\n                  type: integer', '                replicas:\n                  description: how many');
  assert.match(await demo.refused(['apply', '-f', '-'], untyped), /spec\.versions\[0\]\.schema\.openAPIV3Schema\.properties\[spec\]\.properties\[replicas\]\.type: Required value: must not be empty for specified object fields/);
});

test('kubectl get crontabs and ct print the CRD columns; api-resources lists the short name', async () => {
  await demo.ok(['apply', '-f', '-'], CRONTAB_YAML);
  const out = await demo.ok(['get', 'crontabs']);
  assert.match(out, /^NAME\s+SPEC\s+REPLICAS\s+AGE\n/);
  assert.match(out, /^my-new-cron-object\s+\* \* \* \* \*\/5\s+\d+s\n/m);
  assert.match(await demo.ok(['get', 'ct', 'my-new-cron-object', '-o', 'name']), /^crontab\.stable\.example\.com\/my-new-cron-object$/m);
  assert.match(await demo.ok(['api-resources']), /^crontabs\s+ct\s+stable\.example\.com\/v1\s+true\s+CronTab$/m);
  assert.match(await demo.ok(['api-resources', '--api-group=toys.example.com']), /^widgets\s+toys\.example\.com\/v1\s+false\s+Widget$/m);
});

test('a replicas string is refused with 422 in kube-openapi words', async () => {
  const bad = CRONTAB_YAML.replace('my-new-cron-object', 'bad').replace('image: my-awesome-cron-image', 'image: x\n  replicas: "string"');
  const err = await demo.refused(['create', '-f', '-'], bad);
  assert.match(err, /The CronTab "bad" is invalid: spec\.replicas: Invalid value: "string": spec\.replicas in body must be of type integer: "string"/);
});

test('undeclared fields are pruned, defaults are applied, a missing required field is refused', async () => {
  await demo.ok(['create', '--validate=false', '-f', '-'], widget('small', { size: 'S', bogus: true, port: 'http', free: { any: { thing: 1 } } }));
  const w = JSON.parse(await demo.ok(['get', 'widget', 'small', '-o', 'json']));
  assert.deepEqual(w.spec, { size: 'S', replicas: 1, color: 'red', port: 'http', free: { any: { thing: 1 } } });
  assert.match(await demo.refused(['create', '-f', '-'], widget('nosize', {})), /spec\.size: Required value/);
  assert.match(await demo.refused(['create', '-f', '-'], widget('huge', { size: 'XL' })), /spec\.size: Unsupported value: "XL": supported values: "S", "M", "L"/);
  assert.match(await demo.refused(['create', '-f', '-'], widget('neg', { size: 'S', replicas: -1 })), /spec\.replicas: Invalid value: -1: spec\.replicas in body should be greater than or equal to 0/);
  assert.match(await demo.refused(['create', '-f', '-'], widget('caps', { size: 'S', color: 'RED' })), /spec\.color: Invalid value: "RED": spec\.color in body should match '\^\[a-z\]\+\$'/);
});

test('merge and JSON patches change a custom resource; strategic merge patch is refused with 415', async () => {
  await demo.ok(['patch', 'crontab', 'my-new-cron-object', '--type=merge', '-p', '{"spec":{"replicas":2}}']);
  await demo.ok(['patch', 'crontab', 'my-new-cron-object', '--type=json', '-p', '[{"op":"replace","path":"/spec/image","value":"other"}]']);
  const spec = JSON.parse(await demo.ok(['get', 'ct', 'my-new-cron-object', '-o', 'jsonpath={.spec}']));
  assert.deepEqual(spec, { cronSpec: '* * * * */5', image: 'other', replicas: 2 });
  const err = await demo.refused(['patch', 'crontab', 'my-new-cron-object', '--type=strategic', '-p', '{"spec":{"replicas":3}}']);
  assert.match(err, /the body of the request was in an unknown format - accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml/);
});

test('label and field selectors and chunked lists work on custom resources', async () => {
  for (const n of ['a', 'b', 'c']) {
    await demo.ok(['create', '-f', '-'], CRONTAB_YAML.replace('my-new-cron-object', `sel-${n}`).replace('metadata:', `metadata:\n  labels:\n    tier: ${n === 'c' ? 'back' : 'front'}`));
  }
  assert.deepEqual((await demo.ok(['get', 'ct', '-l', 'tier=front', '-o', 'name'])).trim().split('\n'), ['crontab.stable.example.com/sel-a', 'crontab.stable.example.com/sel-b']);
  assert.equal((await demo.ok(['get', 'ct', '--field-selector', 'metadata.name=sel-c', '-o', 'name'])).trim(), 'crontab.stable.example.com/sel-c');
  assert.equal((await demo.ok(['get', 'ct', '-A', '--field-selector', 'metadata.namespace=kube-system', '-o', 'name'])).trim(), '');
  const path = '/apis/stable.example.com/v1/namespaces/default/crontabs?limit=3';
  const first = JSON.parse(await demo.ok(['get', '--raw', path]));
  assert.equal(first.items.length, 3);
  const rest = JSON.parse(await demo.ok(['get', '--raw', `${path}&continue=${encodeURIComponent(first.metadata.continue)}`]));
  assert.deepEqual(rest.items.map((o: { metadata: { name: string } }) => o.metadata.name), ['sel-c']);
  await demo.ok(['delete', 'ct', '-l', 'tier']);
  assert.equal((await demo.ok(['get', 'ct', '-o', 'name'])).trim(), 'crontab.stable.example.com/my-new-cron-object');
});

test('the status subresource: the main resource ignores status, /status ignores the rest, generation follows spec', async () => {
  await demo.ok(['create', '-f', '-'], widget('big', { size: 'L' }));
  await demo.ok(['patch', 'widget', 'big', '--type=merge', '-p', '{"status":{"replicas":9}}']);
  let w = JSON.parse(await demo.ok(['get', 'widget', 'big', '-o', 'json']));
  assert.equal(w.status, undefined);
  assert.equal(w.metadata.generation, 1);
  await demo.ok(['patch', 'widget', 'big', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":3,"selector":"app=big"},"spec":{"size":"S"}}']);
  w = JSON.parse(await demo.ok(['get', 'widget', 'big', '-o', 'json']));
  assert.deepEqual([w.spec.size, w.status.replicas, w.metadata.generation], ['L', 3, 1]);
  await demo.ok(['patch', 'widget', 'big', '--type=merge', '-p', '{"spec":{"size":"M"}}']);
  assert.equal(await demo.ok(['get', 'widget', 'big', '-o', 'jsonpath={.metadata.generation}']), '2');
});

test('kubectl scale works through the scale subresource paths', async () => {
  assert.match(await demo.ok(['scale', 'widget', 'big', '--replicas=5']), /widget\.toys\.example\.com\/big scaled/);
  assert.equal(await demo.ok(['get', 'widget', 'big', '-o', 'jsonpath={.spec.replicas}']), '5');
  const scale = JSON.parse(await demo.ok(['get', '--raw', '/apis/toys.example.com/v1/widgets/big/scale']));
  assert.deepEqual([scale.kind, scale.spec.replicas, scale.status.replicas, scale.status.selector], ['Scale', 5, 3, 'app=big']);
});

test('every served version reads the same object with its own apiVersion; the category shows it in get all', async () => {
  await demo.ok(['create', '-f', '-'], widget('old', { size: 'M' }, 'v1beta1'));
  const beta = JSON.parse(await demo.ok(['get', '--raw', '/apis/toys.example.com/v1beta1/widgets/old']));
  const v1 = JSON.parse(await demo.ok(['get', '--raw', '/apis/toys.example.com/v1/widgets/old']));
  assert.deepEqual([beta.apiVersion, v1.apiVersion, v1.spec.size], ['toys.example.com/v1beta1', 'toys.example.com/v1', 'M']);
  assert.match(await demo.ok(['get', 'all']), /^widget\.toys\.example\.com\/old\s/m);
});

test('a finalizer holds a custom resource until it is removed', async () => {
  await demo.ok(['create', '-f', '-'], widget('held', { size: 'S' }).replace('"name":"held"', '"name":"held","finalizers":["example.com/hold"]'));
  await demo.ok(['delete', 'widget', 'held', '--wait=false']);
  assert.match(await demo.ok(['get', 'widget', 'held', '-o', 'jsonpath={.metadata.deletionTimestamp}']), /^\d{4}-/);
  await demo.ok(['patch', 'widget', 'held', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
  assert.match(await demo.refused(['get', 'widget', 'held']), /NotFound|not found/);
});

test('kubectl explain reads the CRD schema from OpenAPI v3', async () => {
  const out = await demo.ok(['explain', 'crontab.spec']);
  assert.match(out, /KIND:\s+CronTab/);
  assert.match(out, /cronSpec\s+<string>/);
  assert.match(out, /replicas\s+<integer>/);
});

test('deleting the CRD deletes its custom resources and its API', async () => {
  await demo.ok(['delete', 'crd', 'widgets.toys.example.com']);
  assert.match(await demo.refused(['get', '--raw', '/apis/toys.example.com/v1']), /NotFound|not found/);
  assert.equal(demo.cluster.store.count('widgets.toys.example.com'), 0);
  assert.doesNotMatch(await demo.ok(['get', '--raw', '/apis']), /toys\.example\.com/);
  // Created again, it starts empty.
  await demo.ok(['apply', '-f', '-'], WIDGETS);
  await demo.ok(['wait', '--for=condition=established', 'crd/widgets.toys.example.com', '--timeout=30s']);
  assert.equal(JSON.parse(await demo.ok(['get', '--raw', '/apis/toys.example.com/v1/widgets'])).items.length, 0);
});
