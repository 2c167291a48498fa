import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testContext } from '../../controllers/testContext.ts';
import { namespace } from '../../seed/templates.ts';
import { createAdmitted } from '../admittedCreate.ts';
import { eventually } from '../../../testing/eventually.ts';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles, bootstrapNamespacedObjects, bootstrapPolicyData, ensureBootstrapPolicy } from './bootstrapPolicy.ts';

const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';
const CLUSTER_ROLE_BINDINGS = 'clusterrolebindings.rbac.authorization.k8s.io';
const ROLES = 'roles.rbac.authorization.k8s.io';
const ROLE_BINDINGS = 'rolebindings.rbac.authorization.k8s.io';

const names = (objs: readonly { metadata: { name?: string; namespace?: string } }[]) => objs.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort();
const dataNames = (objs: readonly { name: string; namespace?: string }[]) => objs.map((o) => `${o.namespace ?? ''}/${o.name}`).sort();

test('a new cluster holds every ClusterRole and ClusterRoleBinding of the 1.32 policy, and the Roles once kube-system and kube-public exist', async () => {
  const data = bootstrapPolicyData();
  const { ctx, close } = testContext([]);
  try {
    ensureBootstrapPolicy(ctx);
    const { store } = ctx;
    assert.equal(store.count(CLUSTER_ROLES), data.clusterRoles.length + data.controllerRoles.length);
    assert.equal(store.count(CLUSTER_ROLE_BINDINGS), data.clusterRoleBindings.length + data.controllerRoleBindings.length);
    assert.deepEqual(names(store.listRefs(CLUSTER_ROLES)), dataNames([...data.clusterRoles, ...data.controllerRoles]));
    assert.deepEqual(names(store.listRefs(CLUSTER_ROLE_BINDINGS)), dataNames([...data.clusterRoleBindings, ...data.controllerRoleBindings]));
    // The figures of the upstream fixtures: 31 + 33 ClusterRoles, 12 + 33 bindings, 7 Roles, 7 RoleBindings.
    assert.deepEqual([data.clusterRoles.length, data.controllerRoles.length, data.clusterRoleBindings.length, data.controllerRoleBindings.length], [31, 33, 12, 33]);
    assert.deepEqual([data.namespaceRoles.length, data.namespaceRoleBindings.length], [7, 7]);

    // The hook creates a Role only in its namespace; the system namespaces come with the cluster.
    assert.equal(store.count(ROLES), 0);
    createAdmitted(ctx, 'namespaces', namespace('kube-system'));
    createAdmitted(ctx, 'namespaces', namespace('kube-public'));
    await eventually(() => store.count(ROLE_BINDINGS) === data.namespaceRoleBindings.length, 'the RoleBindings of kube-system and kube-public');
    assert.deepEqual(names(store.listRefs(ROLES)), dataNames(data.namespaceRoles));
    assert.deepEqual(names(store.listRefs(ROLE_BINDINGS)), dataNames(data.namespaceRoleBindings));

    for (const resource of [CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS]) {
      for (const o of store.listRefs(resource)) {
        assert.equal(o.metadata.labels?.['kubernetes.io/bootstrapping'], 'rbac-defaults', `${resource} ${o.metadata.name}`);
        assert.equal(o.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'], 'true', `${resource} ${o.metadata.name}`);
      }
    }
  } finally {
    close();
  }
});

test('a default role an administrator edited keeps the edit across a restart of the hook', () => {
  const { ctx, close } = testContext([]);
  try {
    ensureBootstrapPolicy(ctx);
    ctx.store.mutate(CLUSTER_ROLES, undefined, 'system:heapster', (r) => void (r.rules = []));
    ensureBootstrapPolicy(ctx);
    assert.deepEqual(ctx.store.getRef(CLUSTER_ROLES, undefined, 'system:heapster')!.rules, []);
  } finally {
    close();
  }
});

test('every bootstrap object passes the API server\'s validation (the start-up writes them without it)', () => {
  const { ctx, close } = testContext([]);
  try {
    for (const ns of ['kube-system', 'kube-public']) createAdmitted(ctx, 'namespaces', namespace(ns));
    for (const r of bootstrapClusterRoles()) createAdmitted(ctx, CLUSTER_ROLES, r);
    for (const b of bootstrapClusterRoleBindings()) createAdmitted(ctx, CLUSTER_ROLE_BINDINGS, b);
    for (const { resource, object } of bootstrapNamespacedObjects()) createAdmitted(ctx, resource, object);
    assert.equal(ctx.store.count(ROLES) + ctx.store.count(ROLE_BINDINGS), 14);
  } finally {
    close();
  }
});

test('system:node holds the 1.32 node rules, in upstream order, and controllers are bound to their kube-system service accounts', () => {
  const node = bootstrapClusterRoles().find((r) => r.metadata.name === 'system:node')!;
  const rules = node.rules as { verbs: string[]; apiGroups?: string[]; resources?: string[] }[];
  assert.equal(rules.length, 22);
  assert.deepEqual(rules[0], { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'] });
  assert.deepEqual(rules.at(-1), { verbs: ['get', 'list', 'watch'], apiGroups: ['node.k8s.io'], resources: ['runtimeclasses'] });
  // DynamicResourceAllocation and ClusterTrustBundle are off by default in 1.32: no resource.k8s.io, no clustertrustbundles.
  assert.ok(!rules.some((r) => r.apiGroups?.includes('resource.k8s.io') || r.resources?.includes('clustertrustbundles')));
  const binding = bootstrapClusterRoleBindings().find((b) => b.metadata.name === 'system:controller:deployment-controller')!;
  assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'deployment-controller', namespace: 'kube-system' }]);
  assert.deepEqual(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:controller:deployment-controller' });
});
