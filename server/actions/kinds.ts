import { badRequest } from '../clusters/kubeStatus.ts';
import { resourcePath, type ResourceRef } from '../kube/apiPath.ts';
import { invalidNameMessage, quoted, type NameRule } from '../kube/names.ts';

/** A workload kind as the actions API names it in URLs (`deployments`), and where the API serves it. */
export interface KindInfo extends ResourceRef {
  kind: string;
  /** What the API server accepts as a name of this kind. */
  nameRule: NameRule;
}

const SUBDOMAIN: NameRule = 'dns1123Subdomain';

const KINDS: Record<string, KindInfo> = {
  deployments: { plural: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', nameRule: SUBDOMAIN },
  statefulsets: { plural: 'statefulsets', kind: 'StatefulSet', group: 'apps', version: 'v1', nameRule: SUBDOMAIN },
  daemonsets: { plural: 'daemonsets', kind: 'DaemonSet', group: 'apps', version: 'v1', nameRule: SUBDOMAIN },
  replicasets: { plural: 'replicasets', kind: 'ReplicaSet', group: 'apps', version: 'v1', nameRule: SUBDOMAIN },
  pods: { plural: 'pods', kind: 'Pod', group: '', version: 'v1', nameRule: SUBDOMAIN },
  jobs: { plural: 'jobs', kind: 'Job', group: 'batch', version: 'v1', nameRule: SUBDOMAIN },
  cronjobs: { plural: 'cronjobs', kind: 'CronJob', group: 'batch', version: 'v1', nameRule: SUBDOMAIN },
  persistentvolumeclaims: { plural: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', group: '', version: 'v1', nameRule: SUBDOMAIN },
};

const BY_KIND = new Map(Object.values(KINDS).map((k) => [k.kind, k]));

/** The kind named in the URL; 400 when the actions API does not handle it. */
export function kindOf(plural: string, allowed: readonly string[] = Object.keys(KINDS)): KindInfo {
  if (!allowed.includes(plural) || !Object.hasOwn(KINDS, plural)) throw badRequest(`"${plural}" is not one of ${allowed.join(', ')}`);
  return KINDS[plural];
}

/** For walking owner references: ReplicaSet → Deployment, Job → CronJob. */
export function kindByName(kind: string): KindInfo | undefined {
  return BY_KIND.get(kind);
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
