/** The Kubernetes API path of an object the console edits as YAML, derived from its kind. */
export type YamlKind = 'deployments' | 'statefulsets' | 'daemonsets' | 'replicasets' | 'pods' | 'persistentvolumeclaims';

const GROUP_VERSION: Readonly<Record<YamlKind, string>> = {
  deployments: 'apis/apps/v1',
  statefulsets: 'apis/apps/v1',
  daemonsets: 'apis/apps/v1',
  replicasets: 'apis/apps/v1',
  pods: 'api/v1',
  persistentvolumeclaims: 'api/v1',
};

export function objectApiPath(kind: YamlKind, namespace: string, name: string): string {
  return `/${GROUP_VERSION[kind]}/namespaces/${encodeURIComponent(namespace)}/${kind}/${encodeURIComponent(name)}`;
}
