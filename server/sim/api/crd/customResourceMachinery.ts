import { ApiError } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { Machinery } from '../machinery.ts';
import { resourceKey, type ResourceType } from '../resources.ts';
import type { Scope } from '../scope.ts';
import { CRD_KEY, specOf } from './customResourceInfo.ts';

/**
 * What CRDs and custom resources need beyond the built-in kinds: apiextensions' validation,
 * structural schemas, defaulting, pruning and printer columns. Loaded at the first request
 * for a CRD or a custom resource, not at start-up: most sessions never define one.
 */
interface CustomResourceParts {
  definition: typeof import('./definitionValidation.ts');
  admission: typeof import('./customResourceAdmission.ts');
  columns: typeof import('./printerColumns.ts');
  tables: typeof import('../tables/index.ts');
}

async function loadParts(): Promise<CustomResourceParts> {
  const [definition, admission, columns, tables] = await Promise.all([
    import('./definitionValidation.ts'),
    import('./customResourceAdmission.ts'),
    import('./printerColumns.ts'),
    import('../tables/index.ts'),
  ]);
  return { definition, admission, columns, tables };
}

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
  let parts: CustomResourceParts | undefined;
  const loaded = (): CustomResourceParts => {
    if (!parts) throw new Error('custom resource machinery used before prepare() loaded it');
    return parts;
  };
  return {
    ...inner,
    async prepare(type, accept) {
      if (!parts && (resourceKey(type) === CRD_KEY || type.custom)) parts = await loadParts();
      await inner.prepare(type, accept);
    },
    admit(type, obj, old, ctx, op) {
      if (resourceKey(type) === CRD_KEY) {
        const { defaultDefinition, validateDefinition } = loaded().definition;
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
      if (type.custom) loaded().admission.admitCustomResource(type, obj, op);
    },
    toTable(type, objects, opts) {
      if (!type.custom) return inner.toTable(type, objects, opts);
      const columns = type.custom.versions[servedVersion(type, objects)]?.additionalPrinterColumns;
      const { tables, columns: printers } = loaded();
      return tables.toTable(type, objects, opts, printers.customResourcePrinter(columns));
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
