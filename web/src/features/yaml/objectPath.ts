/** The Kubernetes API path of an object the console edits as YAML, derived from its kind. */
import { resourcePath, type ResourceRef } from '../../../../server/kube/apiPath.ts';
import { KINDS } from '../../../../server/kube/kinds.ts';

/** A namespaced kind of the catalogue by its plural (`deployments`), or any resource discovery found. */
export type YamlKind = string | ResourceRef;

const NAMESPACED_BY_PLURAL = new Map(KINDS.filter((k) => k.namespaced).map((k) => [k.plural, k]));

/** Throws for a kind the catalogue does not hold and for a name that cannot be a path segment (`..`). */
export function objectApiPath(kind: YamlKind, namespace: string | undefined, name: string): string {
  const resource = typeof kind === 'string' ? NAMESPACED_BY_PLURAL.get(kind) : kind;
  if (!resource) throw new Error(`no kind "${kind as string}" in the catalogue`);
  return resourcePath(resource, { ...(namespace !== undefined ? { namespace } : {}), name });
}

/** The object a YAML section shows and edits. */
export interface YamlTarget {
  context: string;
  kind: YamlKind;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  name: string;
}
