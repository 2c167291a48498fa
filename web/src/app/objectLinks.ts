/**
 * Links to lists and objects, from the kind catalogue: a kind with a page of its own links
 * there (`/c/{context}/deployments/{ns}/{name}`), any other to the generic pages
 * (`/c/{context}/k/{resource}/…`, resource as kubectl names it: `configmaps`,
 * `ingresses.networking.k8s.io`). No link is a dead end: every served kind has a page.
 */
import { KINDS, kindEntry, resourceKey, type KindEntry } from '../../../server/kube/kinds.ts';
import { viewPath } from './selection.ts';

export interface ResourceRef {
  group: string;
  plural: string;
}

export interface ObjectRef extends ResourceRef {
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  name: string;
}

const segment = encodeURIComponent;

export function listHref(context: string, r: ResourceRef): string {
  const key = resourceKey(r);
  return kindEntry(key)?.page?.list ? viewPath(context, r.plural) : viewPath(context, `k/${segment(key)}`);
}

export function objectHref(context: string, o: ObjectRef): string {
  const key = resourceKey(o);
  const where = o.namespace ? `${segment(o.namespace)}/${segment(o.name)}` : segment(o.name);
  return kindEntry(key)?.page?.detail ? viewPath(context, `${o.plural}/${where}`) : viewPath(context, `k/${segment(key)}/${where}`);
}

const NAMESPACED_BY_PLURAL = new Map(KINDS.filter((k) => k.namespaced).map((k) => [k.plural, k]));

/** A namespaced catalogue kind by its plural (`pods`, `deployments`), as the console's own routes name them. */
export function detailPath(context: string, plural: string, namespace: string, name: string): string {
  const kind = NAMESPACED_BY_PLURAL.get(plural);
  return objectHref(context, { group: kind?.group ?? '', plural, namespace, name });
}

/**
 * Owner references and events name an object by Kind (and apiVersion, when they carry it):
 * its page when the catalogue knows the kind, undefined otherwise (its plural is unknown).
 */
export function kindPath(context: string, kind: string, namespace: string | undefined, name: string, apiVersion?: string): string | undefined {
  const entry = byKind(kind, apiVersion);
  if (!entry) return undefined;
  return objectHref(context, { group: entry.group, plural: entry.plural, ...(entry.namespaced && namespace ? { namespace } : {}), name });
}

function byKind(kind: string, apiVersion: string | undefined): KindEntry | undefined {
  if (apiVersion !== undefined) {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    return KINDS.find((k) => k.kind === kind && k.group === group);
  }
  // Without an apiVersion, a Kind is unambiguous among the built-in kinds the catalogue holds.
  return KINDS.find((k) => k.kind === kind);
}
