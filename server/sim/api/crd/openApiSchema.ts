import type { ResourceType } from '../resources.ts';
import { OBJECT_META, type Schema } from '../openapi/schemas.ts';

const API_VERSION =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const METADATA = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/**
 * A custom resource's schema in its group-version's OpenAPI v3 document, as apiextensions'
 * builder publishes it: the CRD's openAPIV3Schema with apiVersion, kind and metadata filled in
 * and the group-version-kind kubectl explain looks for.
 */
export function customResourceSchema(t: ResourceType, version: string): Schema {
  const declared = t.custom?.versions[version]?.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const properties: Record<string, Schema> = {
    ...(declared.properties as Record<string, Schema> | undefined),
    apiVersion: { type: 'string', description: API_VERSION },
    kind: { type: 'string', description: KIND },
    metadata: { allOf: [{ $ref: `#/components/schemas/${OBJECT_META}` }], description: METADATA },
  };
  return { ...declared, properties, 'x-kubernetes-group-version-kind': [{ group: t.group, kind: t.kind, version }] };
}
