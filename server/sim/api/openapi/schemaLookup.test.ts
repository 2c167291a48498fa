import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaFor, walkSchema } from './schemaLookup.ts';

test('a Deployment schema walks down to a container port, with list-map keys and the protocol default', () => {
  const deployment = schemaFor('apps', 'v1', 'Deployment');
  assert.ok(deployment);
  assert.equal(deployment.definition, 'io.k8s.api.apps.v1.Deployment');
  assert.deepEqual(deployment.fields(), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  const containers = deployment.at(['spec', 'template', 'spec', 'containers']);
  assert.equal(containers?.listType, 'map');
  assert.deepEqual(containers?.listMapKeys, ['name']);
  assert.equal(containers?.patchMergeKey, 'name');
  assert.equal(containers?.patchStrategy, 'merge');
  const ports = deployment.at(['spec', 'template', 'spec', 'containers', 'ports']);
  assert.deepEqual(ports?.listMapKeys, ['containerPort', 'protocol']);
  assert.equal(ports?.items()?.field('protocol')?.default, 'TCP');
  assert.deepEqual(ports?.items()?.required, ['containerPort']);
  assert.equal(deployment.at(['spec', 'replicas'])?.format, 'int32');
});

test('unknown fields are unknown; maps take any key; free-form objects keep anything', () => {
  const pod = schemaFor('', 'v1', 'Pod');
  assert.ok(pod);
  assert.equal(pod.field('spec')?.field('containerz'), undefined);
  assert.equal(pod.at(['spec', 'containers'])?.items()?.preservesUnknownFields, false);
  assert.equal(pod.at(['metadata', 'labels', 'app'])?.type, 'string');
  assert.equal(pod.at(['metadata', 'finalizers'])?.listType, 'set');
  const port = pod.at(['spec', 'containers', 'livenessProbe', 'httpGet', 'port']);
  assert.equal(port?.definition, 'io.k8s.apimachinery.pkg.util.intstr.IntOrString');
  assert.deepEqual(port?.accepts, ['integer', 'string']);
  assert.deepEqual(pod.at(['spec', 'containers', 'resources', 'limits', 'cpu'])?.accepts, ['string', 'number']);
  assert.equal(pod.at(['spec', 'restartPolicy'])?.enum?.includes('OnFailure'), true);
  const revision = schemaFor('apps', 'v1', 'ControllerRevision');
  assert.equal(revision?.field('data')?.preservesUnknownFields, true, 'RawExtension holds any object');
  assert.equal(schemaFor('apps', 'v1', 'Deployment')?.at(['spec', 'selector'])?.mapType, 'atomic');
});

test('kinds by group and version: autoscaling v1 and v2 differ; unknown kinds have no schema', () => {
  assert.ok(schemaFor('autoscaling', 'v2', 'HorizontalPodAutoscaler')?.at(['spec', 'metrics']));
  assert.equal(schemaFor('autoscaling', 'v1', 'HorizontalPodAutoscaler')?.at(['spec', 'metrics']), undefined);
  assert.ok(schemaFor('autoscaling', 'v1', 'HorizontalPodAutoscaler')?.at(['spec', 'targetCPUUtilizationPercentage']));
  assert.ok(schemaFor('batch', 'v1', 'CronJob')?.at(['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers']));
  assert.equal(schemaFor('metrics.k8s.io', 'v1beta1', 'PodMetrics')?.at(['containers', 'usage', 'cpu'])?.definition, 'io.k8s.apimachinery.pkg.api.resource.Quantity');
  assert.equal(schemaFor('example.com', 'v1', 'Widget'), undefined);
  assert.equal(schemaFor('apps', 'v1', 'Pod'), undefined);
});

test('a CRD schema walks with structural pruning: only x-kubernetes-preserve-unknown-fields keeps unknown fields', () => {
  const crd = walkSchema(
    { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } }, blob: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
    { freeFormObjects: 'prune' },
  );
  assert.deepEqual(crd.field('spec')?.fields(), ['size']);
  assert.equal(crd.field('spec')?.preservesUnknownFields, false);
  assert.equal(crd.field('blob')?.preservesUnknownFields, true);
  assert.equal(walkSchema({ type: 'object' }, { freeFormObjects: 'prune' }).preservesUnknownFields, false);
  assert.equal(walkSchema({ type: 'object' }).preservesUnknownFields, true);
});
