/**
 * Server-side apply types the applied configuration with the kind's schema before merging
 * (typeConverter.ObjectToTyped): a field the schema does not declare fails the apply, whatever
 * the fieldValidation directive, with structured-merge-diff's paths (`.spec.foo`,
 * `.spec.template.spec.containers[name="web"].foo`). kube-apiserver answers the plain error
 * as a 500 with reason Unknown (ErrorToAPIStatus of an error that is not a Status):
 *
 *   failed to create typed patch object (shop/web; apps/v1, Kind=Deployment): .spec.foo: field not declared in schema
 */
import { ApiError } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { SchemaNode } from '../openapi/schemaLookup.ts';
import { pathString } from './fieldSet.ts';
import { itemElement, listTypeOf } from './listTypes.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The paths of every field `config` sets that `schema` does not declare, in document order. */
export function undeclaredFields(config: Obj, schema: SchemaNode): string[] {
  const out: string[][] = [];
  visitMap(config, [], schema, out);
  return out.map(pathString);
}

function visitMap(m: Obj, path: string[], schema: SchemaNode, out: string[][]): void {
  if (schema.preservesUnknownFields) return;
  for (const [key, value] of Object.entries(m)) {
    const below = schema.field(key);
    const at = [...path, `f:${key}`];
    if (!below) out.push(at);
    else visit(key, value, at, below, out);
  }
}

function visit(field: string, value: unknown, path: string[], schema: SchemaNode, out: string[][]): void {
  if (Array.isArray(value)) {
    const items = schema.items();
    if (!items) return;
    const type = listTypeOf(field, value, schema);
    value.forEach((item, i) => {
      if (isObj(item)) visitMap(item, [...path, itemElement(type, item, i)], items, out);
    });
  } else if (isObj(value) && (schema.type === 'object' || schema.type === undefined)) {
    visitMap(value, path, schema, out);
  }
}

/** The apply's refusal, worded and coded as kube-apiserver 1.32 answers it. */
export function undeclaredFieldsError(config: KubeObject, paths: string[], name: string | undefined): ApiError {
  const [group, version] = (config.apiVersion ?? '').includes('/') ? (config.apiVersion ?? '').split('/') : ['', config.apiVersion ?? ''];
  const object = `${config.metadata?.namespace ?? ''}/${name ?? config.metadata?.name ?? ''}; ${group}/${version}, Kind=${config.kind ?? ''}`;
  const problems = paths.map((p) => `${p}: field not declared in schema`);
  const detail = problems.length === 1 ? problems[0] : `errors:\n  ${problems.join('\n  ')}`;
  return new ApiError(500, 'Unknown', `failed to create typed patch object (${object}): ${detail}`);
}
