import type { JsonSchema } from './definitionTypes.ts';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields every object keeps at its root whatever the schema says (apiextensions' pruning skips them). */
const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Drop the fields a structural schema does not declare, in place, as kube-apiserver's pruning
 * (structuralpruning.Prune) does for CRDs: unless x-kubernetes-preserve-unknown-fields is set,
 * an object keeps only its `properties` (or every key when it has `additionalProperties`).
 * Returns the paths pruned (`.spec.foo`), for the "unknown field" warnings and strict errors.
 */
export function pruneUnknownFields(obj: JsonObject, schema: JsonSchema): string[] {
  const pruned: string[] = [];
  pruneObject(obj, schema, '', pruned, true);
  return pruned;
}

function pruneValue(value: unknown, schema: JsonSchema | undefined, path: string, pruned: string[]): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => pruneValue(item, schema.items, `${path}[${i}]`, pruned));
    return;
  }
  if (isObject(value)) pruneObject(value, schema, path, pruned, false);
}

function pruneObject(obj: JsonObject, schema: JsonSchema, path: string, pruned: string[], root: boolean): void {
  // An embedded resource keeps apiVersion, kind and metadata like the root does.
  const keepTypeMeta = root || schema['x-kubernetes-embedded-resource'] === true;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const additional = schema.additionalProperties;
  for (const key of Object.keys(obj)) {
    const child = `${path}.${key}`;
    const declared = schema.properties?.[key];
    if (declared) {
      pruneValue(obj[key], declared, child, pruned);
    } else if (typeof additional === 'object') {
      pruneValue(obj[key], additional, child, pruned);
    } else if (keepTypeMeta && ROOT_FIELDS.has(key)) {
      continue;
    } else if (!preserve && additional !== true) {
      delete obj[key];
      pruned.push(child);
    }
  }
}
