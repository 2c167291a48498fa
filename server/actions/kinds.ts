/** The kinds the actions API names in its URLs (`deployments`), looked up in the kind catalogue. */
import { badRequest } from '../clusters/kubeStatus.ts';
import { resourcePath, type ResourceRef } from '../kube/apiPath.ts';
import { KINDS, kindOfObject, kindsThat, type KindAction, type KindEntry } from '../kube/kinds.ts';
import { invalidNameMessage, quoted } from '../kube/names.ts';

export type KindInfo = KindEntry;

/**
 * Only namespaced kinds of the catalogue, by plural: every actions route is under
 * `/namespaces/:ns/`, and a plural alone is unambiguous among them.
 */
const BY_PLURAL = new Map(KINDS.filter((k) => k.namespaced).map((k) => [k.plural, k]));

/** The plurals of the kinds a page may do `action` to, for a route's allow-list. */
export function pluralsThat(...actions: KindAction[]): string[] {
  return [...new Set(actions.flatMap((a) => kindsThat(a)).filter((k) => k.namespaced).map((k) => k.plural))];
}

/** The kind named in the URL; 400 when the route does not handle it. */
export function kindOf(plural: string, allowed: readonly string[] = [...BY_PLURAL.keys()]): KindInfo {
  const kind = BY_PLURAL.get(plural);
  if (!kind || !allowed.includes(plural)) throw badRequest(`${quoted(plural)} is not one of ${allowed.join(', ')}`);
  return kind;
}

/** For walking owner references (ReplicaSet → Deployment, Job → CronJob): by apiVersion and Kind. */
export function kindByName(apiVersion: string | undefined, kind: string): KindInfo | undefined {
  const k = kindOfObject(apiVersion, kind);
  return k?.namespaced ? k : undefined;
}

/** A namespace and object name from a URL, refused (400, the API server's wording) unless valid for the kind. */
export function checkedTarget(kind: KindInfo, namespace: string, name: string): { kind: KindInfo; ns: string; name: string } {
  const problem = invalidNameMessage('metadata.namespace', 'dns1123Label', namespace) ?? invalidNameMessage('metadata.name', kind.nameRule, name);
  if (problem) throw badRequest(`${kind.kind} ${quoted(name)} in namespace ${quoted(namespace)}: ${problem}`);
  return { kind, ns: namespace, name };
}

export function collectionPath(k: ResourceRef, namespace: string): string {
  return resourcePath(k, { namespace });
}

export function objectPath(k: ResourceRef, namespace: string, name: string, subresource?: string): string {
  return resourcePath(k, { namespace, name, ...(subresource ? { subresource } : {}) });
}
