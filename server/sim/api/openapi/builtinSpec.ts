import { createRequire } from 'node:module';
import { METRICS_SCHEMAS } from './metricsSchemas.ts';

/** An OpenAPI schema, parameter or path item as JSON (v2 or v3). */
export type Schema = Record<string, unknown>;

/**
 * data/kubernetes-1.32.json, written by data/extractSchemas.ts: the OpenAPI text of a real
 * Kubernetes 1.32 API server for the built-in resources the demo cluster serves.
 */
export interface BuiltinSpec {
  /** Where the text comes from (repositories, commits, files). */
  source: string;
  v3: {
    /** Top-level fields every group-version document shares: openapi, info, securitySchemes. */
    frame: { openapi: string; info: Schema; securitySchemes: Schema };
    /** Paths of each group-version document, keyed `api/v1`, `apis/apps/v1`... */
    paths: Record<string, Record<string, Schema>>;
    /** components.schemas of every document (a definition reads the same in each). */
    schemas: Record<string, Schema>;
  };
  /** The /openapi/v2 document (swagger 2.0): paths, definitions, parameters, info, security. */
  v2: Schema & { paths: Record<string, Schema>; definitions: Record<string, Schema>; parameters: Record<string, Schema> };
}

let loaded: BuiltinSpec | undefined;

/**
 * The 1.32 spec, read on first use: about 4 MB of JSON the demo cluster does not need until a
 * client asks for /openapi or a write is validated, so start-up neither reads nor holds it.
 */
export function builtinSpec(): BuiltinSpec {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('./data/kubernetes-1.32.json') as BuiltinSpec;
    // metrics.k8s.io is metrics-server's; its definitions join the v3 ones (they reference ObjectMeta, Time, Quantity).
    Object.assign(loaded.v3.schemas, METRICS_SCHEMAS);
  }
  return loaded;
}

/** `group/version/kind` -> the v3 definition name carrying that x-kubernetes-group-version-kind. */
let kinds: Map<string, string> | undefined;

export const gvkKey = (group: string, version: string, kind: string): string => `${group}/${version}/${kind}`;

export function builtinDefinitionName(group: string, version: string, kind: string): string | undefined {
  if (!kinds) {
    kinds = new Map();
    for (const [name, schema] of Object.entries(builtinSpec().v3.schemas)) {
      const gvks = schema['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined;
      // DeleteOptions and WatchEvent list one GVK per group (kind DeleteOptions / WatchEvent); a served kind has one definition.
      for (const g of gvks ?? []) if (!kinds.has(gvkKey(g.group, g.version, g.kind))) kinds.set(gvkKey(g.group, g.version, g.kind), name);
    }
  }
  return kinds.get(gvkKey(group, version, kind));
}
