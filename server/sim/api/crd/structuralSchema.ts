import type { FieldErrors } from '../admission/fieldErrors.ts';
import type { JsonSchema } from './definitionTypes.ts';
import { patternError } from './schemaValidation.ts';

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

/**
 * The structural-schema rules apiextensions applies to a CRD's openAPIV3Schema (schema
 * validation.go and ValidateCustomResourceDefinitionOpenAPISchema), in their words: a type on
 * every node (object at the root), properties and additionalProperties apart, no uniqueItems,
 * patterns that compile, preserve-unknown-fields true or unset.
 */
export function validateSchemaShape(errs: FieldErrors, schema: JsonSchema, path: string, statusEnabled: boolean): void {
  if (!schema.type) errs.required(`${path}.type`, 'must not be empty at the root');
  else if (schema.type !== 'object') errs.invalid(`${path}.type`, schema.type, statusEnabled ? 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled' : 'must be object at the root');
  const meta = schema.properties?.metadata;
  if (meta && Object.keys(meta).some((k) => k !== 'type' && k !== 'description' && k !== 'properties')) {
    errs.forbidden(`${path}.properties[metadata]`, 'must not specify anything other than name and generateName, but metadata is implicitly specified');
  }
  walk(errs, schema, path, true);
}

function walk(errs: FieldErrors, s: JsonSchema, path: string, root: boolean): void {
  const preserve = s['x-kubernetes-preserve-unknown-fields'];
  if (s.type && !TYPES.includes(s.type)) errs.notSupported(`${path}.type`, s.type, TYPES);
  if (preserve === false) errs.invalid(`${path}.x-kubernetes-preserve-unknown-fields`, false, 'must be true or undefined');
  if (s.uniqueItems === true) errs.forbidden(`${path}.uniqueItems`, 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic');
  if (s.pattern !== undefined) {
    const problem = patternError(String(s.pattern));
    if (problem) errs.invalid(`${path}.pattern`, s.pattern, `must be a valid regular expression, but isn't: ${problem}`);
  }
  if (s.properties && s.additionalProperties !== undefined && s.additionalProperties !== true) {
    errs.forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive');
  }
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    const p = `${path}.properties[${key}]`;
    if (!prop.type && !prop['x-kubernetes-int-or-string'] && !prop['x-kubernetes-preserve-unknown-fields']) {
      errs.required(`${p}.type`, 'must not be empty for specified object fields');
    }
    walk(errs, prop, p, false);
  }
  if (s.items) {
    if (!s.items.type && !s.items['x-kubernetes-int-or-string'] && !s.items['x-kubernetes-preserve-unknown-fields']) {
      errs.required(`${path}.items.type`, 'must not be empty for specified array items');
    }
    walk(errs, s.items, `${path}.items`, false);
  } else if (s.type === 'array' && !root) {
    errs.required(`${path}.items`, 'must be specified');
  }
  if (typeof s.additionalProperties === 'object') walk(errs, s.additionalProperties, `${path}.additionalProperties`, false);
}
