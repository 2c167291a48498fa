import { subjectsStrings, type Subject } from '../rbac/rules.ts';
import { since } from './humanDuration.ts';
import { ageColumn, column, nameColumn, type Printer } from './printer.ts';

const ROLE_REF = 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.';

/** printRoleBinding / printClusterRoleBinding: Kind/name of the role; subjects only with -o wide. Roles have no printer (Name, Created At). */
function bindingPrinter(kind: 'roleBinding' | 'clusterRoleBinding'): Printer {
  return {
    columns: [
      nameColumn(),
      column('Role', 'string', ROLE_REF),
      ageColumn(),
      column('Users', 'string', `Users in the ${kind}`, 1),
      column('Groups', 'string', `Groups in the ${kind}`, 1),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${kind}`, 1),
    ],
    cells(o, now) {
      const ref = (o.roleRef ?? {}) as { kind?: string; name?: string };
      const s = subjectsStrings(o.subjects as Subject[] | undefined);
      return [o.metadata.name, `${ref.kind ?? ''}/${ref.name ?? ''}`, since(o.metadata.creationTimestamp, now), s.users.join(', '), s.groups.join(', '), s.serviceAccounts.join(', ')];
    },
  };
}

export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');

/** printLease: the holder's identity (empty when nobody holds it). */
export const leasePrinter: Printer = {
  columns: [nameColumn(), column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.'), ageColumn()],
  cells(o, now) {
    return [o.metadata.name, String((o.spec as { holderIdentity?: string } | undefined)?.holderIdentity ?? ''), since(o.metadata.creationTimestamp, now)];
  },
};
