/** An OpenAPI schema object, as builtinSpec.ts spells it (kept local: builtinSpec imports this file). */
type Schema = Record<string, unknown>;

/**
 * metrics.k8s.io/v1beta1 as metrics-server publishes it (kube-apiserver only aggregates it):
 * the definitions of kubernetes-sigs/metrics-server pkg/api/generated/openapi/zz_generated.openapi.go
 * (commit 0e92c5e58222ccc122d1da3efb75e7b62fc372f6), in the v3 form kube-openapi renders.
 */
const M = 'io.k8s.metrics.pkg.apis.metrics.v1beta1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const ref = (name: string) => `#/components/schemas/${name}`;

const API_VERSION =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const TIMESTAMP = 'The following fields define time interval from which metrics were collected from the interval [Timestamp-Window, Timestamp].';
const USAGE: Schema = { description: 'The memory usage is the memory working set.', type: 'object', additionalProperties: { $ref: ref('io.k8s.apimachinery.pkg.api.resource.Quantity') } };

function object(description: string, kind: string, fields: Record<string, Schema>, required: string[]): Schema {
  return {
    description,
    type: 'object',
    properties: {
      apiVersion: { description: API_VERSION, type: 'string' },
      kind: { description: KIND, type: 'string' },
      metadata: { description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata", default: {}, allOf: [{ $ref: ref(`${META}.ObjectMeta`) }] },
      timestamp: { description: TIMESTAMP, allOf: [{ $ref: ref(`${META}.Time`) }] },
      window: { $ref: ref(`${META}.Duration`) },
      ...fields,
    },
    required,
    'x-kubernetes-group-version-kind': [{ group: 'metrics.k8s.io', kind, version: 'v1beta1' }],
  };
}

function list(description: string, kind: string, item: string, itemsDescription: string): Schema {
  return {
    description,
    type: 'object',
    properties: {
      apiVersion: { description: API_VERSION, type: 'string' },
      items: { description: itemsDescription, type: 'array', items: { $ref: ref(`${M}.${item}`) } },
      kind: { description: KIND, type: 'string' },
      metadata: { description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds', default: {}, allOf: [{ $ref: ref(`${META}.ListMeta`) }] },
    },
    required: ['items'],
    'x-kubernetes-group-version-kind': [{ group: 'metrics.k8s.io', kind, version: 'v1beta1' }],
  };
}

export const METRICS_SCHEMAS: Record<string, Schema> = {
  [`${META}.Duration`]: {
    description: 'Duration is a wrapper around time.Duration which supports correct marshaling to YAML and JSON. In particular, it marshals into strings, which can be used as map keys in json.',
    type: 'string',
  },
  [`${M}.ContainerMetrics`]: {
    description: 'ContainerMetrics sets resource usage metrics of a container.',
    type: 'object',
    properties: { name: { description: 'Container name corresponding to the one from pod.spec.containers.', default: '', type: 'string' }, usage: USAGE },
    required: ['name', 'usage'],
  },
  [`${M}.NodeMetrics`]: object('NodeMetrics sets resource usage metrics of a node.', 'NodeMetrics', { usage: USAGE }, ['timestamp', 'window', 'usage']),
  [`${M}.NodeMetricsList`]: list('NodeMetricsList is a list of NodeMetrics.', 'NodeMetricsList', 'NodeMetrics', 'List of node metrics.'),
  [`${M}.PodMetrics`]: object(
    'PodMetrics sets resource usage metrics of a pod.',
    'PodMetrics',
    { containers: { description: 'Metrics for all containers are collected within the same time window.', type: 'array', items: { $ref: ref(`${M}.ContainerMetrics`) }, 'x-kubernetes-list-type': 'atomic' } },
    ['timestamp', 'window', 'containers'],
  ),
  [`${M}.PodMetricsList`]: list('PodMetricsList is a list of PodMetrics.', 'PodMetricsList', 'PodMetrics', 'List of pod metrics.'),
};
