/**
 * The kinds the demo cluster serves. One entry per resource, keyed by group + plural;
 * objects are stored once (storage version) and served under every version in `versions`.
 */
export interface ResourceType {
  /** '' for the core group. */
  group: string;
  /** Served versions, preferred first. Objects are stored in the first one. */
  versions: string[];
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  /** Subresources such as status, scale, log, exec, attach, eviction, binding. */
  subresources?: string[];
  /** metadata.generation is maintained (bumped on spec changes). */
  generation?: boolean;
  /** Virtual resources (reviews, metrics) are not stored: a handler computes them. */
  virtual?: boolean;
  /** Set on custom resources: what their CustomResourceDefinition says (schemas, columns, subresource paths). */
  custom?: CustomResourceInfo;
}

import type { CustomResourceInfo } from './crd/definitionTypes.ts';

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY = ['create'];
const READ = ['get', 'list'];

export const RESOURCES: ResourceType[] = [
  { group: '', versions: ['v1'], plural: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], verbs: RW.filter((v) => v !== 'deletecollection'), subresources: ['status', 'finalize'] },
  { group: '', versions: ['v1'], plural: 'nodes', singular: 'node', kind: 'Node', namespaced: false, shortNames: ['no'], verbs: RW, subresources: ['status', 'proxy'] },
  { group: '', versions: ['v1'], plural: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'], verbs: RW, subresources: ['status', 'log', 'exec', 'attach', 'portforward', 'eviction', 'binding', 'ephemeralcontainers', 'proxy'] },
  { group: '', versions: ['v1'], plural: 'services', singular: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: ['all'], verbs: RW, subresources: ['status', 'proxy'] },
  { group: '', versions: ['v1'], plural: 'endpoints', singular: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'], verbs: RW },
  { group: '', versions: ['v1'], plural: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'], verbs: RW },
  { group: '', versions: ['v1'], plural: 'configmaps', singular: 'configmap', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], verbs: RW },
  { group: '', versions: ['v1'], plural: 'secrets', singular: 'secret', kind: 'Secret', namespaced: true, verbs: RW },
  { group: '', versions: ['v1'], plural: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'], verbs: RW, subresources: ['token'] },
  { group: '', versions: ['v1'], plural: 'persistentvolumes', singular: 'persistentvolume', kind: 'PersistentVolume', namespaced: false, shortNames: ['pv'], verbs: RW, subresources: ['status'] },
  { group: '', versions: ['v1'], plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', kind: 'PersistentVolumeClaim', namespaced: true, shortNames: ['pvc'], verbs: RW, subresources: ['status'] },
  { group: '', versions: ['v1'], plural: 'resourcequotas', singular: 'resourcequota', kind: 'ResourceQuota', namespaced: true, shortNames: ['quota'], verbs: RW, subresources: ['status'] },
  { group: '', versions: ['v1'], plural: 'limitranges', singular: 'limitrange', kind: 'LimitRange', namespaced: true, shortNames: ['limits'], verbs: RW },
  { group: 'apps', versions: ['v1'], plural: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], verbs: RW, subresources: ['status', 'scale'], generation: true },
  { group: 'apps', versions: ['v1'], plural: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: ['all'], verbs: RW, subresources: ['status', 'scale'], generation: true },
  { group: 'apps', versions: ['v1'], plural: 'statefulsets', singular: 'statefulset', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'], categories: ['all'], verbs: RW, subresources: ['status', 'scale'], generation: true },
  { group: 'apps', versions: ['v1'], plural: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], categories: ['all'], verbs: RW, subresources: ['status'], generation: true },
  { group: 'apps', versions: ['v1'], plural: 'controllerrevisions', singular: 'controllerrevision', kind: 'ControllerRevision', namespaced: true, verbs: RW },
  { group: 'batch', versions: ['v1'], plural: 'jobs', singular: 'job', kind: 'Job', namespaced: true, categories: ['all'], verbs: RW, subresources: ['status'], generation: true },
  { group: 'batch', versions: ['v1'], plural: 'cronjobs', singular: 'cronjob', kind: 'CronJob', namespaced: true, shortNames: ['cj'], categories: ['all'], verbs: RW, subresources: ['status'], generation: true },
  { group: 'autoscaling', versions: ['v2', 'v1'], plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', kind: 'HorizontalPodAutoscaler', namespaced: true, shortNames: ['hpa'], categories: ['all'], verbs: RW, subresources: ['status'], generation: true },
  { group: 'policy', versions: ['v1'], plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget', kind: 'PodDisruptionBudget', namespaced: true, shortNames: ['pdb'], verbs: RW, subresources: ['status'], generation: true },
  { group: 'events.k8s.io', versions: ['v1'], plural: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'], verbs: RW },
  { group: 'discovery.k8s.io', versions: ['v1'], plural: 'endpointslices', singular: 'endpointslice', kind: 'EndpointSlice', namespaced: true, verbs: RW },
  { group: 'networking.k8s.io', versions: ['v1'], plural: 'ingresses', singular: 'ingress', kind: 'Ingress', namespaced: true, shortNames: ['ing'], verbs: RW, subresources: ['status'], generation: true },
  { group: 'networking.k8s.io', versions: ['v1'], plural: 'ingressclasses', singular: 'ingressclass', kind: 'IngressClass', namespaced: false, verbs: RW },
  { group: 'networking.k8s.io', versions: ['v1'], plural: 'networkpolicies', singular: 'networkpolicy', kind: 'NetworkPolicy', namespaced: true, shortNames: ['netpol'], verbs: RW, generation: true },
  { group: 'storage.k8s.io', versions: ['v1'], plural: 'storageclasses', singular: 'storageclass', kind: 'StorageClass', namespaced: false, shortNames: ['sc'], verbs: RW },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], plural: 'clusterroles', singular: 'clusterrole', kind: 'ClusterRole', namespaced: false, verbs: RW },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], plural: 'clusterrolebindings', singular: 'clusterrolebinding', kind: 'ClusterRoleBinding', namespaced: false, verbs: RW },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], plural: 'roles', singular: 'role', kind: 'Role', namespaced: true, verbs: RW },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], plural: 'rolebindings', singular: 'rolebinding', kind: 'RoleBinding', namespaced: true, verbs: RW },
  { group: 'coordination.k8s.io', versions: ['v1'], plural: 'leases', singular: 'lease', kind: 'Lease', namespaced: true, verbs: RW },
  { group: 'apiextensions.k8s.io', versions: ['v1'], plural: 'customresourcedefinitions', singular: 'customresourcedefinition', kind: 'CustomResourceDefinition', namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], verbs: RW, subresources: ['status'], generation: true },
  { group: 'authentication.k8s.io', versions: ['v1'], plural: 'tokenreviews', singular: 'tokenreview', kind: 'TokenReview', namespaced: false, verbs: CREATE_ONLY, virtual: true },
  { group: 'authentication.k8s.io', versions: ['v1'], plural: 'selfsubjectreviews', singular: 'selfsubjectreview', kind: 'SelfSubjectReview', namespaced: false, verbs: CREATE_ONLY, virtual: true },
  { group: 'authorization.k8s.io', versions: ['v1'], plural: 'localsubjectaccessreviews', singular: 'localsubjectaccessreview', kind: 'LocalSubjectAccessReview', namespaced: true, verbs: CREATE_ONLY, virtual: true },
  { group: 'authorization.k8s.io', versions: ['v1'], plural: 'subjectaccessreviews', singular: 'subjectaccessreview', kind: 'SubjectAccessReview', namespaced: false, verbs: CREATE_ONLY, virtual: true },
  { group: 'authorization.k8s.io', versions: ['v1'], plural: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: CREATE_ONLY, virtual: true },
  { group: 'authorization.k8s.io', versions: ['v1'], plural: 'selfsubjectrulesreviews', singular: 'selfsubjectrulesreview', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: CREATE_ONLY, virtual: true },
  { group: 'metrics.k8s.io', versions: ['v1beta1'], plural: 'pods', singular: 'podmetrics', kind: 'PodMetrics', namespaced: true, verbs: READ, virtual: true },
  { group: 'metrics.k8s.io', versions: ['v1beta1'], plural: 'nodes', singular: 'nodemetrics', kind: 'NodeMetrics', namespaced: false, verbs: READ, virtual: true },
];

