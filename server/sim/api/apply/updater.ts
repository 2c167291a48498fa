import { ApiError } from '../../../kube/status.ts';
import type { SchemaNode } from '../openapi/schemaLookup.ts';
import { FieldSet, pathString } from './fieldSet.ts';
import { compare, fieldSetOf, type Comparison } from './fieldSetOf.ts';
import { managerId, type Managers, type Operation } from './managedFields.ts';
import { mergeApplied, pruneUnowned } from './mergeApplied.ts';

/** Who writes and how: the manager's name, the request's apiVersion and subresource. */
export interface Writer {
  manager: string;
  apiVersion: string;
  subresource?: string;
}

/** Fields no manager owns (stripMeta), and those a write to the main resource or to status resets. */
function ignoredFields(subresource: string | undefined): FieldSet {
  const s = new FieldSet();
  for (const f of ['apiVersion', 'kind']) s.insert([`f:${f}`]);
  for (const f of ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']) s.insert(['f:metadata', `f:${f}`]);
  if (subresource === 'status') {
    s.insert(['f:spec']);
    s.insert(['f:metadata']);
  } else s.insert(['f:status']);
  return s;
}

interface Conflict {
  manager: string;
  path: string[];
}

/** printManager: the name, the subresource, and for updaters the apiVersion. */
function printManager(id: string): string {
  const e = JSON.parse(id) as { manager: string; operation: Operation; apiVersion?: string; subresource?: string };
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  return e.operation === 'Update' ? `${s} using ${e.apiVersion}` : s;
}

/** NewConflictError: 409 Conflict, one FieldManagerConflict cause per field. */
export function conflictError(conflicts: Conflict[]): ApiError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) }));
  let message: string;
  if (conflicts.length === 1) message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  else {
    const lines: string[] = [];
    for (const m of [...new Set(conflicts.map((c) => c.manager))].sort()) {
      lines.push(`conflicts with ${printManager(m)}:`);
      for (const c of conflicts) if (c.manager === m) lines.push(`- ${pathString(c.path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}

/**
 * Updater.update: fields others own that this write changes are conflicts (taken from them
 * when forced), and fields it removes leave every other manager.
 */
function settle(cmp: Comparison, managers: Managers, self: string, force: boolean, allowed?: FieldSet): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const m of [...managers.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (m.id === self) continue;
    const clash = m.set.intersection(cmp.changed);
    if (!clash.empty && !force) for (const path of clash.paths()) if (!allowed?.has(path)) conflicts.push({ manager: m.id, path });
    if (force) m.set = m.set.difference(clash);
    m.set = m.set.difference(cmp.removed);
  }
  return conflicts;
}

function copyManagers(managers: Managers): Managers {
  return new Map([...managers].map(([id, m]) => [id, { ...m, set: m.set.copy() }]));
}

/**
 * Updater.Update: the writer owns what it added or changed; others lose what it changed or
 * removed. `schema`: the kind's, for list types and atomic maps.
 */
export function recordUpdate(live: unknown, next: unknown, managers: Managers, w: Writer, schema?: SchemaNode): Managers {
  const out = copyManagers(managers);
  const ignored = ignoredFields(w.subresource);
  const raw = compare(live, next, schema);
  const cmp = { changed: raw.changed.recursiveDifference(ignored), removed: raw.removed.recursiveDifference(ignored) };
  settle(cmp, out, '', true);
  const id = managerId(w.manager, 'Update', w.apiVersion, w.subresource);
  const prev = out.get(id);
  const set = (prev?.set ?? new FieldSet()).difference(cmp.removed).union(cmp.changed);
  out.set(id, { id, manager: w.manager, operation: 'Update', apiVersion: w.apiVersion, subresource: w.subresource, time: prev?.time, set });
  for (const [k, m] of out) if (m.set.empty) out.delete(k);
  return out;
}

export interface Applied {
  object: Record<string, unknown>;
  managers: Managers;
}

/**
 * Updater.Apply: the configuration merged into the live object; fields the manager stopped
 * applying and nobody else owns pruned; a changed field another manager owns is a conflict
 * unless forced, or `allowed` (fields kubectl's client-side apply last set to today's value).
 */
export function recordApply(live: Record<string, unknown>, config: Record<string, unknown>, managers: Managers, w: Writer, force: boolean, schema?: SchemaNode, allowed?: FieldSet): Applied {
  const out = copyManagers(managers);
  const ignored = ignoredFields(w.subresource);
  const id = managerId(w.manager, 'Apply', w.apiVersion, w.subresource);
  const last = out.get(id);
  const set = fieldSetOf(config, schema).recursiveDifference(ignored);
  out.set(id, { id, manager: w.manager, operation: 'Apply', apiVersion: w.apiVersion, subresource: w.subresource, time: last?.time, set });
  let merged = mergeApplied(live, config, schema) as Record<string, unknown>;
  if (last && !last.set.empty) {
    let owned = new FieldSet();
    for (const m of out.values()) owned = owned.union(m.set);
    merged = pruneUnowned(merged, last.set.difference(set), owned, schema);
  }
  const raw = compare(live, merged, schema);
  const cmp = { changed: raw.changed.recursiveDifference(ignored), removed: raw.removed.recursiveDifference(ignored) };
  const conflicts = settle(cmp, out, id, force, allowed);
  if (conflicts.length) {
    // Conflicts the client-side-apply upgrade allows alone do not stop the apply: it is then forced.
    throw conflictError(conflicts);
  }
  if (allowed && !force) {
    const clashing = [...out.values()].some((m) => m.id !== id && !m.set.intersection(cmp.changed).empty);
    if (clashing) settle(cmp, out, id, true);
  }
  for (const [k, m] of out) if (m.set.empty) out.delete(k);
  return { object: merged, managers: out };
}
