import type { KubeObject } from '../../../kube/object.ts';
import type { Store } from '../store.ts';
import { ruleAllowsNonResource, ruleAllowsResource, subjectMatches, type NonResourceRequest, type RbacRule, type ResourceRequest, type Subject } from './rules.ts';

export interface Identity {
  name: string;
  groups: readonly string[];
}

interface BoundRules {
  rules: readonly RbacRule[];
  /** `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`, as the RBAC authorizer explains a decision. */
  describe(): string;
}

const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';
const ROLES = 'roles.rbac.authorization.k8s.io';
const CLUSTER_ROLE_BINDINGS = 'clusterrolebindings.rbac.authorization.k8s.io';
const ROLE_BINDINGS = 'rolebindings.rbac.authorization.k8s.io';

function describeSubject(s: Subject, bindingNamespace: string | undefined): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount "${s.name}/${s.namespace || bindingNamespace || ''}"`;
  return `${s.kind} "${s.name}"`;
}

/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): a request is allowed when a rule of a
 * role bound to the user allows it — ClusterRoleBindings everywhere, RoleBindings in their namespace.
 * It reads the bindings and roles from the store on every decision, so a new binding applies at once.
 */
export class RbacAuthorizer {
  constructor(private readonly store: Store) {}

  private roleRules(kind: string, name: string, namespace: string | undefined): readonly RbacRule[] | undefined {
    const role =
      kind === 'ClusterRole' ? this.store.getRef(CLUSTER_ROLES, undefined, name) : kind === 'Role' && namespace ? this.store.getRef(ROLES, namespace, name) : undefined;
    return role ? ((role.rules as RbacRule[] | undefined) ?? []) : undefined;
  }

  /** The rules bound to `user` that apply in `namespace` (cluster-wide ones only when it is undefined). */
  private *boundRules(user: Identity, namespace: string | undefined): Generator<BoundRules> {
    const bindings: [string, readonly Readonly<KubeObject>[]][] = [['ClusterRoleBinding', this.store.listRefs(CLUSTER_ROLE_BINDINGS)]];
    if (namespace) bindings.push(['RoleBinding', this.store.listRefs(ROLE_BINDINGS, namespace)]);
    for (const [bindingKind, list] of bindings) {
      for (const b of list) {
        const ns = b.metadata.namespace;
        const subject = ((b.subjects as Subject[] | undefined) ?? []).find((s) => s && subjectMatches(s, user, ns));
        if (!subject) continue;
        const ref = (b.roleRef ?? {}) as { kind?: string; name?: string };
        const rules = this.roleRules(ref.kind ?? '', ref.name ?? '', ns);
        if (!rules) continue;
        const bindingName = ns ? `${b.metadata.name}/${ns}` : b.metadata.name;
        yield { rules, describe: () => `${bindingKind} "${bindingName}" of ${ref.kind} "${ref.name}" to ${describeSubject(subject, ns)}` };
      }
    }
  }

  /** Why the request is allowed (`RBAC: allowed by ...`), or undefined when no bound rule allows it. */
  allowsResource(user: Identity, a: ResourceRequest): string | undefined {
    for (const b of this.boundRules(user, a.namespace)) {
      if (b.rules.some((r) => ruleAllowsResource(r, a))) return `RBAC: allowed by ${b.describe()}`;
    }
    return undefined;
  }

  allowsNonResource(user: Identity, a: NonResourceRequest): string | undefined {
    for (const b of this.boundRules(user, undefined)) {
      if (b.rules.some((r) => ruleAllowsNonResource(r, a))) return `RBAC: allowed by ${b.describe()}`;
    }
    return undefined;
  }

  /** Every rule bound to `user` in `namespace`, as SelfSubjectRulesReview lists them. */
  rulesFor(user: Identity, namespace: string | undefined): RbacRule[] {
    const out: RbacRule[] = [];
    for (const b of this.boundRules(user, namespace)) out.push(...b.rules);
    return out;
  }
}
