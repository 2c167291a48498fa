/**
 * The schema of a built-in kind, for strict field validation and server-side apply.
 *
 * API (in schemaLookup.ts):
 *
 *   schemaFor(group, version, kind): SchemaNode | undefined
 *     The root schema of a built-in kind as a real Kubernetes 1.32 API server publishes it
 *     (group '' for core; e.g. schemaFor('apps', 'v1', 'Deployment')). undefined for a kind
 *     the data does not hold (custom resources, batch/v1beta1...). metrics.k8s.io kinds come
 *     from metrics-server's definitions (metricsSchemas.ts).
 *     Loads the data on first call (about 4 MB of JSON, ~50 ms), then answers from memory.
 *
 *   walkSchema(schema, { resolve?, freeFormObjects? }): SchemaNode      (from schemaWalker.ts)
 *     The same walker over any schema, e.g. a CRD's openAPIV3Schema with
 *     { freeFormObjects: 'prune' } (structural-schema pruning rules).
 *
 *   SchemaNode (schemaWalker.ts), every `$ref` / `allOf: [{$ref}]` already followed:
 *     fields(): string[]                 property names of an object ([] for maps/scalars)
 *     field(name): SchemaNode|undefined  a property's schema; a map's value schema for any key;
 *                                        undefined = unknown field
 *     items(), values()                  array element / map value schema
 *     at(['spec','containers','ports'])  walks names, stepping into array elements
 *     type, accepts, format, enum, default, required, description, definition
 *     listType ('atomic'|'set'|'map'|undefined = atomic), listMapKeys (e.g. ['containerPort','protocol'];
 *       key defaults such as protocol 'TCP' are on the key field's `default`)
 *     mapType ('atomic'|'granular'|undefined), patchStrategy, patchMergeKey
 *     preservesUnknownFields             unknown fields are kept (x-kubernetes-preserve-unknown-fields,
 *                                        or a free-form object such as RawExtension)
 *
 * Nodes are cached and shared: never mutate `node.schema`.
 */
import { builtinDefinitionName, builtinSpec } from './builtinSpec.ts';
import { walkSchema, type SchemaNode } from './schemaWalker.ts';

export { walkSchema, type SchemaNode, type WalkOptions } from './schemaWalker.ts';

const roots = new Map<string, SchemaNode | undefined>();

const V3_PREFIX = '#/components/schemas/';
const V2_PREFIX = '#/definitions/';

function resolveBuiltin(ref: string) {
  const schemas = builtinSpec().v3.schemas;
  if (ref.startsWith(V3_PREFIX)) return schemas[ref.slice(V3_PREFIX.length)];
  if (ref.startsWith(V2_PREFIX)) return schemas[ref.slice(V2_PREFIX.length)];
  return undefined;
}

export function schemaFor(group: string, version: string, kind: string): SchemaNode | undefined {
  const key = `${group}/${version}/${kind}`;
  if (!roots.has(key)) {
    const name = builtinDefinitionName(group, version, kind);
    roots.set(key, name ? walkSchema({ $ref: `${V3_PREFIX}${name}` }, { resolve: resolveBuiltin }) : undefined);
  }
  return roots.get(key);
}
