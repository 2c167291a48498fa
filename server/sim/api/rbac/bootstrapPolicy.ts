/**
 * The RBAC objects kube-apiserver's post-start hook (rbac/bootstrap-roles,
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy) creates on every start: the ClusterRoles of
 * ClusterRoles() and ControllerRoles() (admin, edit and view aggregated from the
 * system:aggregate-to-* roles; a system:controller:* role per kube-controller-manager controller),
 * their ClusterRoleBindings, and the Roles and RoleBindings of kube-system and kube-public. Every
 * object carries the kubernetes.io/bootstrapping=rbac-defaults label and the
 * rbac.authorization.kubernetes.io/autoupdate annotation.
 */
import { createRequire } from 'node:module';
import type { KubeObject } from '../../../kube/object.ts';
import type { SimContext } from '../../context.ts';
import { selectorMatches } from '../../../kube/labelSelector.ts';
import { aggregateAll, aggregationSelectors } from './aggregation.ts';
import type { RbacRule, Subject } from './rules.ts';

/** One object of data/bootstrap-1.32.json (see extractBootstrapPolicy.ts): the fields that differ between objects. */
interface StoredObject {
  name: string;
  namespace?: string;
  /** Labels besides the common one. */
  labels?: Record<string, string>;
  rules?: RbacRule[];
  aggregationRule?: { clusterRoleSelectors: { matchLabels: Record<string, string> }[] };
  subjects?: Subject[];
  roleRef?: { apiGroup: string; kind: string; name: string };
}

/** The 1.32 policy, in the order of the package's testdata fixtures. */
export interface BootstrapPolicyData {
  /** Where the objects come from (repositories, versions, files). */
  source: string;
  /** On every object. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  clusterRoles: StoredObject[];
  clusterRoleBindings: StoredObject[];
  controllerRoles: StoredObject[];
  controllerRoleBindings: StoredObject[];
  namespaceRoles: StoredObject[];
  namespaceRoleBindings: StoredObject[];
}

let loaded: BootstrapPolicyData | undefined;

/** About 50 kB of JSON, parsed once: cheaper to start with than the same objects as a TypeScript literal. */
export function bootstrapPolicyData(): BootstrapPolicyData {
  loaded ??= createRequire(import.meta.url)('./data/bootstrap-1.32.json') as BootstrapPolicyData;
  return loaded;
}

const API_VERSION = 'rbac.authorization.k8s.io/v1';
const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';
const CLUSTER_ROLE_BINDINGS = 'clusterrolebindings.rbac.authorization.k8s.io';
const ROLES = 'roles.rbac.authorization.k8s.io';
const ROLE_BINDINGS = 'rolebindings.rbac.authorization.k8s.io';

/**
 * An API object. Its rules and subjects are the loaded data's own arrays, not copies: the store
 * copies what it is given, and nothing writes into them (aggregation replaces a role's rules).
 */
function toObject(kind: string, o: StoredObject): KubeObject {
  const data = bootstrapPolicyData();
  const { name, namespace, labels, ...body } = o;
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), labels: { ...data.labels, ...labels }, annotations: { ...data.annotations } },
    ...body,
  };
}

/** Every default ClusterRole, admin/edit/view already aggregated (the controller keeps them so). */
export function bootstrapClusterRoles(): KubeObject[] {
  const data = bootstrapPolicyData();
  const roles = [...data.clusterRoles, ...data.controllerRoles].map((r) => toObject('ClusterRole', r));
  // Only admin, edit, view and the roles they select take part: the other 58 hold no aggregation label.
  const aggregated = roles.filter((r) => aggregationSelectors(r));
  for (const r of aggregated) r.rules ??= [];
  const selectors = aggregated.flatMap((r) => aggregationSelectors(r)!);
  aggregateAll(roles.filter((r) => aggregated.includes(r) || selectors.some((s) => selectorMatches(s, r.metadata.labels))));
  return roles;
}

export function bootstrapClusterRoleBindings(): KubeObject[] {
  const data = bootstrapPolicyData();
  return [...data.clusterRoleBindings, ...data.controllerRoleBindings].map((b) => toObject('ClusterRoleBinding', b));
}

/** The Roles and RoleBindings of kube-system and kube-public. */
export function bootstrapNamespacedObjects(): { resource: string; object: KubeObject }[] {
  const data = bootstrapPolicyData();
  return [
    ...data.namespaceRoles.map((r) => ({ resource: ROLES, object: toObject('Role', r) })),
    ...data.namespaceRoleBindings.map((b) => ({ resource: ROLE_BINDINGS, object: toObject('RoleBinding', b) })),
  ];
}

/**
 * Straight into the store, without admission: the objects are upstream's own, and
 * bootstrapPolicy.test.ts runs every one through admission instead of each start doing so.
 */
function createMissing(ctx: SimContext, resource: string, obj: KubeObject): void {
  if (!ctx.store.getRef(resource, obj.metadata.namespace, obj.metadata.name!)) ctx.store.create(resource, obj);
}

/**
 * Create the default objects that are missing (the post-start hook's reconcile, without
 * overwriting edits). The real hook creates kube-system or kube-public itself when a Role's
 * namespace is missing (tryEnsureNamespace). The demo cluster creates its system namespaces
 * before this runs (ensureSystemNamespaces), so there the Roles are created at once; given a
 * store without them, a Role waits for its namespace.
 */
export function ensureBootstrapPolicy(ctx: SimContext): void {
  for (const role of bootstrapClusterRoles()) createMissing(ctx, CLUSTER_ROLES, role);
  for (const b of bootstrapClusterRoleBindings()) createMissing(ctx, CLUSTER_ROLE_BINDINGS, b);

  const waiting = new Map<string, { resource: string; object: KubeObject }[]>();
  for (const item of bootstrapNamespacedObjects()) {
    const ns = item.object.metadata.namespace!;
    waiting.set(ns, [...(waiting.get(ns) ?? []), item]);
  }
  const createIn = (ns: string) => {
    for (const { resource, object } of waiting.get(ns) ?? []) createMissing(ctx, resource, object);
    waiting.delete(ns);
  };
  for (const ns of [...waiting.keys()]) if (ctx.store.getRef('namespaces', undefined, ns)) createIn(ns);
  if (!waiting.size) return;
  const stop = ctx.store.subscribe((e) => {
    const ns = e.object.metadata.name!;
    if (e.type !== 'ADDED' || !waiting.has(ns)) return;
    // After the write that announced the namespace has reached every listener.
    queueMicrotask(() => {
      if (ctx.store.getRef('namespaces', undefined, ns)) createIn(ns);
      if (!waiting.size) stop();
    });
  }, 'namespaces');
}