/** Kubernetes minor versions the demo cluster can emulate, and what that changes. */
export type KubeMinor = 20 | 24 | 32;

/** Resources and versions served by a cluster of the given minor version (CronJob moved batch/v1beta1 → v1 in 1.21). */
export function servedResources(minor: KubeMinor): ResourceType[] {
  return RESOURCES.map((r) => {
    if (r.group === 'batch' && r.plural === 'cronjobs') {
      if (minor <= 20) return { ...r, versions: ['v1beta1'] };
      if (minor <= 24) return { ...r, versions: ['v1', 'v1beta1'] };
    }
    if (r.group === 'events.k8s.io' && minor <= 20) return { ...r, versions: ['v1', 'v1beta1'] };
    // EndpointSlice went GA (discovery.k8s.io/v1) in 1.21; v1beta1 was served until 1.25.
    if (r.group === 'discovery.k8s.io' && minor <= 20) return { ...r, versions: ['v1beta1'] };
    if (r.group === 'discovery.k8s.io' && minor <= 24) return { ...r, versions: ['v1', 'v1beta1'] };
    // SelfSubjectReview (kubectl auth whoami) went GA in authentication.k8s.io/v1 with 1.28.
    if (r.group === 'authentication.k8s.io' && r.plural === 'selfsubjectreviews' && minor < 28) return undefined;
    return r;
  }).filter((r): r is ResourceType => r !== undefined);
}

