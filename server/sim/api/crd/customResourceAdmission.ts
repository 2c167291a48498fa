import type { KubeObject } from '../../../kube/object.ts';
import type { FieldCause } from '../admission/fieldErrors.ts';
import { FieldErrors } from '../admission/fieldErrors.ts';
import type { ResourceType } from '../resources.ts';
import type { CustomResourceInfo, JsonSchema } from './definitionTypes.ts';
import { applyDefaults } from './defaulting.ts';
import { pruneUnknownFields } from './pruning.ts';
import { validateAgainstSchema } from './schemaValidation.ts';

/** The schema objects are stored under (requests are converted to the storage version first). */
export function storageSchema(info: CustomResourceInfo): JsonSchema | undefined {
  return info.versions[info.storageVersion]?.schema?.openAPIV3Schema;
}

/**
 * What kube-apiserver does to a custom resource before storing it, in its order: the status
 * subresource's PrepareForCreate drops status, structural defaulting fills defaults, pruning
 * drops undeclared fields, then the schema validator answers 422 in kube-openapi's words.
 * Returns the pruned paths.
 */
export function admitCustomResource(type: ResourceType, obj: KubeObject, op: 'create' | 'update'): string[] {
  const info = type.custom;
  if (!info) return [];
  if (op === 'create' && type.subresources?.includes('status')) delete obj.status;
  const schema = storageSchema(info);
  if (!schema) return [];
  applyDefaults(obj, schema);
  const pruned = pruneUnknownFields(obj as unknown as Record<string, unknown>, schema);
  const causes: FieldCause[] = [];
  const { apiVersion: _a, kind: _k, metadata: _m, ...body } = obj;
  const rootSchema: JsonSchema = { ...schema, properties: { ...schema.properties } };
  delete rootSchema.properties?.metadata;
  validateAgainstSchema(body, rootSchema, '', causes);
  if (causes.length) {
    const errs = new FieldErrors();
    errs.causes.push(...causes);
    throw errs.toError(type.kind, type.group, obj.metadata.name ?? '');
  }
  return pruned;
}
