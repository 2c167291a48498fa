/**
 * rbac.authorization.k8s.io/v1 PolicyRule matching, as kube-apiserver's RBAC authorizer
 * (plugin/pkg/auth/authorizer/rbac) applies it. Pure functions; the authorizer feeds them
 * the rules of the roles bound to a user.
 */

/** A PolicyRule of a Role or ClusterRole. */
export interface RbacRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** A request on a resource, in the authorizer's terms. */
export interface ResourceRequest {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** A request on a path outside the resource API (/healthz, /api, /logs...). */
export interface NonResourceRequest {
  verb: string;
  path: string;
}

const has = (list: readonly string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

/** `pods`, `pods/log`, `*`, and `*\/log` for any resource's log subresource (never `pods/*`). */
function resourceMatches(rule: RbacRule, a: ResourceRequest): boolean {
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (a.subresource && r === `*/${a.subresource}`) return true;
  }
  return false;
}

export function ruleAllowsResource(rule: RbacRule, a: ResourceRequest): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!has(rule.apiGroups, a.group)) return false;
  if (!resourceMatches(rule, a)) return false;
  // resourceNames narrows to named objects: a list, a watch or a create (no name) never matches it.
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (!!a.name && names.includes(a.name));
}

/** `*`, an exact path, or a prefix ending in `*` (`/apis/*`). */
export function ruleAllowsNonResource(rule: RbacRule, a: NonResourceRequest): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === a.path) return true;
    if (u.endsWith('*') && a.path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

/** A subject of a RoleBinding or ClusterRoleBinding. */
export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

/** `system:serviceaccount:ns:name` → { namespace, name }; other names → undefined. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** The groups every service account's user is in. */
export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];
}

/**
 * appliesToUser: a User subject by name, a Group by membership, a ServiceAccount by its
 * username (a subject without namespace takes the binding's).
 */
export function subjectMatches(s: Subject, user: { name: string; groups: readonly string[] }, bindingNamespace: string | undefined): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === user.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      return !!ns && user.name === serviceAccountUsername(ns, s.name);
    }
    default:
      return false;
  }
}

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts, as `-o wide` prints them. */
export function subjectsStrings(subjects: readonly Subject[] | undefined): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const out = { users: [] as string[], groups: [] as string[], serviceAccounts: [] as string[] };
  for (const s of subjects ?? []) {
    if (s.kind === 'User') out.users.push(s.name);
    else if (s.kind === 'Group') out.groups.push(s.name);
    else if (s.kind === 'ServiceAccount') out.serviceAccounts.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return out;
}
