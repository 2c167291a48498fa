/**
 * The kind catalogue: one entry per kind the console knows by name. Everything that used to
 * list kinds (navigation, routes, the actions router, YAML paths, the terminal's targets, owner
 * links) derives from it. A kind the cluster serves without an entry still gets the generic
 * list (the API server's Table) and detail page; an entry adds what the console knows beyond
 * that: the category operators look for it in, its name rule, and the actions the BFF offers.
 *
 * Adding a kind with a page of its own: an entry here with `page`, and that kind's own view
 * files (docs/architecture.md walks through it).
 */
import type { NameRule } from './names.ts';

/** The groups of the navigation, in the order operators think of them (custom resources last). */
export const CATEGORIES = ['workloads', 'batch', 'network', 'config', 'storage', 'access', 'cluster', 'custom'] as const;
export type KindCategory = (typeof CATEGORIES)[number];

/** Writes the actions API offers for a kind (each a route in server/actions/router.ts). */
export type KindAction = 'scale' | 'setImage' | 'restart' | 'pause' | 'rollback' | 'delete' | 'evict' | 'expand' | 'create';

export interface KindIdentity {
  /** '' for the core group. */
  group: string;
  /** The version the console reads and writes; discovery may report another preferred one. */
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  shortNames: readonly string[];
  category: KindCategory;
}

export interface KindEntry extends KindIdentity {
  /** What the API server accepts as a name of this kind (DNS-1123 subdomain unless said). */
  nameRule: NameRule;
  /**
   * The console's own pages, at `/c/{context}/{plural}` (list) and `/c/{context}/{plural}/{ns}/{name}`
   * (detail); without one the generic pages serve the kind. The components are the web's
   * (web/src/app/kindPages.tsx), keyed by the same resource key.
   */
  page?: { list?: boolean; detail?: boolean };
  actions?: readonly KindAction[];
  /** Its pods' logs merge on one page (`…/{name}/logs`), and the terminal can pick among its pods. */
  runsPods?: boolean;
}

const SUBDOMAIN: NameRule = 'dns1123Subdomain';

function entry(group: string, version: string, kind: string, plural: string, category: KindCategory, more: Partial<KindEntry> = {}): KindEntry {
  return { group, version, kind, plural, namespaced: true, shortNames: [], category, nameRule: SUBDOMAIN, ...more };
}

const WORKLOAD_ACTIONS: readonly KindAction[] = ['setImage', 'restart', 'rollback', 'delete'];

/**
 * Built-in kinds, with kubectl's short names (as kube-apiserver's discovery lists them) and name
 * rules (as its validation applies them: Services and Namespaces are DNS-1035/1123 labels, since
 * their names become DNS labels; the rest DNS-1123 subdomains).
 */
