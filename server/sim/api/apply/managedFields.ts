import { rfc3339 } from '../../../kube/object.ts';
import { FieldSet, type FieldsV1 } from './fieldSet.ts';

export type Operation = 'Apply' | 'Update';

/** metav1.ManagedFieldsEntry as it travels in metadata.managedFields. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: Operation;
  apiVersion?: string;
  time?: string;
  fieldsType?: 'FieldsV1';
  fieldsV1?: FieldsV1;
  subresource?: string;
}

/** One manager's fields; `id` is BuildManagerIdentifier's JSON (no time, no apiVersion for Apply). */
export interface Manager {
  id: string;
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

export type Managers = Map<string, Manager>;

/** BuildManagerIdentifier: the entry without time and fields, and without apiVersion for appliers. */
export function managerId(manager: string, operation: Operation, apiVersion: string, subresource?: string): string {
  // Go marshals ManagedFieldsEntry fields in declaration order, omitting empty ones.
  const id: Record<string, string> = { manager, operation };
  if (operation === 'Update') id.apiVersion = apiVersion;
  if (subresource) id.subresource = subresource;
  return JSON.stringify(id);
}

export function decodeManagedFields(entries: unknown): Managers {
  const out: Managers = new Map();
  if (!Array.isArray(entries)) return out;
  for (const e of entries as ManagedFieldsEntry[]) {
    if (!e || typeof e !== 'object' || !e.manager || (e.operation !== 'Apply' && e.operation !== 'Update')) continue;
    const id = managerId(e.manager, e.operation, e.apiVersion ?? '', e.subresource);
    const set = FieldSet.fromFieldsV1(e.fieldsV1);
    // Duplicate entries are refused by the real server's validation; here the first wins.
    if (!out.has(id)) out.set(id, { id, manager: e.manager, operation: e.operation, apiVersion: e.apiVersion ?? '', subresource: e.subresource || undefined, time: e.time, set });
  }
  return out;
}

/**
 * The managedFields list: one entry per manager with fields, sorted as sortEncodedManagedFields
 * sorts (operation, time, manager, apiVersion, subresource). Managers whose set changed since
 * `before` get the current time.
 */
export function encodeManagedFields(managers: Managers, before: Managers, now = rfc3339()): ManagedFieldsEntry[] {
  const out: ManagedFieldsEntry[] = [];
  for (const m of managers.values()) {
    if (m.set.empty) continue;
    const old = before.get(m.id);
    const time = old && old.set.equals(m.set) && old.time ? old.time : now;
    const entry: ManagedFieldsEntry = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: m.set.toFieldsV1() };
    if (m.subresource) entry.subresource = m.subresource;
    out.push(entry);
  }
  const cmp = (a = '', b = ''): number => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((p, q) => cmp(p.operation, q.operation) || cmp(p.time, q.time) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource, q.subresource));
}

/** prefixFromUserAgent: the User-Agent up to its first `/`, printable characters only, at most 128 bytes. */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const head = (userAgent ?? '').split('/')[0];
  let out = '';
  for (const ch of head) {
    if (!/\P{C}/u.test(ch)) continue;
    if (Buffer.byteLength(out + ch) > 128) break;
    out += ch;
  }
  return out;
}
