import { isDeepStrictEqual } from 'node:util';
import { ApiError, badRequest } from '../../../kube/status.ts';
import { isObject, type Json } from './merge.ts';

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw unprocessable(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function unprocessable(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

type Container = Json[] | { [key: string]: Json };

function parentOf(doc: Json, parts: string[], path: string): { parent: Container; key: string } {
  let cur: Json = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObject(cur)) cur = cur[p];
    else cur = undefined as unknown as Json;
    if (cur === undefined || cur === null || typeof cur !== 'object') throw unprocessable(`doc is missing path: "${path}": missing value`);
  }
  return { parent: cur as Container, key: parts[parts.length - 1] };
}

function read(doc: Json, path: string): Json {
  const parts = pointer(path);
  if (!parts.length) return doc;
  const { parent, key } = parentOf(doc, parts, path);
  const v = Array.isArray(parent) ? parent[Number(key)] : parent[key];
  if (v === undefined) throw unprocessable(`doc is missing path: "${path}": missing value`);
  return v;
}

function index(parent: Json[], key: string, path: string, forAdd: boolean): number {
  if (forAdd && key === '-') return parent.length;
  const i = Number(key);
  if (!/^\d+$/.test(key) || i > parent.length || (!forAdd && i >= parent.length)) throw unprocessable(`Unable to access invalid index: ${key}: "${path}"`);
  return i;
}

function add(doc: Json, path: string, value: Json): Json {
  const parts = pointer(path);
  if (!parts.length) return value;
  const { parent, key } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) parent.splice(index(parent, key, path, true), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: Json, path: string): Json {
  const parts = pointer(path);
  const { parent, key } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) parent.splice(index(parent, key, path, false), 1);
  else {
    if (!(key in parent)) throw unprocessable(`Unable to remove nonexistent key: ${key}: missing value`);
    delete parent[key];
  }
  return doc;
}

/** RFC 6902 JSON patch, including `test`; failures are 422 as the API server answers. */
export function jsonPatch(target: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc: Json = structuredClone(target);
  for (const raw of ops as Operation[]) {
    const value = raw.value === undefined ? undefined : structuredClone(raw.value);
    switch (raw.op) {
      case 'add':
        doc = add(doc, raw.path, value as Json);
        break;
      case 'remove':
        doc = remove(doc, raw.path);
        break;
      case 'replace':
        read(doc, raw.path);
        doc = add(remove(doc, raw.path), raw.path, value as Json);
        break;
      case 'move': {
        const v = read(doc, raw.from ?? '');
        doc = add(remove(doc, raw.from ?? ''), raw.path, v);
        break;
      }
      case 'copy':
        doc = add(doc, raw.path, structuredClone(read(doc, raw.from ?? '')));
        break;
      case 'test':
        if (!isDeepStrictEqual(read(doc, raw.path), value)) throw unprocessable(`testing value ${raw.path} failed: test failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}
