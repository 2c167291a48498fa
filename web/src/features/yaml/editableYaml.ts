/**
 * The object as the operator edits it: YAML without `metadata.managedFields` (bookkeeping no
 * one edits by hand), and the edited text parsed back with the error pointed to by line.
 */
import { parseDocument, stringify } from 'yaml';

export interface KubeObjectLike {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; managedFields?: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

export function toEditableYaml(obj: KubeObjectLike): string {
  const copy = isSecret(obj) ? maskSecretValues(obj) : structuredClone(obj);
  if (copy.metadata) delete copy.metadata.managedFields;
  return stringify(copy);
}

/** A Secret's values show only through its data section's Reveal; its YAML is masked and not editable here. */
export function isSecret(obj: KubeObjectLike): boolean {
  return obj.kind === 'Secret' && (obj.apiVersion ?? 'v1') === 'v1';
}

/** Bytes a base64 string decodes to, without decoding it. */
function base64Bytes(b64: string): number {
  const clean = b64.replace(/[^A-Za-z0-9+/]/g, '');
  return Math.floor((clean.length * 3) / 4);
}

/** `data` and `stringData` values replaced by `<hidden: N bytes>`; everything else as it is. */
export function maskSecretValues(obj: KubeObjectLike): KubeObjectLike {
  const copy = structuredClone(obj);
  const mask = (field: 'data' | 'stringData', bytes: (v: string) => number) => {
    const values = copy[field];
    if (typeof values !== 'object' || values === null) return;
    copy[field] = Object.fromEntries(Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, `<hidden: ${bytes(String(v))} bytes>`]));
  };
  mask('data', base64Bytes);
  mask('stringData', (v) => new TextEncoder().encode(v).length);
  return copy;
}

export type Parsed = { ok: true; object: KubeObjectLike } | { ok: false; line?: number; column?: number; message: string };

/** Parses the edited text; the first problem comes back with its 1-based line and column. */
export function parseEdited(text: string, expected: { kind?: string; name?: string; namespace?: string }): Parsed {
  const doc = parseDocument(text);
  const problem = doc.errors[0];
  if (problem) {
    const at = problem.linePos?.[0];
    // The library's message repeats the position and quotes the source; keep its first sentence.
    const message = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, line: at?.line, column: at?.col, message };
  }
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, line: 1, column: 1, message: 'the document must be a mapping (an object)' };
  const object = value as KubeObjectLike;
  for (const [field, actual, wanted] of [
    ['kind', object.kind, expected.kind],
    ['metadata.name', object.metadata?.name, expected.name],
    ['metadata.namespace', object.metadata?.namespace, expected.namespace],
  ] as const) {
    if (wanted !== undefined && actual !== wanted) return { ok: false, message: `${field} must stay "${wanted}" (it is "${String(actual ?? '')}"); create a new object instead` };
  }
  return { ok: true, object };
}

type Json = unknown;
const isMap = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Rebases an edit onto the latest object: the fields the operator changed (base → edited) are
 * applied to `latest`, everything else (the external change) is kept, and the resourceVersion
 * becomes latest's so the write is checked against what was just read.
 */
export function rebaseEdit(base: KubeObjectLike, edited: KubeObjectLike, latest: KubeObjectLike): KubeObjectLike {
  const merge = (b: Json, e: Json, l: Json): Json => {
    if (same(b, e)) return l;
    if (isMap(b) && isMap(e) && isMap(l)) {
      const out: Record<string, Json> = { ...l };
      for (const key of new Set([...Object.keys(b), ...Object.keys(e)])) {
        if (!(key in e)) delete out[key];
        else out[key] = key in b ? merge(b[key], e[key], l[key]) : e[key];
      }
      return out;
    }
    return structuredClone(e);
  };
  const rebased = merge(base, edited, latest) as KubeObjectLike;
  return { ...rebased, metadata: { ...rebased.metadata, resourceVersion: latest.metadata?.resourceVersion } };
}
