/**
 * How server-side apply treats each list and map: the x-kubernetes-list-type /
 * list-map-keys / map-type markers of the kind's schema (the API server's own OpenAPI for
 * built-in kinds, the CRD's schema for custom resources). Where no schema describes a value
 * (a field the schema does not know, metadata of a custom resource) the markers k8s.io/api
 * declares are found by field name, as strategic merge (../patch/strategic.ts) finds its
 * merge keys; a list not named there is atomic, as a list without markers is.
 */
import type { SchemaNode } from '../openapi/schemaLookup.ts';


export type ListType = { type: 'atomic' } | { type: 'set' } | { type: 'map'; keys: readonly string[]; defaults?: Readonly<Record<string, unknown>> };

type Item = Record<string, unknown>;

const map = (keys: string[], defaults?: Record<string, unknown>): ListType => ({ type: 'map', keys, defaults });

/** `+listType=map` lists; ports key on port and protocol, protocol defaulting to TCP. */
const MAP_LISTS: Record<string, ListType | ((sample: Item) => ListType)> = {
  containers: map(['name']),
  initContainers: map(['name']),
  ephemeralContainers: map(['name']),
  volumes: map(['name']),
  env: map(['name']),
  volumeMounts: map(['mountPath']),
  volumeDevices: map(['devicePath']),
  imagePullSecrets: map(['name']),
  ports: (sample) => ('containerPort' in sample ? map(['containerPort', 'protocol'], { protocol: 'TCP' }) : map(['port', 'protocol'], { protocol: 'TCP' })),
  ownerReferences: map(['uid']),
  conditions: map(['type']),
  hostAliases: map(['ip']),
  topologySpreadConstraints: map(['topologyKey', 'whenUnsatisfiable']),
  resourceClaims: map(['name']),
  schedulingGates: map(['name']),
  containerStatuses: map(['name']),
  initContainerStatuses: map(['name']),
};

/** `+listType=set` lists of scalars. */
const SET_LISTS = new Set(['finalizers']);

/** Maps and structs declared atomic (`+mapType=atomic`, `+structType=atomic`): owned as one value. */
const ATOMIC_MAPS = new Set(['selector', 'nodeSelector', 'labelSelector', 'namespaceSelector']);

/** The list type of `field`, from `schema` (the list's own schema) when there is one. */
export function listTypeOf(field: string, items: readonly unknown[], schema?: SchemaNode): ListType {
  if (schema?.type === 'array') {
    if (schema.listType === 'set') return { type: 'set' };
    if (schema.listType !== 'map' || schema.listMapKeys.length === 0) return { type: 'atomic' };
    const item = schema.items();
    const defaults: Record<string, unknown> = {};
    for (const k of schema.listMapKeys) {
      const d = item?.field(k)?.default;
      if (d !== undefined) defaults[k] = d;
    }
    return map([...schema.listMapKeys], Object.keys(defaults).length ? defaults : undefined);
  }
  if (SET_LISTS.has(field)) return { type: 'set' };
  const rule = MAP_LISTS[field];
  if (!rule) return { type: 'atomic' };
  if (typeof rule !== 'function') return rule;
  const sample = items.find((i): i is Item => typeof i === 'object' && i !== null && !Array.isArray(i));
  return sample ? rule(sample) : { type: 'atomic' };
}

/** A map or struct owned as one value (`schema`: the value's own schema, when there is one). */
export function isAtomicMap(field: string, schema?: SchemaNode): boolean {
  if (schema?.type === 'object') return schema.mapType === 'atomic';
  return ATOMIC_MAPS.has(field);
}

/** The schema of a field of an object (or of any key of a map), when the object has one. */
export const fieldSchema = (schema: SchemaNode | undefined, field: string): SchemaNode | undefined => (schema?.type === 'object' ? schema.field(field) : undefined);

/** The schema of a list's items. */
export const itemSchema = (schema: SchemaNode | undefined): SchemaNode | undefined => (schema?.type === 'array' ? schema.items() : undefined);

/** The `k:` path element of a list-map item: its key fields, sorted, defaults filled in. */
export function keyElement(t: Extract<ListType, { type: 'map' }>, item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const key: Record<string, unknown> = {};
  for (const k of [...t.keys].sort()) {
    const v = (item as Item)[k] ?? t.defaults?.[k];
    if (v !== undefined) key[k] = v;
  }
  if (Object.keys(key).length === 0) return undefined;
  return `k:${JSON.stringify(key)}`;
}

/** The path element of list item `i` under this list type. */
export function itemElement(t: ListType, item: unknown, i: number): string {
  if (t.type === 'set') return `v:${JSON.stringify(item)}`;
  if (t.type === 'map') return keyElement(t, item) ?? `i:${i}`;
  return `i:${i}`;
}
