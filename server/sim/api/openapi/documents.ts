import { createHash } from 'node:crypto';
import { type ResourceRegistry, type ResourceType } from '../resources.ts';
import { customResourceSchema } from '../crd/openApiSchema.ts';
import { builtinDefinitionName, builtinSpec } from './builtinSpec.ts';
import { refClosure } from './refClosure.ts';
import { resourcePaths } from './resourcePaths.ts';
import { definitionName, kindSchema, type Schema } from './schemas.ts';
import { servesPath } from './servedPath.ts';

/** One group-version document, serialized once, and the hash its index entry carries. */
export interface GroupVersionDocument {
  /** `api/v1` or `apis/apps/v1`, as keyed in the /openapi/v3 index. */
  key: string;
  /** SHA-512 of `text`, upper-case hex, as kube-openapi's handler3 computes its ETag. */
  hash: string;
  text: string;
  body: Record<string, unknown>;
}

const SCHEMA_REF = '#/components/schemas/';

/** Go's encoding/json writes map keys sorted; the real documents list paths and schemas so. */
export const sortedKeys = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));

export function serialized(key: string, body: Record<string, unknown>): GroupVersionDocument {
  const text = JSON.stringify(body);
  return { key, text, body, hash: createHash('sha512').update(text).digest('hex').toUpperCase() };
}

/** Whether the 1.32 text documents this type (built-in kinds of the group-versions a 1.32 server serves). */
export function hasUpstreamText(t: ResourceType, version: string): boolean {
  return !t.custom && builtinDefinitionName(t.group, version, t.kind) !== undefined;
}

/**
 * A group-version's document: the real 1.32 paths of the resources served here and every
 * definition they reference. Kinds without upstream paths (custom resources, metrics.k8s.io,
 * versions only older emulated releases serve) get generated paths; those without definitions
 * (all but metrics) their own schema, which references the real ObjectMeta.
 */
function buildDocument(registry: ResourceRegistry, group: string, version: string): GroupVersionDocument {
  const key = group ? `apis/${group}/${version}` : `api/${version}`;
  const types = registry.types.filter((t) => t.group === group && t.versions.includes(version));
  const spec = builtinSpec();
  const upstreamPaths = spec.v3.paths[key];
  const upstream = types.filter((t) => hasUpstreamText(t, version));
  const paths: Record<string, Schema> = {};
  for (const [path, item] of Object.entries(upstreamPaths ?? {})) if (servesPath(upstream, `/${key}`, path)) paths[path] = item;
  const schemas: Record<string, Schema> = {};
  for (const t of types) {
    const documented = hasUpstreamText(t, version);
    // metrics.k8s.io has real definitions (metricsSchemas.ts) but no upstream paths.
    if (!documented || !upstreamPaths) Object.assign(paths, resourcePaths(t, version));
    if (!documented) schemas[definitionName(group, version, t.kind)] = t.custom ? customResourceSchema(t, version) : kindSchema(t, version);
  }
  for (const name of refClosure([paths, schemas], SCHEMA_REF, (n) => spec.v3.schemas[n]).names) schemas[name] ??= spec.v3.schemas[name];
  const { frame } = spec.v3;
  return serialized(key, {
    components: { schemas: sortedKeys(schemas), securitySchemes: frame.securitySchemes },
    info: frame.info,
    openapi: frame.openapi,
    paths: sortedKeys(paths),
  });
}

const cache = new WeakMap<ResourceRegistry, { revision: number; docs: Map<string, GroupVersionDocument> }>();

/**
 * Every served group-version's document, keyed `api/v1`, `apis/apps/v1`... Built on the first
 * /openapi request (the data is read then, not at start-up) and again once per registry
 * revision: CRDs change it.
 */
export function documents(registry: ResourceRegistry): Map<string, GroupVersionDocument> {
  let docs = cache.get(registry)?.revision === registry.revision ? cache.get(registry)?.docs : undefined;
  if (!docs) {
    docs = new Map();
    for (const [group, versions] of registry.groups()) {
      for (const version of versions) {
        const d = buildDocument(registry, group, version);
        docs.set(d.key, d);
      }
    }
    cache.set(registry, { revision: registry.revision, docs });
  }
  return docs;
}
