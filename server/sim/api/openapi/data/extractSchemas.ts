/**
 * Regenerates kubernetes-1.32.json: the OpenAPI v3 and v2 text a Kubernetes 1.32 API server
 * serves, cut down to the resources the demo cluster serves (servedResources(32)) and the
 * definitions they reference. Inputs (see README.md for where each comes from):
 *
 *   node --import tsx server/sim/api/openapi/data/extractSchemas.ts \
 *     --v3 DIR            # api/v1.json, apis/GROUP/VERSION.json: k/k api/openapi-spec/v3 at v1.32
 *     --v2 FILE           # k/k api/openapi-spec/swagger.json at v1.32
 *     --enums FILE        # a later swagger.json generated with OpenAPIEnums=true (v1.34)
 *     --source TEXT       # provenance, written into the data file
 *
 * Kubernetes commits its spec files with the OpenAPIEnums feature gate off, while a running
 * 1.32 kube-apiserver has it on (beta, default true) and so adds `enum` and a "Possible enum
 * values" paragraph to enum-typed fields. This script puts them back from the enum-enabled
 * file, for a field only when its description there is exactly the 1.32 description plus that
 * paragraph (the field's documentation did not change between the releases).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResourceRegistry, servedResources } from '../../resources.ts';
import { refClosure } from '../refClosure.ts';
import { servesPath } from '../servedPath.ts';

type Json = Record<string, unknown>;

function arg(name: string): string {
  const i = process.argv.indexOf(name);
  if (i < 0 || !process.argv[i + 1]) throw new Error(`missing ${name}`);
  return process.argv[i + 1];
}

// Custom resources come and go at run time; only built-in kinds have upstream text.
const registry = new ResourceRegistry(servedResources(32).filter((t) => !t.custom));

/** Every definition `root` references, failing on a dangling reference (the upstream text is whole). */
function closure(root: unknown, prefix: string, lookup: (name: string) => unknown): Set<string> {
  const { names, missing } = refClosure(root, prefix, lookup);
  if (missing.size) throw new Error(`dangling references: ${[...missing].join(', ')}`);
  return names;
}

const ENUM_PARAGRAPH = '\n\nPossible enum values:';

/** Adds enum + description from the enum-enabled definition where the 1.32 text is unchanged. */
function overlayEnums(field: Json, later: Json | undefined): number {
  if (!later || !Array.isArray(later.enum) || typeof later.description !== 'string' || typeof field.description !== 'string') return 0;
  const at = later.description.indexOf(ENUM_PARAGRAPH);
  if (at < 0 || later.description.slice(0, at) !== field.description) return 0;
  field.description = later.description;
  field.enum = later.enum;
  return 1;
}

function overlayAll(definitions: Record<string, Json>, laterDefs: Record<string, Json>): number {
  let count = 0;
  for (const [name, def] of Object.entries(definitions)) {
    const props = def.properties as Record<string, Json> | undefined;
    const laterProps = laterDefs[name]?.properties as Record<string, Json> | undefined;
    if (!props || !laterProps) continue;
    for (const [field, schema] of Object.entries(props)) {
      count += overlayEnums(schema, laterProps[field]);
      const items = schema.items as Json | undefined;
      if (items) count += overlayEnums(items, laterProps[field]?.items as Json | undefined);
    }
  }
  return count;
}

const v3Dir = arg('--v3');
const v2 = JSON.parse(readFileSync(arg('--v2'), 'utf8')) as Json;
const enums = JSON.parse(readFileSync(arg('--enums'), 'utf8')) as Json;
const laterDefs = enums.definitions as Record<string, Json>;

const v3Paths: Record<string, Json> = {};
const v3Schemas: Record<string, Json> = {};
const v2Paths: Record<string, Json> = {};
let v3Frame: Json | undefined;
const v2AllPaths = v2.paths as Record<string, Json>;

for (const [group, versions] of registry.groups()) {
  for (const version of versions) {
    const key = group ? `apis/${group}/${version}` : `api/${version}`;
    const file = join(v3Dir, `${key}.json`);
    if (!existsSync(file)) {
      console.log(`no upstream document for ${key} (served with the demo cluster's own schemas)`);
      continue;
    }
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Json;
    v3Frame ??= { openapi: doc.openapi, info: doc.info, securitySchemes: (doc.components as Json).securitySchemes };
    const types = registry.types.filter((t) => t.group === group && t.versions.includes(version));
    const base = `/${key}`;
    const paths = Object.fromEntries(Object.entries(doc.paths as Json).filter(([p]) => servesPath(types, base, p))) as Record<string, Json>;
    const schemas = (doc.components as Json).schemas as Record<string, Json>;
    for (const t of types) if (!paths[`${base}/${t.plural}`] && !paths[`${base}/namespaces/{namespace}/${t.plural}`]) throw new Error(`${key} has no paths for ${t.plural}`);
    for (const name of closure(paths, '#/components/schemas/', (n) => schemas[n])) {
      if (v3Schemas[name] && JSON.stringify(v3Schemas[name]) !== JSON.stringify(schemas[name])) throw new Error(`${name} differs between documents`);
      v3Schemas[name] = schemas[name];
    }
    v3Paths[key] = paths;
    for (const [p, item] of Object.entries(v2AllPaths)) if (servesPath(types, base, p)) v2Paths[p] = item;
  }
}

const v2Defs = v2.definitions as Record<string, Json>;
const v2Params = v2.parameters as Record<string, Json>;
const definitions = Object.fromEntries([...closure(v2Paths, '#/definitions/', (n) => v2Defs[n])].sort().map((n) => [n, v2Defs[n]]));
const parameters = Object.fromEntries([...closure(v2Paths, '#/parameters/', (n) => v2Params[n])].sort().map((n) => [n, v2Params[n]]));
const enumsV3 = overlayAll(v3Schemas, laterDefs);
const enumsV2 = overlayAll(definitions, laterDefs);

const out = {
  source: arg('--source'),
  v3: { frame: v3Frame, paths: v3Paths, schemas: Object.fromEntries(Object.keys(v3Schemas).sort().map((n) => [n, v3Schemas[n]])) },
  v2: { ...Object.fromEntries(Object.entries(v2).filter(([k]) => !['paths', 'definitions', 'parameters'].includes(k))), paths: v2Paths, definitions, parameters },
};
writeFileSync(new URL('./kubernetes-1.32.json', import.meta.url), JSON.stringify(out));
console.log(`v3: ${Object.keys(v3Paths).length} documents, ${Object.keys(v3Schemas).length} schemas, ${enumsV3} enum fields; v2: ${Object.keys(v2Paths).length} paths, ${Object.keys(definitions).length} definitions, ${enumsV2} enum fields`);
