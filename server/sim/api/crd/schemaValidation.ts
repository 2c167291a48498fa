import type { FieldCause } from '../admission/fieldErrors.ts';
import { goValue } from '../admission/fieldErrors.ts';
import type { JsonSchema } from './definitionTypes.ts';

/** The JSON type name kube-openapi reports for a value. */
function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

const invalid = (field: string, value: unknown, detail: string): FieldCause => ({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${goValue(value)}: ${detail}` });

/** Go's utf8.RuneCountInString: code points, not UTF-16 units. */
const runes = (s: string) => [...s].length;

/**
 * Validate `value` at `path` against a CRD's structural schema, worded as kube-openapi's
 * validator turned into field errors by apiextensions' kubeOpenAPIResultToFieldErrors
 * ("<path> in body must be of type integer: \"string\"", "should be greater than or equal to").
 */
export function validateAgainstSchema(value: unknown, schema: JsonSchema, path: string, out: FieldCause[]): void {
  if (value === null || value === undefined) {
    if (schema.nullable || value === undefined) return;
  }
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  if (intOrString) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
      out.push({ reason: 'FieldValueTypeInvalid', field: path, message: `Invalid value: ${JSON.stringify(typeName(value))}: ${path} in body must be of type integer,string: ${JSON.stringify(typeName(value))}` });
      return;
    }
  } else if (schema.type && !typeMatches(schema.type, value)) {
    const actual = typeName(value);
    out.push({ reason: 'FieldValueTypeInvalid', field: path, message: `Invalid value: ${JSON.stringify(actual)}: ${path} in body must be of type ${schema.type}: ${JSON.stringify(actual)}` });
    return;
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    const list = schema.enum.map((e) => JSON.stringify(typeof e === 'string' ? e : JSON.stringify(e))).join(', ');
    out.push({ reason: 'FieldValueNotSupported', field: path, message: `Unsupported value: ${goValue(value)}: supported values: ${list}` });
  }
  if (typeof value === 'number') numberRules(value, schema, path, out);
  if (typeof value === 'string') stringRules(value, schema, path, out);
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      out.push({ reason: 'FieldValueTooMany', field: path, message: `Too many: ${value.length}: must have at most ${schema.maxItems} items` });
    }
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(invalid(path, value.length, `${path} in body should have at least ${schema.minItems} items`));
    if (schema.items) value.forEach((item, i) => validateAgainstSchema(item, schema.items as JsonSchema, `${path}[${i}]`, out));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) objectRules(value as Record<string, unknown>, schema, path, out);
}

function numberRules(value: number, schema: JsonSchema, path: string, out: FieldCause[]): void {
  if (schema.maximum !== undefined) {
    if (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum) {
      out.push(invalid(path, value, `${path} in body should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}`));
    }
  }
  if (schema.minimum !== undefined) {
    if (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum) {
      out.push(invalid(path, value, `${path} in body should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}`));
    }
  }
}

function stringRules(value: string, schema: JsonSchema, path: string, out: FieldCause[]): void {
  if (schema.maxLength !== undefined && runes(value) > schema.maxLength) {
    // field.TooLong omits the value from the message.
    out.push({ reason: 'FieldValueTooLong', field: path, message: `Too long: may not be more than ${schema.maxLength} ${schema.maxLength === 1 ? 'byte' : 'bytes'}` });
  }
  if (schema.minLength !== undefined && runes(value) < schema.minLength) out.push(invalid(path, value, `${path} in body should be at least ${schema.minLength} chars long`));
  if (schema.pattern !== undefined && !patternOf(schema.pattern).test(value)) out.push(invalid(path, value, `${path} in body should match '${schema.pattern}'`));
}

const patterns = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source, 'u');
    patterns.set(source, re);
  }
  return re;
}

function objectRules(value: Record<string, unknown>, schema: JsonSchema, path: string, out: FieldCause[]): void {
  const child = (k: string) => (path ? `${path}.${k}` : k);
  for (const r of schema.required ?? []) if (!(r in value)) out.push({ reason: 'FieldValueRequired', field: child(r), message: 'Required value' });
  for (const [k, v] of Object.entries(value)) {
    const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (sub) validateAgainstSchema(v, sub, child(k), out);
  }
}

/** Whether a pattern compiles (CRD validation refuses one that does not). */
export function patternError(source: string): string | undefined {
  try {
    patternOf(source);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
