import { apiVersionOf, type ResourceType } from '../resources.ts';
import type { Schema } from './builtinSpec.ts';

export type { Schema } from './builtinSpec.ts';

export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** `io.k8s.api.apps.v1.Deployment`: the definition name kube-openapi gives a kind. */
export function definitionName(group: string, version: string, kind: string): string {
  if (group === 'metrics.k8s.io') return `io.k8s.metrics.pkg.apis.metrics.${version}.${kind}`;
  const pkg = group === '' ? 'core' : group.split('.')[0];
  return `io.k8s.api.${pkg}.${version}.${kind}`;
}

const DESCRIPTIONS = {
  apiVersion:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  kind: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
  metadata: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
};

/**
 * The schema of a built-in kind the 1.32 data does not hold (versions only older emulated
 * releases serve, such as batch/v1beta1 CronJob): apiVersion, kind and the real ObjectMeta,
 * every other field left open.
 */
export function kindSchema(t: ResourceType, version: string): Schema {
  return {
    description: `${t.kind} of ${apiVersionOf(t, version)}.`,
    type: 'object',
    properties: {
      apiVersion: { type: 'string', description: DESCRIPTIONS.apiVersion },
      kind: { type: 'string', description: DESCRIPTIONS.kind },
      metadata: { allOf: [{ $ref: `#/components/schemas/${OBJECT_META}` }], default: {}, description: DESCRIPTIONS.metadata },
    },
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-group-version-kind': [{ group: t.group, kind: t.kind, version }],
  };
}
