import { clone } from '../../../kube/object.ts';
import type { JsonSchema } from './definitionTypes.ts';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Fill in `default` values of a structural schema, in place, as apiextensions' structural
 * defaulting does: a missing property (or a null one that is not nullable) takes its default,
 * then defaulting goes on inside it; array items and additionalProperties values are walked too.
 */
export function applyDefaults(value: unknown, schema: JsonSchema | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) applyDefaults(item, schema.items);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const missing = !(key in value) || (value[key] === null && !prop.nullable);
    if (missing && prop.default !== undefined) value[key] = clone(prop.default);
    if (key in value) applyDefaults(value[key], prop);
  }
  const additional = schema.additionalProperties;
  if (typeof additional === 'object') {
    for (const [key, v] of Object.entries(value)) if (!schema.properties?.[key]) applyDefaults(v, additional);
  }
}
