import { ApiError } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { Machinery } from '../machinery.ts';
import { resourceKey, type ResourceType } from '../resources.ts';
import { toTable } from '../tables/index.ts';
import type { Scope } from '../scope.ts';
import { admitCustomResource } from './customResourceAdmission.ts';
import { CRD_KEY, specOf } from './customResourceInfo.ts';
import { defaultDefinition, validateDefinition } from './definitionValidation.ts';
import { customResourcePrinter } from './printerColumns.ts';

/** The version a Table is printed for: the objects' apiVersion (they are already in the served form). */
function servedVersion(type: ResourceType, objects: readonly KubeObject[]): string {
  const apiVersion = objects[0]?.apiVersion;
  return apiVersion ? apiVersion.slice(apiVersion.indexOf('/') + 1) : type.versions[0];
}

/**
 * The API server's parts with CustomResourceDefinitions in: CRDs are defaulted and validated
 * as apiextensions does, custom resources go through their schema (defaults, pruning,
 * validation) after the generic admission every kind gets, and print their CRD's columns.
 */
export function withCustomResources(inner: Machinery): Machinery {
  return {
    ...inner,
    admit(type, obj, old, ctx, op) {
      if (resourceKey(type) === CRD_KEY) {
        defaultDefinition(obj);
        const errs = validateDefinition(obj, op === 'update' ? old : undefined);
        if (!errs.empty) throw errs.toError(type.kind, type.group, obj.metadata.name ?? '');
        inner.admit(type, obj, old, ctx, op);
        if (op === 'create') {
          // PrepareForCreate: a fresh status that records the storage version.
          const storage = specOf(obj).versions.find((v) => v.storage)?.name;
          obj.status = { acceptedNames: { plural: '', kind: '' }, storedVersions: storage ? [storage] : [] };
        }
        return;
      }
      inner.admit(type, obj, old, ctx, op);
      if (type.custom) admitCustomResource(type, obj, op);
    },
    toTable(type, objects, opts) {
      if (!type.custom) return inner.toTable(type, objects, opts);
      const columns = type.custom.versions[servedVersion(type, objects)]?.additionalPrinterColumns;
      return toTable(type, objects, opts, customResourcePrinter(columns));
    },
  };
}

/**
 * Custom resources take JSON patch, merge patch and apply, never strategic merge patch (they
 * have no Go struct tags to merge by): 415 with the list the real server gives.
 */
export function refuseStrategicMergePatch(scope: Scope): void {
  const media = String(scope.req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (scope.type.custom && scope.req.method === 'PATCH' && media === 'application/strategic-merge-patch+json') {
    throw new ApiError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
  }
}
