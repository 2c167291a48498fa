import { badRequest } from '../clusters/kubeStatus.ts';

/** A workload kind as the actions API names it in URLs (`deployments`), and where the API serves it. */
export interface KindInfo {
  plural: string;
  kind: string;
  group: string;
  version: string;
}

const KINDS: Record<string, KindInfo> = {
  deployments: { plural: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1' },
  statefulsets: { plural: 'statefulsets', kind: 'StatefulSet', group: 'apps', version: 'v1' },
  daemonsets: { plural: 'daemonsets', kind: 'DaemonSet', group: 'apps', version: 'v1' },
  replicasets: { plural: 'replicasets', kind: 'ReplicaSet', group: 'apps', version: 'v1' },
  pods: { plural: 'pods', kind: 'Pod', group: '', version: 'v1' },
  jobs: { plural: 'jobs', kind: 'Job', group: 'batch', version: 'v1' },
  cronjobs: { plural: 'cronjobs', kind: 'CronJob', group: 'batch', version: 'v1' },
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

export function collectionPath(k: Pick<KindInfo, 'group' | 'version' | 'plural'>, namespace: string): string {
  const root = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  return `${root}/namespaces/${encodeURIComponent(namespace)}/${k.plural}`;
}

export function objectPath(k: KindInfo, namespace: string, name: string): string {
  return `${collectionPath(k, namespace)}/${encodeURIComponent(name)}`;
}