/** Storage key of a resource, independent of the version it is served under. */
export function resourceKey(r: Pick<ResourceType, 'group' | 'plural'>): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

export function apiVersionOf(r: Pick<ResourceType, 'group'>, version: string): string {
  return r.group ? `${r.group}/${version}` : version;
}

export class ResourceRegistry {
  private readonly byKey = new Map<string, ResourceType>();
  /** Bumped whenever a type comes or goes (CustomResourceDefinitions), so derived documents know to rebuild. */
  revision = 0;

  constructor(readonly types: ResourceType[]) {
    for (const t of types) this.byKey.set(resourceKey(t), t);
  }

  /** Serve a type from now on, replacing any served under the same group + plural (a CRD established or changed). */
  register(t: ResourceType): void {
    const key = resourceKey(t);
    const old = this.byKey.get(key);
    if (old) this.types.splice(this.types.indexOf(old), 1, t);
    else this.types.push(t);
    this.byKey.set(key, t);
    this.revision++;
  }

  /** Stop serving a type (its CRD is gone). */
  unregister(key: string): void {
    const old = this.byKey.get(key);
    if (!old) return;
    this.types.splice(this.types.indexOf(old), 1);
    this.byKey.delete(key);
    this.revision++;
  }

  /** The type stored under `key`, if served (no throw, unlike get). */
  find(key: string): ResourceType | undefined {
    return this.byKey.get(key);
  }

  /** The type served at group/version/plural, if that version is served. */
  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    const t = this.byKey.get(resourceKey({ group, plural }));
    return t && t.versions.includes(version) ? t : undefined;
  }

  byKind(group: string, kind: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.kind === kind && !t.virtual);
  }

  get(key: string): ResourceType {
    const t = this.byKey.get(key);
    if (!t) throw new Error(`unknown resource ${key}`);
    return t;
  }

  /** Group → versions served, in discovery order (core group first as ''). */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const t of this.types) {
      const vs = out.get(t.group) ?? [];
      for (const v of t.versions) if (!vs.includes(v)) vs.push(v);
      out.set(t.group, vs);
    }
    return out;
  }
}
