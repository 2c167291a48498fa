import { FieldSet } from './fieldSet.ts';
import type { SchemaNode } from '../openapi/schemaLookup.ts';
import { fieldSchema, isAtomicMap, itemElement, itemSchema, listTypeOf } from './listTypes.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * typed.TypedValue.Merge: the applied configuration laid over the live object. Maps merge
 * field by field, keyed lists and sets item by item (live order kept, new items appended),
 * atomic lists and maps and scalars are replaced. A null in the configuration unsets.
 */
export function mergeApplied(live: unknown, config: unknown, schema?: SchemaNode, field = ''): unknown {
  if (config === null) return undefined;
  if (Array.isArray(config)) {
    if (!Array.isArray(live)) return structuredClone(config);
    const t = listTypeOf(field, config.length ? config : live, schema);
    const items = itemSchema(schema);
    if (t.type === 'atomic') return structuredClone(config);
    const out = [...live];
    const at = new Map(out.map((item, i) => [itemElement(t, item, i), i] as const));
    config.forEach((item, i) => {
      const pe = itemElement(t, item, i);
      const j = at.get(pe);
      if (j === undefined) {
        at.set(pe, out.length);
        out.push(structuredClone(item));
      } else out[j] = mergeApplied(out[j], item, items, field);
    });
    return out;
  }
  if (isObj(config)) {
    if (!isObj(live) || isAtomicMap(field, schema)) return stripNulls(structuredClone(config));
    const out: Obj = { ...live };
    for (const [k, v] of Object.entries(config)) {
      const merged = mergeApplied(out[k], v, fieldSchema(schema, k), k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  return config;
}

function stripNulls(o: Obj): Obj {
  for (const [k, v] of Object.entries(o)) {
    if (v === null) delete o[k];
    else if (isObj(v)) stripNulls(v);
  }
  return o;
}

/**
 * Updater.prune: fields the manager applied last time and applies no more, and that no
 * manager (this one included, with its new configuration) still owns, leave the object.
 */
export function pruneUnowned(obj: Obj, dropped: FieldSet, owned: FieldSet, schema?: SchemaNode): Obj {
  return pruneMap(obj, dropped, owned, schema) ?? {};
}

function pruneMap(m: Obj, dropped: FieldSet, owned: FieldSet, schema: SchemaNode | undefined): Obj | undefined {
  let out: Obj | undefined;
  for (const [k, v] of Object.entries(m)) {
    const pe = `f:${k}`;
    const next = pruneValue(k, v, pe, dropped, owned, fieldSchema(schema, k));
    if (next === v) continue;
    out ??= { ...m };
    if (next === undefined) delete out[k];
    else out[k] = next;
  }
  return out ?? m;
}

function pruneValue(field: string, v: unknown, pe: string, dropped: FieldSet, owned: FieldSet, schema: SchemaNode | undefined): unknown {
  const ownedBelow = owned.at([pe]);
  if (dropped.members.has(pe) && !owned.members.has(pe) && ownedBelow.empty) return undefined;
  const droppedBelow = dropped.children.get(pe);
  if (!droppedBelow) return v;
  if (Array.isArray(v)) {
    const t = listTypeOf(field, v, schema);
    if (t.type === 'atomic') return v;
    const items = itemSchema(schema);
    let changed = false;
    const out: unknown[] = [];
    v.forEach((item, i) => {
      const ipe = itemElement(t, item, i);
      const next = pruneValue(field, item, ipe, droppedBelow, ownedBelow, items);
      if (next !== item) changed = true;
      if (next !== undefined) out.push(next);
    });
    return changed ? out : v;
  }
  if (isObj(v)) return pruneMap(v, droppedBelow, ownedBelow, schema);
  return v;
}
