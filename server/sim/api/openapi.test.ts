import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveOpenApi } from './openapi.ts';
import { ResourceRegistry, servedResources } from './resources.ts';

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
  assert.equal(deployment.properties.spec.properties.replicas.type, 'integer');
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

test('openapi v2 and unknown documents are 404; other paths are not OpenAPI', () => {
  assert.equal(serveOpenApi(registry, '/openapi/v2', undefined)?.status, 404);
  assert.equal(serveOpenApi(registry, '/openapi/v3/apis/nope/v1', undefined)?.status, 404);
  assert.equal(serveOpenApi(registry, '/api/v1', undefined), undefined);
});
