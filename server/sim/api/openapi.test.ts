import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveOpenApi } from './openapi.ts';
import { ResourceRegistry, servedResources } from './resources.ts';
import { wireFields } from './protobuf/wire.ts';

const registry = new ResourceRegistry(servedResources(32));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI documents are asserted field by field
const body = (r: { body: unknown } | undefined): any => r?.body;

test('the /openapi/v3 index points at every group-version document with a hash', () => {
  const index = body(serveOpenApi(registry, '/openapi/v3', 'application/json'));
  assert.match(index.paths['api/v1'].serverRelativeURL, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
  assert.ok(index.paths['apis/apps/v1']);
  assert.ok(index.paths['apis/batch/v1']);
});

test('a group-version document names its kinds with group-version-kind, as kubectl explain looks them up', () => {
  const url = body(serveOpenApi(registry, '/openapi/v3', undefined)).paths['apis/apps/v1'].serverRelativeURL;
  const doc = body(serveOpenApi(registry, url, 'application/json'));
  const deployment = doc.components.schemas['io.k8s.api.apps.v1.Deployment'];
  assert.deepEqual(deployment['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  assert.equal(deployment.properties.spec.allOf[0].$ref, '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec');
  assert.equal(doc.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.replicas.format, 'int32');
});

test('PATCH operations advertise fieldValidation so kubectl apply validates on the server', () => {
  const doc = body(serveOpenApi(registry, '/openapi/v3/apis/apps/v1', undefined));
  const op = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
  assert.deepEqual(op['x-kubernetes-group-version-kind'], { group: 'apps', version: 'v1', kind: 'Deployment' });
  assert.ok(op.parameters.some((p: { name: string; in: string }) => p.name === 'fieldValidation' && p.in === 'query'));
  const core = body(serveOpenApi(registry, '/openapi/v3/api/v1', undefined));
  assert.ok(core.paths['/api/v1/nodes/{name}'].patch);
  assert.ok(core.components.schemas['io.k8s.api.core.v1.Pod']);
});

test('unknown documents are 404; other paths are not OpenAPI', () => {
  assert.equal(serveOpenApi(registry, '/openapi/v3/apis/nope/v1', undefined)?.status, 404);
  assert.equal(serveOpenApi(registry, '/openapi/v4', undefined)?.status, 404);
  assert.equal(serveOpenApi(registry, '/api/v1', undefined), undefined);
});

test('a group-version asked with its hash is immutable; a stale hash redirects to the current one; If-None-Match gets 304', () => {
  const url = body(serveOpenApi(registry, '/openapi/v3', undefined)).paths['apis/batch/v1'].serverRelativeURL as string;
  const current = serveOpenApi(registry, url, 'application/json');
  assert.equal(current?.status, 200);
  assert.equal(current?.headers?.['Cache-Control'], 'public, immutable');
  assert.match(current?.headers?.Expires ?? '', /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} UTC$/);
  assert.equal(JSON.parse(String(current?.text)).components.schemas['io.k8s.api.batch.v1.CronJob']['x-kubernetes-group-version-kind'][0].kind, 'CronJob');
  const etag = current?.headers?.ETag;
  assert.equal(etag, `"${url.split('hash=')[1]}"`);
  assert.equal(serveOpenApi(registry, url, 'application/json', etag)?.status, 304);
  assert.equal(serveOpenApi(registry, '/openapi/v3/apis/batch/v1', undefined, `W/${etag}`)?.status, 304);
  const stale = serveOpenApi(registry, '/openapi/v3/apis/batch/v1?hash=0123', undefined);
  assert.equal(stale?.status, 301);
  assert.equal(stale?.headers?.Location, url);
  assert.equal(serveOpenApi(registry, url, 'application/com.github.proto-openapi.spec.v3@v1.0+protobuf')?.status, 406);
});

test('/openapi/v2 is the swagger 2.0 document with the real definition names, patch strategies and enums', () => {
  const v2 = serveOpenApi(registry, '/openapi/v2', 'application/json');
  assert.equal(v2?.status, 200);
  const doc = JSON.parse(String(v2?.text));
  assert.equal(doc.swagger, '2.0');
  const containers = doc.definitions['io.k8s.api.core.v1.PodSpec'].properties.containers;
  assert.equal(containers.items.$ref, '#/definitions/io.k8s.api.core.v1.Container');
  assert.equal(containers['x-kubernetes-patch-merge-key'], 'name');
  assert.deepEqual(doc.definitions['io.k8s.api.core.v1.PodSpec'].properties.restartPolicy.enum, ['Always', 'Never', 'OnFailure']);
  assert.deepEqual(doc.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  assert.ok(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']);
  assert.ok(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/proxy/{path}']);
  assert.equal(doc.paths['/api/v1/namespaces/{namespace}/replicationcontrollers'], undefined, 'the demo cluster does not serve ReplicationControllers');
  assert.equal(serveOpenApi(registry, '/openapi/v2', 'application/json', v2?.headers?.ETag)?.status, 304);
  assert.equal(serveOpenApi(registry, '/openapi/v2', 'application/yaml')?.status, 406);
});

test('/openapi/v2 in gnostic protobuf, as client-go asks for it, holds the same definitions', () => {
  const pb = serveOpenApi(registry, '/openapi/v2', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf');
  assert.equal(pb?.status, 200);
  assert.equal(pb?.contentType, 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
  const fields = [...wireFields(pb?.text as Uint8Array)];
  const text = (v: unknown) => Buffer.from(v as Uint8Array).toString('utf8');
  assert.equal(text(fields.find((f) => f.number === 1)?.value), '2.0', 'Document.swagger = 1');
  const definitions = fields.find((f) => f.number === 9)?.value as Uint8Array;
  const names = [...wireFields(definitions)].map((named) => text([...wireFields(named.value as Uint8Array)].find((f) => f.number === 1)?.value));
  assert.ok(names.includes('io.k8s.api.apps.v1.Deployment'));
  assert.equal(names.length, Object.keys(JSON.parse(String(serveOpenApi(registry, '/openapi/v2', undefined)?.text)).definitions).length);
});
