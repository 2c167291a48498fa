import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoCluster, type DemoCluster } from '../index.ts';

// fieldValidation=Strict|Warn|Ignore on create, update and patch, as kube-apiserver 1.32 answers
// a manifest with a misspelt field: Strict refuses it, Warn (the default) stores it without the
// field and says so in Warning headers, Ignore drops the field quietly.
let cluster: DemoCluster;
const DEPLOYMENTS = '/apis/apps/v1/namespaces/shop/deployments';

interface Reply {
  status: number;
  warnings: string[];
  body: { message?: string; reason?: string; code?: number; spec?: Record<string, unknown>; metadata?: Record<string, unknown>; details?: { kind?: string; causes?: unknown[] } };
}

async function send(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Reply> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(cluster.url + path, { method, headers: { 'Content-Type': contentType }, body: text });
  const warning = res.headers.get('warning');
  return { status: res.status, warnings: warning ? warning.split(/, (?=299 )/) : [], body: (await res.json()) as Reply['body'] };
}

const deployment = (name: string, extraSpec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    ...extraSpec,
  },
});

async function stored(name: string): Promise<Reply['body']> {
  return (await send('GET', `${DEPLOYMENTS}/${name}`)).body;
}

before(async () => {
  cluster = await startDemoCluster({ port: 0, speed: 20, seed: false });
  assert.equal((await send('POST', '/api/v1/namespaces', { metadata: { name: 'shop' } })).status, 201);
});
after(() => cluster.close());

test('Strict refuses a Deployment with a misspelt field, naming every unknown field in document order', async () => {
  const body = deployment('strict', { replica: 3 });
  (body.metadata as Record<string, unknown>).colour = 'blue';
  (body.spec.template.spec.containers[0] as Record<string, unknown>).imagePullPolcy = 'Always';
  const r = await send('POST', `${DEPLOYMENTS}?fieldValidation=Strict`, body);
  assert.equal(r.status, 400);
  assert.equal(r.body.reason, 'BadRequest');
  assert.equal(
    r.body.message,
    'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "metadata.colour", unknown field "spec.template.spec.containers[0].imagePullPolcy", unknown field "spec.replica"',
  );
  assert.equal((await send('GET', `${DEPLOYMENTS}/strict`)).status, 404);
});

test('without the parameter the server warns (Warn is the default) and stores the object without the unknown field', async () => {
  const r = await send('POST', DEPLOYMENTS, deployment('warned', { replica: 3 }));
  assert.equal(r.status, 201);
  assert.deepEqual(r.warnings, ['299 - "unknown field \\"spec.replica\\""']);
  assert.equal(r.body.spec?.replica, undefined);
  assert.equal((await stored('warned')).spec?.replica, undefined);
});

