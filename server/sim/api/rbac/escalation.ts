/**
 * RBAC escalation prevention (pkg/registry/rbac/validation ConfirmNoEscalation): nobody grants,
 * in a Role or through a binding, a permission they do not hold themselves, unless they may
 * `escalate` that role (for roles) or `bind` it (for bindings). The cluster's own control loops
 * are not checked, as the loopback client is not.
 */
import { ApiError, notFound } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { Store } from '../store.ts';
import type { Machinery } from '../machinery.ts';
import type { RbacRule } from './rules.ts';

export interface Requester {
  user: { name: string; groups: readonly string[] };
  allows(a: { verb: string; group: string; resource: string; subresource?: string; namespace?: string; name?: string }): boolean;
  allowsPath(verb: string, path: string): boolean;
}

const RBAC = 'rbac.authorization.k8s.io';

/** Go's %q of a string slice: ["a" "b"]. */
const q = (list: readonly string[]) => `[${list.map((s) => JSON.stringify(s)).join(' ')}]`;
const compact = (list: readonly string[]) => `[${list.map((s) => JSON.stringify(s)).join(', ')}]`;

/** The parts of `rules` the requester does not hold, one compact line per rule with the missing verbs. */
function missingRules(r: Requester, rules: readonly RbacRule[], namespace: string | undefined): string[] {
  const missing: string[] = [];
  for (const rule of rules) {
    const verbs = rule.verbs ?? [];
    if (rule.nonResourceURLs?.length) {
      for (const url of rule.nonResourceURLs) {
        const lacking = verbs.filter((v) => !r.allowsPath(v, url));
        if (lacking.length) missing.push(`{NonResourceURLs:${compact([url])}, Verbs:${compact(lacking)}}`);
      }
      continue;
    }
    for (const group of rule.apiGroups ?? []) {
      for (const res of rule.resources ?? []) {
        const [resource, subresource] = res.split('/', 2);
        for (const name of rule.resourceNames?.length ? rule.resourceNames : [undefined]) {
          const lacking = verbs.filter((verb) => !r.allows({ verb, group, resource, subresource, namespace, name }));
          if (!lacking.length) continue;
          const names = name ? `, ResourceNames:${compact([name])}` : '';
          missing.push(`{APIGroups:${compact([group])}, Resources:${compact([res])}${names}, Verbs:${compact(lacking)}}`);
        }
      }
    }
  }
  return missing;
}

function refuse(r: Requester, resource: string, name: string, missing: string[]): ApiError {
  const message = `user ${JSON.stringify(r.user.name)} (groups=${q(r.user.groups)}) is attempting to grant RBAC permissions not currently held:\n${missing.join('\n')}`;
  return new ApiError(403, 'Forbidden', `${resource}.${RBAC} ${JSON.stringify(name)} is forbidden: ${message}`, { name, group: RBAC, kind: resource });
}

const isMaster = (r: Requester) => r.user.groups.includes('system:masters');

/** A Role or ClusterRole may only hold rules its author holds (or may escalate). */
export function confirmRoleNoEscalation(r: Requester, obj: KubeObject, cluster: boolean): void {
  if (isMaster(r)) return;
  const resource = cluster ? 'clusterroles' : 'roles';
  const namespace = cluster ? undefined : obj.metadata.namespace;
  if (r.allows({ verb: 'escalate', group: RBAC, resource, namespace, name: obj.metadata.name })) return;
  // An aggregated ClusterRole's rules come from the controller, not its author.
  if (cluster && obj.aggregationRule) return;
  const missing = missingRules(r, (obj.rules as RbacRule[] | undefined) ?? [], namespace);
  if (missing.length) throw refuse(r, resource, obj.metadata.name ?? '', missing);
}

/** A binding may only grant a role its author holds entirely, or may `bind`. */
export function confirmBindingNoEscalation(r: Requester, obj: KubeObject, store: Store, cluster: boolean): void {
  if (isMaster(r)) return;
  const ref = (obj.roleRef ?? {}) as { kind?: string; name?: string };
  const namespace = cluster ? undefined : obj.metadata.namespace;
  const roleResource = ref.kind === 'ClusterRole' ? 'clusterroles' : 'roles';
  if (r.allows({ verb: 'bind', group: RBAC, resource: roleResource, namespace, name: ref.name })) return;
  const role = ref.kind === 'ClusterRole' ? store.getRef(`clusterroles.${RBAC}`, undefined, ref.name ?? '') : store.getRef(`roles.${RBAC}`, namespace, ref.name ?? '');
  if (!role) throw notFound(roleResource, RBAC, ref.name ?? '');
  const rules = (role.rules as RbacRule[] | undefined) ?? [];
  const missing = missingRules(r, rules, namespace);
  if (missing.length) throw refuse(r, cluster ? 'clusterrolebindings' : 'rolebindings', obj.metadata.name ?? '', missing);
}

/**
 * The API server's machinery for one RBAC write by `r`: admission as usual, then the escalation
 * check, which needs to know who asks (the cluster's own writes go through plain admission).
 */
export function withEscalationCheck(machinery: Machinery, r: Requester): Machinery {
  return {
    ...machinery,
    admit(type, obj, old, ctx, op) {
      machinery.admit(type, obj, old, ctx, op);
      if (type.group !== RBAC) return;
      if (type.plural === 'roles' || type.plural === 'clusterroles') confirmRoleNoEscalation(r, obj, type.plural === 'clusterroles');
      else confirmBindingNoEscalation(r, obj, ctx.store, type.plural === 'clusterrolebindings');
    },
  };
}
