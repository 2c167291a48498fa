/**
 * The default ClusterRoles and ClusterRoleBindings kube-apiserver's RBAC post-start hook
 * reconciles on every start (plugin/pkg/auth/authorizer/rbac/bootstrappolicy): the
 * user-facing roles (cluster-admin, admin, edit, view, the last three aggregated from the
 * system:aggregate-to-* roles) and the ones every authenticated user is bound to.
 */
import type { KubeObject } from '../../../kube/object.ts';
import type { SimContext } from '../../context.ts';
import { createAdmitted } from '../admittedCreate.ts';
import { aggregateAll } from './aggregation.ts';
import type { RbacRule } from './rules.ts';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const ALL_RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const rule = (apiGroups: string[], resources: string[], verbs: string[]): RbacRule => ({ apiGroups, resources, verbs });
const urls = (nonResourceURLs: string[], verbs: string[]): RbacRule => ({ nonResourceURLs, verbs });

const AGGREGATE_TO = (role: 'admin' | 'edit' | 'view') => `rbac.authorization.k8s.io/aggregate-to-${role}`;

const VIEW_RULES: RbacRule[] = [
  rule([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], READ),
  rule([''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], READ),
  rule([''], ['namespaces'], READ),
  rule(['discovery.k8s.io'], ['endpointslices'], READ),
  rule(['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], READ),
  rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
  rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
  rule(['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'], READ),
  rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
  rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
];

const EDIT_RULES: RbacRule[] = [
  rule([''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ),
  rule([''], ['serviceaccounts'], ['impersonate']),
  rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE),
  rule([''], ['pods/eviction'], ['create']),
  rule([''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], WRITE),
  rule([''], ['serviceaccounts/token'], ['create']),
  rule(['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], WRITE),
  rule(['autoscaling'], ['horizontalpodautoscalers'], WRITE),
  rule(['batch'], ['cronjobs', 'jobs'], WRITE),
  rule(['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'], WRITE),
  rule(['policy'], ['poddisruptionbudgets'], WRITE),
  rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
  rule(['coordination.k8s.io'], ['leases'], ALL_RW),
];

const ADMIN_RULES: RbacRule[] = [
  rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
  rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ALL_RW),
];

const DISCOVERY_URLS = ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'];
const PUBLIC_INFO_URLS = ['/healthz', '/livez', '/readyz', '/version', '/version/'];

interface RoleSpec {
  name: string;
  rules: RbacRule[];
  labels?: Record<string, string>;
  aggregateFrom?: string[];
}

const ROLES: RoleSpec[] = [
  { name: 'cluster-admin', rules: [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])] },
  { name: 'admin', rules: [], labels: {}, aggregateFrom: [AGGREGATE_TO('admin')] },
  { name: 'edit', rules: [], labels: { [AGGREGATE_TO('admin')]: 'true' }, aggregateFrom: [AGGREGATE_TO('edit')] },
  { name: 'view', rules: [], labels: { [AGGREGATE_TO('edit')]: 'true' }, aggregateFrom: [AGGREGATE_TO('view')] },
  { name: 'system:aggregate-to-admin', rules: ADMIN_RULES, labels: { [AGGREGATE_TO('admin')]: 'true' } },
  { name: 'system:aggregate-to-edit', rules: EDIT_RULES, labels: { [AGGREGATE_TO('edit')]: 'true' } },
  { name: 'system:aggregate-to-view', rules: VIEW_RULES, labels: { [AGGREGATE_TO('view')]: 'true' } },
  {
    name: 'system:basic-user',
    rules: [rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']), rule(['authentication.k8s.io'], ['selfsubjectreviews'], ['create'])],
  },
  { name: 'system:discovery', rules: [urls(DISCOVERY_URLS, ['get'])] },
  { name: 'system:public-info-viewer', rules: [urls(PUBLIC_INFO_URLS, ['get'])] },
  { name: 'system:auth-delegator', rules: [rule(['authentication.k8s.io'], ['tokenreviews'], ['create']), rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create'])] },
  { name: 'system:service-account-issuer-discovery', rules: [urls(['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/'], ['get'])] },
  { name: 'system:node-proxier', rules: [rule([''], ['endpoints', 'services'], ['list', 'watch']), rule([''], ['nodes'], ['get', 'list', 'watch']), rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch'])] },
];

const BINDINGS: { name: string; role: string; groups: string[] }[] = [
  { name: 'cluster-admin', role: 'cluster-admin', groups: ['system:masters'] },
  { name: 'system:basic-user', role: 'system:basic-user', groups: ['system:authenticated'] },
  { name: 'system:discovery', role: 'system:discovery', groups: ['system:authenticated'] },
  { name: 'system:public-info-viewer', role: 'system:public-info-viewer', groups: ['system:authenticated', 'system:unauthenticated'] },
  { name: 'system:service-account-issuer-discovery', role: 'system:service-account-issuer-discovery', groups: ['system:serviceaccounts'] },
];

const BOOTSTRAP_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

/** The default ClusterRoles, admin/edit/view already aggregated (the controller keeps them so). */
export function bootstrapClusterRoles(): KubeObject[] {
  const roles = ROLES.map((r) => {
    const role: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: r.name, labels: { ...BOOTSTRAP_LABEL, ...r.labels }, annotations: { ...AUTOUPDATE } },
      rules: r.rules.map((x) => structuredClone(x)),
    };
    if (r.aggregateFrom) role.aggregationRule = { clusterRoleSelectors: r.aggregateFrom.map((l) => ({ matchLabels: { [l]: 'true' } })) };
    return role;
  });
  aggregateAll(roles);
  return roles;
}

export function bootstrapClusterRoleBindings(): KubeObject[] {
  return BINDINGS.map((b) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: b.name, labels: { ...BOOTSTRAP_LABEL }, annotations: { ...AUTOUPDATE } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.role },
    subjects: b.groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
  }));
}

/** Create the default roles and bindings that are missing (the post-start hook's reconcile, without overwriting edits). */
export function ensureBootstrapPolicy(ctx: SimContext): void {
  for (const role of bootstrapClusterRoles()) {
    if (!ctx.store.getRef('clusterroles.rbac.authorization.k8s.io', undefined, role.metadata.name!)) createAdmitted(ctx, 'clusterroles.rbac.authorization.k8s.io', role);
  }
  for (const b of bootstrapClusterRoleBindings()) {
    if (!ctx.store.getRef('clusterrolebindings.rbac.authorization.k8s.io', undefined, b.metadata.name!)) createAdmitted(ctx, 'clusterrolebindings.rbac.authorization.k8s.io', b);
  }
}
