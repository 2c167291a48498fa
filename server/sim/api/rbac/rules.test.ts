import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServiceAccountUsername, ruleAllowsNonResource, ruleAllowsResource, subjectMatches, subjectsStrings } from './rules.ts';
import { aggregateAll, aggregatedRules } from './aggregation.ts';
import { bootstrapClusterRoles } from './bootstrapPolicy.ts';

const podsReader = { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'pods/log'] };

test('a rule allows its verbs on its resources in its groups, and nothing else', () => {
  assert.ok(ruleAllowsResource(podsReader, { verb: 'list', group: '', resource: 'pods', namespace: 'a' }));
  assert.ok(ruleAllowsResource(podsReader, { verb: 'get', group: '', resource: 'pods', subresource: 'log', name: 'web' }));
  assert.ok(!ruleAllowsResource(podsReader, { verb: 'delete', group: '', resource: 'pods' }));
  assert.ok(!ruleAllowsResource(podsReader, { verb: 'list', group: 'apps', resource: 'pods' }));
  // pods/exec is its own resource: reading pods does not open a shell.
  assert.ok(!ruleAllowsResource(podsReader, { verb: 'create', group: '', resource: 'pods', subresource: 'exec', name: 'web' }));
});

test('"*" matches any verb, group and resource; "*/log" any log subresource but never the resource itself', () => {
  assert.ok(ruleAllowsResource({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verb: 'escalate', group: 'rbac.authorization.k8s.io', resource: 'roles' }));
  const logs = { verbs: ['get'], apiGroups: [''], resources: ['*/log'] };
  assert.ok(ruleAllowsResource(logs, { verb: 'get', group: '', resource: 'pods', subresource: 'log' }));
  assert.ok(!ruleAllowsResource(logs, { verb: 'get', group: '', resource: 'pods' }));
  // Kubernetes never matches "pods/*" against a subresource.
  assert.ok(!ruleAllowsResource({ verbs: ['get'], apiGroups: [''], resources: ['pods/*'] }, { verb: 'get', group: '', resource: 'pods', subresource: 'log' }));
});

test('resourceNames narrow a rule to named objects: a list or a create never matches them', () => {
  const one = { verbs: ['get', 'list', 'update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] };
  assert.ok(ruleAllowsResource(one, { verb: 'get', group: '', resource: 'configmaps', name: 'settings' }));
  assert.ok(!ruleAllowsResource(one, { verb: 'get', group: '', resource: 'configmaps', name: 'other' }));
  assert.ok(!ruleAllowsResource(one, { verb: 'list', group: '', resource: 'configmaps' }));
});

test('non-resource URLs match exactly or by a trailing * prefix, and never a resource request', () => {
  const discovery = { verbs: ['get'], nonResourceURLs: ['/api', '/apis/*', '/healthz'] };
  assert.ok(ruleAllowsNonResource(discovery, { verb: 'get', path: '/api' }));
  assert.ok(ruleAllowsNonResource(discovery, { verb: 'get', path: '/apis/apps/v1' }));
  assert.ok(!ruleAllowsNonResource(discovery, { verb: 'get', path: '/api/v1' }));
  assert.ok(!ruleAllowsNonResource(discovery, { verb: 'post', path: '/healthz' }));
  assert.ok(!ruleAllowsResource(discovery, { verb: 'get', group: '', resource: 'pods' }));
});

test('subjects match users by name, groups by membership and service accounts by their username', () => {
  const sa = { name: 'system:serviceaccount:team-a:reader', groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'] };
  assert.ok(subjectMatches({ kind: 'ServiceAccount', name: 'reader', namespace: 'team-a' }, sa, undefined));
  // A subject without a namespace takes the RoleBinding's.
  assert.ok(subjectMatches({ kind: 'ServiceAccount', name: 'reader' }, sa, 'team-a'));
  assert.ok(!subjectMatches({ kind: 'ServiceAccount', name: 'reader' }, sa, 'team-b'));
  assert.ok(subjectMatches({ kind: 'Group', name: 'system:serviceaccounts:team-a' }, sa, undefined));
  assert.ok(subjectMatches({ kind: 'User', name: 'system:serviceaccount:team-a:reader' }, sa, undefined));
  assert.ok(!subjectMatches({ kind: 'User', name: 'reader' }, sa, undefined));
  assert.deepEqual(parseServiceAccountUsername('system:serviceaccount:team-a:reader'), { namespace: 'team-a', name: 'reader' });
  assert.equal(parseServiceAccountUsername('system:serviceaccount:team-a'), undefined);
  assert.deepEqual(subjectsStrings([{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'reader', namespace: 'team-a' }, { kind: 'Group', name: 'ops' }]), {
    users: ['jane'],
    groups: ['ops'],
    serviceAccounts: ['team-a/reader'],
  });
});

test('admin holds edit, which holds view: the default roles are aggregated bottom up', () => {
  const roles = bootstrapClusterRoles();
  const rulesOf = (name: string) => roles.find((r) => r.metadata.name === name)!.rules as { verbs: string[]; apiGroups?: string[]; resources?: string[] }[];
  const allows = (name: string, verb: string, group: string, resource: string) =>
    rulesOf(name).some((r) => ruleAllowsResource(r, { verb, group, resource: resource.split('/')[0], subresource: resource.split('/')[1] }));
  assert.ok(allows('view', 'list', '', 'pods'));
  assert.ok(!allows('view', 'get', '', 'secrets'));
  assert.ok(!allows('view', 'create', '', 'pods/exec'));
  assert.ok(allows('edit', 'list', '', 'pods'), 'edit includes view');
  assert.ok(allows('edit', 'create', '', 'pods/exec'));
  assert.ok(allows('edit', 'get', '', 'secrets'));
  assert.ok(!allows('edit', 'create', 'rbac.authorization.k8s.io', 'rolebindings'));
  assert.ok(allows('admin', 'create', 'rbac.authorization.k8s.io', 'rolebindings'));
  assert.ok(allows('admin', 'list', '', 'pods'), 'admin includes edit and view');
  // A role that stops carrying the label drops out of the aggregate.
  const view = roles.find((r) => r.metadata.name === 'view')!;
  const unlabelled = structuredClone(roles);
  unlabelled.find((r) => r.metadata.name === 'system:aggregate-to-view')!.metadata.labels = {};
  assert.deepEqual(aggregatedRules(view, unlabelled), []);
  aggregateAll(unlabelled);
  const edit = unlabelled.find((r) => r.metadata.name === 'edit')!;
  assert.ok(!(edit.rules as { verbs: string[] }[]).some((r) => ruleAllowsResource(r, { verb: 'list', group: '', resource: 'pods' })), 'edit loses what view gave it');
});
