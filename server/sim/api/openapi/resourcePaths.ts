import type { ResourceType } from '../resources.ts';
import type { Schema } from './builtinSpec.ts';
import { definitionName } from './schemas.ts';

/**
 * Operations for a kind without upstream OpenAPI text (custom resources, metrics.k8s.io, the
 * older versions an emulated 1.20/1.24 serves), in kube-openapi's shape. kubectl decides
 * server-side field validation from the PATCH operation carrying the kind's
 * x-kubernetes-group-version-kind and a `fieldValidation` query parameter. The PATCH body
 * offers no strategic-merge-patch, as apiextensions-apiserver publishes custom resources.
 */
const param = (name: string, description: string): Schema => ({ name, in: 'query', description, schema: { type: 'string', uniqueItems: true } });

const FIELD_VALIDATION = param(
  'fieldValidation',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict',
);
const DRY_RUN = param('dryRun', 'When present, indicates that modifications should not be persisted.');
const FIELD_MANAGER = param('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.');
const PRETTY = param('pretty', "If 'true', then the output is pretty printed.");

function jsonBody(name: string): Schema {
  return { content: { '*/*': { schema: { $ref: `#/components/schemas/${name}` } } }, required: true };
}

function okResponse(name: string): Schema {
  return { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } }, '401': { description: 'Unauthorized' } };
}

export function resourcePaths(t: ResourceType, version: string): Record<string, Schema> {
  const gvk = { group: t.group, version, kind: t.kind };
  const def = definitionName(t.group, version, t.kind);
  const base = t.group ? `/apis/${t.group}/${version}` : `/api/${version}`;
  const collection = t.namespaced ? `${base}/namespaces/{namespace}/${t.plural}` : `${base}/${t.plural}`;
  const pathParams: Schema[] = [...(t.namespaced ? [{ name: 'namespace', in: 'path', required: true, description: 'object name and auth scope, such as for teams and projects', schema: { type: 'string', uniqueItems: true } }] : []), PRETTY];
  const op = (action: string, verb: string, extra: Record<string, unknown>): Schema => ({
    tags: [t.group ? `${t.group.split('.')[0]}_${version}` : `core_${version}`],
    operationId: `${verb}${t.namespaced ? 'Namespaced' : ''}${t.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...extra,
  });
  const paths: Record<string, Schema> = {};
  const has = (v: string) => t.verbs.includes(v);
  const coll: Schema = { parameters: pathParams };
  if (has('list')) coll.get = op('list', 'list', { responses: okResponse(def) });
  if (has('create')) coll.post = op('post', 'create', { parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], requestBody: jsonBody(def), responses: okResponse(def) });
  paths[collection] = coll;
  if (t.virtual && !has('get')) return paths;
  const item: Schema = { parameters: [{ name: 'name', in: 'path', required: true, description: `name of the ${t.kind}`, schema: { type: 'string', uniqueItems: true } }, ...pathParams] };
  if (has('get')) item.get = op('get', 'read', { responses: okResponse(def) });
  if (has('update')) item.put = op('put', 'replace', { parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], requestBody: jsonBody(def), responses: okResponse(def) });
  if (has('patch')) {
    const patchBody = { content: { 'application/json-patch+json': { schema: { type: 'object' } }, 'application/merge-patch+json': { schema: { type: 'object' } }, 'application/apply-patch+yaml': { schema: { type: 'object' } } }, required: true };
    item.patch = op('patch', 'patch', { parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, param('force', 'Force is going to "force" Apply requests.')], requestBody: patchBody, responses: okResponse(def) });
  }
  if (has('delete')) item.delete = op('delete', 'delete', { responses: okResponse(def) });
  paths[`${collection}/{name}`] = item;
  return paths;
}
