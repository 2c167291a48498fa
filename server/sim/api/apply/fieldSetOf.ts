import { isDeepStrictEqual } from 'node:util';
import { FieldSet } from './fieldSet.ts';
import type { SchemaNode } from '../openapi/schemaLookup.ts';
import { fieldSchema, isAtomicMap, itemElement, itemSchema, listTypeOf } from './listTypes.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields an applied configuration sets (typed.TypedValue.ToFieldSet): every scalar, every
 * atomic list or map, every empty or null value, and every item of a set or keyed list.
 */
export function fieldSetOf(config: unknown, schema?: SchemaNode): FieldSet {
  const out = new FieldSet();
  if (isObj(config)) visitMap(config, [], out, schema);
  return out;
}

function visit(field: string, v: unknown, path: string[], out: FieldSet, schema: SchemaNode | undefined): void {
  if (Array.isArray(v)) {
    const t = listTypeOf(field, v, schema);
    if (t.type === 'atomic') return out.insert(path);
    const items = itemSchema(schema);
    v.forEach((item, i) => {
      const at = [...path, itemElement(t, item, i)];
      if (isObj(item)) visitMap(item, at, out, items);
      out.insert(at);
    });
    return;
  }
  if (isObj(v)) {
    if (isAtomicMap(field, schema) || Object.keys(v).length === 0) return out.insert(path);
    visitMap(v, path, out, schema);
    return;
  }
  out.insert(path);
}

function visitMap(m: Obj, path: string[], out: FieldSet, schema: SchemaNode | undefined): void {
  for (const [k, v] of Object.entries(m)) if (v !== undefined) visit(k, v, [...path, `f:${k}`], out, fieldSchema(schema, k));
}

/** What changed from `lhs` to `rhs` (typed.Comparison): Added and Modified together, and Removed. */
export interface Comparison {
  changed: FieldSet;
  removed: FieldSet;
}

/**
 * compare.go: a leaf (scalar, atomic value, or a value empty on both sides) is added, modified
 * or removed; a node that is not a leaf is itself added when absent on the left, removed when
 * absent on the right. A `null` counts as present, as the zero values of Go structs do.
 */
export function compare(lhs: unknown, rhs: unknown, schema?: SchemaNode): Comparison {
  const c: Comparison = { changed: new FieldSet(), removed: new FieldSet() };
  compareMap(isObj(lhs) ? lhs : {}, isObj(rhs) ? rhs : {}, [], c, schema);
  return c;
}

function leaf(l: unknown, r: unknown, path: string[], c: Comparison): void {
  if (l === undefined) c.changed.insert(path);
  else if (r === undefined) c.removed.insert(path);
  else if (!isDeepStrictEqual(l, r)) c.changed.insert(path);
}

const emptyish = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);

function compareValue(field: string, l: unknown, r: unknown, path: string[], c: Comparison, schema: SchemaNode | undefined): void {
  if (l === undefined && r === undefined) return;
  const list = Array.isArray(l) || Array.isArray(r);
  const map = !list && (isObj(l) || isObj(r));
  if (!list && !map) return leaf(l, r, path, c);
  if (emptyish(l) && emptyish(r)) return leaf(l, r, path, c);
  if (list) {
    const ll = Array.isArray(l) ? l : [];
    const rl = Array.isArray(r) ? r : [];
    const t = listTypeOf(field, rl.length ? rl : ll, schema);
    const items = itemSchema(schema);
    if (t.type === 'atomic' || (l !== undefined && l !== null && !Array.isArray(l)) || (r !== undefined && r !== null && !Array.isArray(r))) return leaf(l, r, path, c);
    const left = new Map(ll.map((item, i) => [itemElement(t, item, i), item] as const));
    const right = new Map(rl.map((item, i) => [itemElement(t, item, i), item] as const));
    for (const pe of new Set([...left.keys(), ...right.keys()])) {
      const li = left.get(pe);
      const ri = right.get(pe);
      const at = [...path, pe];
      if (isObj(li) || isObj(ri)) {
        compareMap(isObj(li) ? li : {}, isObj(ri) ? ri : {}, at, c, items);
        if (li === undefined) c.changed.insert(at);
        else if (ri === undefined) c.removed.insert(at);
      } else leaf(li, ri, at, c);
    }
  } else {
    if (isAtomicMap(field, schema) || (l !== undefined && l !== null && !isObj(l)) || (r !== undefined && r !== null && !isObj(r))) return leaf(l, r, path, c);
    compareMap(isObj(l) ? l : {}, isObj(r) ? r : {}, path, c, schema);
  }
  if (l === undefined) c.changed.insert(path);
  else if (r === undefined) c.removed.insert(path);
}

function compareMap(l: Obj, r: Obj, path: string[], c: Comparison, schema: SchemaNode | undefined): void {
  const keys = new Set([...Object.keys(l), ...Object.keys(r)]);
  for (const k of keys) compareValue(k, l[k], r[k], [...path, `f:${k}`], c, fieldSchema(schema, k));
}

/**
 * The decoded zero value of a kind's Go struct, as the API server compares a created object
 * with: top-level structs (spec, status, metadata with a null creationTimestamp), and the
 * non-pointer structs of pod templates, so that their fields are added but they are not.
 */
export function zeroLike(obj: unknown): Obj {
  const zero: Obj = { metadata: { creationTimestamp: null } };
  if (!isObj(obj)) return zero;
  const template = (t: unknown): Obj => {
    const out: Obj = { metadata: { creationTimestamp: null }, spec: { containers: null } };
    if (isObj(t) && isObj(t.spec) && isObj(t.spec.template)) out.spec = { ...(out.spec as Obj), template: template(t.spec.template) };
    return out;
  };
  if (isObj(obj.spec)) {
    const spec: Obj = {};
    const s = obj.spec;
    if ('template' in s) spec.template = template(s.template);
    if ('jobTemplate' in s) spec.jobTemplate = { metadata: { creationTimestamp: null }, spec: { template: template(undefined) } };
    for (const k of ['strategy', 'updateStrategy']) if (k in s) spec[k] = {};
    if ('selector' in s && isObj(s.selector) && ('matchLabels' in s.selector || 'matchExpressions' in s.selector)) spec.selector = null;
    if (Array.isArray(s.containers)) spec.containers = null;
    zero.spec = spec;
  }
  if ('status' in obj) zero.status = {};
  return zero;
}
