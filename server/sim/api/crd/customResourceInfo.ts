import type { KubeObject } from '../../../kube/object.ts';
import type { ResourceType } from '../resources.ts';
import type { DefinitionSpec, DefinitionVersion } from './definitionTypes.ts';

export const CRD_KEY = 'customresourcedefinitions.apiextensions.k8s.io';

/** The CRD's spec with the shapes above (the object was validated before it was stored). */
export function specOf(crd: Readonly<KubeObject>): DefinitionSpec {
  return crd.spec as DefinitionSpec;
}

const RW = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

/**
 * The served type of an established CRD: served versions with the storage version first
 * (objects are stored in the first), subresources as any version declares them.
 */
export function typeFromDefinition(crd: Readonly<KubeObject>): ResourceType {
  const spec = specOf(crd);
  const storage = spec.versions.find((v) => v.storage)?.name ?? spec.versions[0]?.name ?? 'v1';
  const served = spec.versions.filter((v) => v.served).map((v) => v.name);
  const versions = [storage, ...served.filter((v) => v !== storage)];
  const subresources: string[] = [];
  if (spec.versions.some((v) => v.subresources?.status)) subresources.push('status');
  if (spec.versions.some((v) => v.subresources?.scale)) subresources.push('scale');
  const byName: Record<string, DefinitionVersion> = {};
  for (const v of spec.versions) byName[v.name] = v;
  return {
    group: spec.group,
    versions: served.includes(storage) ? versions : served,
    plural: spec.names.plural,
    singular: spec.names.singular || spec.names.kind.toLowerCase(),
    kind: spec.names.kind,
    namespaced: spec.scope === 'Namespaced',
    ...(spec.names.shortNames?.length ? { shortNames: spec.names.shortNames } : {}),
    ...(spec.names.categories?.length ? { categories: spec.names.categories } : {}),
    verbs: RW,
    ...(subresources.length ? { subresources } : {}),
    generation: true,
    custom: { definition: crd.metadata.name ?? '', storageVersion: storage, versions: byName },
  };
}
