import { badRequest } from '../../../kube/status.ts';
import { isObject, type Json } from './merge.ts';

/**
 * Merge keys of the lists that strategic merge patch merges instead of replacing, by
 * field name (the patchMergeKey tags of the core and apps types). `ports` merge by
 * containerPort in containers and by port in services.
 */
const MERGE_KEYS: Record<string, string | ((item: Json) => string)> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  ports: (item) => (isObject(item) && 'containerPort' in item ? 'containerPort' : 'port'),
  ownerReferences: 'uid',
  conditions: 'type',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

/** Primitive lists with patchStrategy merge (a set). */
const MERGED_PRIMITIVES = new Set(['finalizers']);

function mergeKey(field: string, sample: Json): string | undefined {
  const k = MERGE_KEYS[field];
  return typeof k === 'function' ? k(sample) : k;
}

function mergeList(field: string, target: Json[] | undefined, patch: Json[]): Json[] {
  const sample = patch.find((p) => isObject(p) && p['$patch'] === undefined) ?? patch[0] ?? target?.[0];
  const key = sample === undefined ? undefined : mergeKey(field, sample);
  if (!key) {
    if (MERGED_PRIMITIVES.has(field) && patch.every((p) => !isObject(p))) {
      const out = [...(target ?? [])];
      for (const p of patch) if (!out.includes(p)) out.push(p);
      return out;
    }
    // Lists without a merge key (tolerations, args, command, ...) are replaced.
    return patch.filter((p) => !(isObject(p) && p['$patch'] === 'replace'));
  }
  if (patch.some((p) => isObject(p) && p['$patch'] === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p['$patch'] === 'replace'));
  }
  const out: Json[] = [...(target ?? [])];
  for (const item of patch) {
    if (!isObject(item)) throw badRequest(`json: cannot unmarshal ${typeof item} into Go value of type map[string]interface {}`);
    const id = item[key];
    const at = out.findIndex((o) => isObject(o) && o[key] === id);
    if (item['$patch'] === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (at >= 0) out[at] = strategicMerge(out[at], item);
    else out.push(strategicMerge(undefined, item));
  }
  return out;
}

/**
 * Strategic merge patch for the common cases: keyed list merge, `$patch: delete|replace`,
 * `$retainKeys`, `$deleteFromPrimitiveList/<field>`; `$setElementOrder` is accepted and ignored.
 */
export function strategicMerge(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  if (patch['$patch'] === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (patch['$patch'] === 'delete') return {};
  let out: { [key: string]: Json } = isObject(target) ? { ...target } : {};
  const retain = patch['$retainKeys'];
  if (Array.isArray(retain)) {
    const keep = new Set(retain.map(String));
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$retainKeys' || k === '$patch' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(v)) out[field] = cur.filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(k, Array.isArray(out[k]) ? (out[k] as Json[]) : undefined, v);
    else if (isObject(v)) {
      if (v['$patch'] === 'delete') delete out[k];
      else out[k] = strategicMerge(out[k], v);
    } else out[k] = v;
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('$')).map(([k, x]) => [k, stripDirectives(x)]));
}
