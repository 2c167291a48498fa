import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../kube/object.ts';
import { admit } from '../admission/index.ts';
import { create, rejection, testContext } from '../admission/testContext.ts';

const ROLES = 'roles.rbac.authorization.k8s.io';
const BINDINGS = 'rolebindings.rbac.authorization.k8s.io';
const role = (rules: unknown, name = 'r'): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: 'shop' }, rules });
const binding = (extra: Record<string, unknown>): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'b', namespace: 'shop' },
  roleRef: { kind: 'Role', name: 'r' },
  subjects: [{ kind: 'User', name: 'jane' }],
  ...extra,
});

test('RBAC names only need to be a path segment: system:basic-user is a good name, a/b is not', () => {
  const ctx = testContext();
  create(ctx, ROLES, role([], 'system:team:reader'));
  const bad = rejection(() => create(ctx, ROLES, role([], 'a/b')));
  assert.equal(bad.message, 'Role.rbac.authorization.k8s.io "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain \'/\'');
});

test('a rule needs verbs and either groups and resources or (in a ClusterRole) non-resource URLs', () => {
  const ctx = testContext();
  const e = rejection(() => create(ctx, ROLES, role([{ resources: ['pods'] }])));
  assert.equal(e.code, 422);
  assert.deepEqual(
    e.details?.causes?.map((c) => `${c.field}: ${c.message}`),
    ['rules[0].verbs: Required value: verbs must contain at least one value', 'rules[0].apiGroups: Required value: resource rules must supply at least one api group'],
  );
  const both = rejection(() =>
    create(ctx, 'clusterroles.rbac.authorization.k8s.io', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'c' }, rules: [{ verbs: ['get'], resources: ['pods'], apiGroups: [''], nonResourceURLs: ['/logs'] }] }),
  );
  assert.match(both.message, /rules\[0\]\.nonResourceURLs: Invalid value: \[\]string\{"\/logs"\}: rules cannot apply to both regular resources and non-resource URLs/);
});

test('wrong JSON types are refused as the decoder refuses them, before validation', () => {
  const ctx = testContext();
  const e = rejection(() => create(ctx, ROLES, role([{ verbs: ['get'], apiGroups: [''], resources: [5] }])));
  assert.equal(e.code, 400);
  assert.equal(e.message, 'Role in version "v1" cannot be handled as a Role: json: cannot unmarshal number into Go struct field PolicyRule.rules.resources of type string');
  const s = rejection(() => create(ctx, BINDINGS, binding({ subjects: [{ kind: 'User', name: ['jane'] }] })));
  assert.equal(s.message, 'RoleBinding in version "v1" cannot be handled as a RoleBinding: json: cannot unmarshal array into Go struct field Subject.subjects.name of type string');
  assert.equal(ctx.store.list(ROLES).length, 0);
});

test('bindings default the RBAC group of roleRef and of User and Group subjects; roleRef never changes', () => {
  const ctx = testContext();
  const stored = create(ctx, BINDINGS, binding({ subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'ci' }, { kind: 'Group', name: 'devs' }] }));
  assert.equal((stored.roleRef as { apiGroup: string }).apiGroup, 'rbac.authorization.k8s.io');
  assert.deepEqual((stored.subjects as { apiGroup?: string }[]).map((s) => s.apiGroup), ['rbac.authorization.k8s.io', undefined, 'rbac.authorization.k8s.io']);
  const next = structuredClone(stored);
  (next.roleRef as { name: string }).name = 'other';
  const e = rejection(() => admit(ctx.store.type(BINDINGS), next, stored, ctx, 'update'));
  assert.equal(e.message, 'RoleBinding.rbac.authorization.k8s.io "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"other"}: cannot change roleRef');
  // Subjects may change.
  const moreSubjects = structuredClone(stored);
  (moreSubjects.subjects as unknown[]).push({ kind: 'User', name: 'joe' });
  admit(ctx.store.type(BINDINGS), moreSubjects, stored, ctx, 'update');
});