test('Warn names duplicate keys of a JSON body too, and the last value wins', async () => {
  const text = JSON.stringify(deployment('twice')).replace('"replicas":1', '"replicas":1,"replicas":2');
  const r = await send('POST', `${DEPLOYMENTS}?fieldValidation=Warn`, text);
  assert.equal(r.status, 201);
  assert.deepEqual(r.warnings, ['299 - "duplicate field \\"spec.replicas\\""']);
  assert.equal(r.body.spec?.replicas, 2);
  const strict = await send('POST', `${DEPLOYMENTS}?fieldValidation=Strict`, text.replace('"twice"', '"twice-strict"'));
  assert.equal(strict.body.message, 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: duplicate field "spec.replicas"');
});

test('Ignore creates quietly and drops the unknown field', async () => {
  const r = await send('POST', `${DEPLOYMENTS}?fieldValidation=Ignore`, deployment('ignored', { replica: 3 }));
  assert.equal(r.status, 201);
  assert.deepEqual(r.warnings, []);
  assert.equal((await stored('ignored')).spec?.replica, undefined);
});

test('an unsupported fieldValidation value is a 422 on the request options', async () => {
  const r = await send('POST', `${DEPLOYMENTS}?fieldValidation=strict`, deployment('lowercase'));
  assert.equal(r.status, 422);
  assert.equal(r.body.reason, 'Invalid');
  assert.equal(r.body.message, 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"');
  const patch = await send('PATCH', `${DEPLOYMENTS}/warned?fieldValidation=yes`, { spec: { replicas: 2 } }, 'application/merge-patch+json');
  assert.equal(patch.status, 422);
  assert.match(patch.body.message ?? '', /^PatchOptions\.meta\.k8s\.io "" is invalid: fieldValidation: Unsupported value: "yes"/);
});

test('update (PUT) follows the same directive', async () => {
  const current = await stored('warned');
  const next = { ...deployment('warned', { paused: false, minReadySecond: 5 }), metadata: { name: 'warned', resourceVersion: current.metadata?.resourceVersion } };
  const strict = await send('PUT', `${DEPLOYMENTS}/warned?fieldValidation=Strict`, next);
  assert.equal(strict.status, 400);
  assert.equal(strict.body.message, 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.minReadySecond"');
  const warned = await send('PUT', `${DEPLOYMENTS}/warned`, next);
  assert.equal(warned.status, 200);
  assert.deepEqual(warned.warnings, ['299 - "unknown field \\"spec.minReadySecond\\""']);
});

test('merge, strategic merge and JSON patches are checked; strategic directives are not unknown fields', async () => {
  const path = `${DEPLOYMENTS}/warned?fieldValidation=Strict`;
  const merge = await send('PATCH', path, { spec: { replica: 2 } }, 'application/merge-patch+json');
  assert.equal(merge.status, 400);
  assert.equal(merge.body.message, 'strict decoding error: unknown field "spec.replica"');

  const strategic = {
    spec: {
      template: {
        spec: {
          $setElementOrder$containers: [{ name: 'web' }],
          containers: [{ name: 'web', image: 'nginx:1.27', $patch: 'merge' }],
        },
      },
    },
  };
  const smpText = JSON.stringify(strategic).replace('$setElementOrder$containers', '$setElementOrder/containers');
  const smp = await send('PATCH', path, smpText, 'application/strategic-merge-patch+json');
  assert.equal(smp.status, 200, smp.body.message);
  assert.deepEqual(smp.warnings, []);
  const smpBad = await send('PATCH', path, { spec: { template: { spec: { containers: [{ name: 'web', imagePullPolcy: 'Always' }] } } } }, 'application/strategic-merge-patch+json');
  assert.equal(smpBad.body.message, 'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy"');

  const json = await send('PATCH', path, [{ op: 'add', path: '/spec/strategi', value: {} }], 'application/json-patch+json');
  assert.equal(json.status, 400);
  assert.equal(json.body.message, 'strict decoding error: unknown field "spec.strategi"');

  const nulled = await send('PATCH', `${DEPLOYMENTS}/warned`, { spec: { replica: null, replicas: 2 } }, 'application/merge-patch+json');
  assert.equal(nulled.status, 200);
  assert.deepEqual(nulled.warnings, [], 'a null removes the field, so nothing unknown is left');

  const warned = await send('PATCH', `${DEPLOYMENTS}/warned`, { spec: { replica: 4 } }, 'application/merge-patch+json');
  assert.equal(warned.status, 200);
  assert.deepEqual(warned.warnings, ['299 - "unknown field \\"spec.replica\\""']);
  assert.equal(warned.body.spec?.replica, undefined);
  assert.equal(warned.body.spec?.replicas, 2);
});

test("a custom resource's unknown fields are those its CRD's structural schema prunes", async () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: { cronSpec: { type: 'string' }, image: { type: 'string' }, extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
                },
              },
            },
          },
        },
      ],
    },
  };
  assert.equal((await send('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status, 201);
  const CRONTABS = '/apis/stable.example.com/v1/namespaces/shop/crontabs';
  const cronTab = (name: string) => ({
    apiVersion: 'stable.example.com/v1',
    kind: 'CronTab',
    metadata: { name, colour: 'blue' },
    spec: { cronSpec: '* * * * */5', replicas: 2, extra: { anything: 1 } },
  });
  // The CRD is served once the controller has established it.
  let strict: Reply;
  for (;;) {
    strict = await send('POST', `${CRONTABS}?fieldValidation=Strict`, cronTab('strict'));
    if (strict.status !== 404) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(strict.status, 400);
  assert.equal(strict.body.message, 'CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "metadata.colour", unknown field "spec.replicas"');
  const warned = await send('POST', CRONTABS, cronTab('warned'));
  assert.equal(warned.status, 201);
  assert.deepEqual(warned.warnings, ['299 - "unknown field \\"metadata.colour\\""', '299 - "unknown field \\"spec.replicas\\""']);
  assert.deepEqual(warned.body.spec, { cronSpec: '* * * * */5', extra: { anything: 1 } });
  const merge = await send('PATCH', `${CRONTABS}/warned?fieldValidation=Strict`, { spec: { image: 'x', imag: 'y' } }, 'application/merge-patch+json');
  assert.equal(merge.body.message, 'strict decoding error: unknown field "spec.imag"');
});