export const KINDS: readonly KindEntry[] = [
  entry('', 'v1', 'Pod', 'pods', 'workloads', { shortNames: ['po'], page: { list: true, detail: true }, actions: ['delete', 'evict'], runsPods: true }),
  entry('apps', 'v1', 'Deployment', 'deployments', 'workloads', { shortNames: ['deploy'], page: { list: true, detail: true }, actions: ['scale', 'pause', ...WORKLOAD_ACTIONS], runsPods: true }),
  entry('apps', 'v1', 'StatefulSet', 'statefulsets', 'workloads', { shortNames: ['sts'], page: { list: true, detail: true }, actions: ['scale', ...WORKLOAD_ACTIONS], runsPods: true }),
  entry('apps', 'v1', 'DaemonSet', 'daemonsets', 'workloads', { shortNames: ['ds'], page: { list: true, detail: true }, actions: WORKLOAD_ACTIONS, runsPods: true }),
  entry('apps', 'v1', 'ReplicaSet', 'replicasets', 'workloads', { shortNames: ['rs'], page: { list: true, detail: true }, actions: ['scale', 'delete'], runsPods: true }),
  entry('apps', 'v1', 'ControllerRevision', 'controllerrevisions', 'workloads'),
  entry('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'workloads', { shortNames: ['hpa'] }),
  entry('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', 'workloads', { shortNames: ['pdb'] }),
  entry('batch', 'v1', 'Job', 'jobs', 'batch', { page: { list: true, detail: true }, actions: ['delete'], runsPods: true }),
  entry('batch', 'v1', 'CronJob', 'cronjobs', 'batch', { shortNames: ['cj'], page: { list: true, detail: true }, actions: ['delete'] }),
  entry('', 'v1', 'Service', 'services', 'network', { shortNames: ['svc'], nameRule: 'dns1035Label' }),
  entry('', 'v1', 'Endpoints', 'endpoints', 'network', { shortNames: ['ep'] }),
  entry('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', 'network'),
  entry('networking.k8s.io', 'v1', 'Ingress', 'ingresses', 'network', { shortNames: ['ing'] }),
  entry('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', 'network', { namespaced: false }),
  entry('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', 'network', { shortNames: ['netpol'] }),
  entry('', 'v1', 'ConfigMap', 'configmaps', 'config', { shortNames: ['cm'] }),
  entry('', 'v1', 'Secret', 'secrets', 'config'),
  entry('', 'v1', 'ResourceQuota', 'resourcequotas', 'config', { shortNames: ['quota'] }),
  entry('', 'v1', 'LimitRange', 'limitranges', 'config', { shortNames: ['limits'] }),
  entry('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', 'storage', { shortNames: ['pvc'], page: { list: true, detail: true }, actions: ['delete', 'expand', 'create'] }),
  entry('', 'v1', 'PersistentVolume', 'persistentvolumes', 'storage', { shortNames: ['pv'], namespaced: false, page: { list: true } }),
  entry('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', 'storage', { shortNames: ['sc'], namespaced: false, page: { list: true } }),
  entry('storage.k8s.io', 'v1', 'CSIDriver', 'csidrivers', 'storage', { namespaced: false }),
  entry('storage.k8s.io', 'v1', 'CSINode', 'csinodes', 'storage', { namespaced: false }),
  entry('storage.k8s.io', 'v1', 'VolumeAttachment', 'volumeattachments', 'storage', { namespaced: false }),
  entry('', 'v1', 'ServiceAccount', 'serviceaccounts', 'access', { shortNames: ['sa'] }),
  entry('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', 'access'),
  entry('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', 'access'),
  entry('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', 'access', { namespaced: false }),
  entry('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', 'access', { namespaced: false }),
  entry('', 'v1', 'Node', 'nodes', 'cluster', { shortNames: ['no'], namespaced: false, page: { list: true } }),
  entry('', 'v1', 'Namespace', 'namespaces', 'cluster', { shortNames: ['ns'], namespaced: false, nameRule: 'dns1123Label', page: { list: true } }),
  entry('', 'v1', 'Event', 'events', 'cluster', { shortNames: ['ev'], page: { list: true } }),
  entry('coordination.k8s.io', 'v1', 'Lease', 'leases', 'cluster'),
  entry('scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', 'cluster', { shortNames: ['pc'], namespaced: false }),
  entry('node.k8s.io', 'v1', 'RuntimeClass', 'runtimeclasses', 'cluster', { namespaced: false }),
  entry('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', 'cluster', { shortNames: ['crd', 'crds'], namespaced: false }),
  entry('apiregistration.k8s.io', 'v1', 'APIService', 'apiservices', 'cluster', { namespaced: false }),
  entry('admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', 'cluster', { namespaced: false }),
  entry('admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', 'cluster', { namespaced: false }),
];

/** `pods`, `deployments.apps`: the resource as kubectl and the console's URLs name it. */
export function resourceKey(r: { group: string; plural: string }): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

const BY_KEY = new Map(KINDS.map((k) => [resourceKey(k), k]));
const BY_KIND = new Map(KINDS.map((k) => [`${k.group}/${k.kind}`, k]));

export function kindEntry(key: string): KindEntry | undefined {
  return BY_KEY.get(key);
}

/** By apiVersion (`apps/v1`, `v1`) and Kind, as owner references and events name an object. */
export function kindOfObject(apiVersion: string | undefined, kind: string): KindEntry | undefined {
  const slash = (apiVersion ?? '').indexOf('/');
  const group = slash < 0 ? '' : (apiVersion ?? '').slice(0, slash);
  return BY_KIND.get(`${group}/${kind}`);
}

/** The kinds the actions API lets a page do `action` to. */
export function kindsThat(action: KindAction): KindEntry[] {
  return KINDS.filter((k) => k.actions?.includes(action));
}

/**
 * Where a kind the catalogue does not name belongs: the groups Kubernetes itself serves
 * (core, the unqualified ones and `*.k8s.io`) are the cluster's own; any other group is an
 * extension's, a custom resource (Headlamp sorts discovery the same way).
 */
export function categoryOf(r: { group: string; plural: string }): KindCategory {
  const known = kindEntry(resourceKey(r));
  if (known) return known.category;
  const builtIn = !r.group || !r.group.includes('.') || r.group.endsWith('.k8s.io');
  return builtIn ? 'cluster' : 'custom';
}
