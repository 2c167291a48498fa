import type { ResourceRegistry } from '../resources.ts';
import { builtinSpec, type Schema } from './builtinSpec.ts';
import { hasUpstreamText, serialized, sortedKeys, type GroupVersionDocument } from './documents.ts';
import { refClosure } from './refClosure.ts';
import { servesPath } from './servedPath.ts';

/**
 * /openapi/v2: the swagger 2.0 document of a 1.32 server, holding the paths of the built-in
 * resources served here and the definitions and shared parameters they reference. Kinds
 * without upstream text (custom resources, metrics) are left out of it; clients that explain
 * or validate them read /openapi/v3.
 */
function buildSwagger(registry: ResourceRegistry): GroupVersionDocument {
  const spec = builtinSpec();
  const paths: Record<string, Schema> = {};
  for (const [group, versions] of registry.groups()) {
    for (const version of versions) {
      const types = registry.types.filter((t) => t.group === group && t.versions.includes(version) && hasUpstreamText(t, version));
      const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
      for (const [path, item] of Object.entries(spec.v2.paths)) if (servesPath(types, base, path)) paths[path] = item;
    }
  }
  const pick = (prefix: string, from: Record<string, Schema>) =>
    sortedKeys(Object.fromEntries([...refClosure(paths, prefix, (n) => from[n]).names].map((n) => [n, from[n]])));
  const frame = Object.fromEntries(Object.entries(spec.v2).filter(([k]) => k !== 'paths' && k !== 'definitions' && k !== 'parameters'));
  return serialized('v2', sortedKeys({ ...frame, definitions: pick('#/definitions/', spec.v2.definitions), parameters: pick('#/parameters/', spec.v2.parameters), paths: sortedKeys(paths) }));
}

const cache = new WeakMap<ResourceRegistry, { revision: number; doc: GroupVersionDocument }>();

/** The /openapi/v2 document, built on first request and again once per registry revision. */
export function swaggerDocument(registry: ResourceRegistry): GroupVersionDocument {
  const hit = cache.get(registry);
  if (hit?.revision === registry.revision) return hit.doc;
  const doc = buildSwagger(registry);
  cache.set(registry, { revision: registry.revision, doc });
  return doc;
}
