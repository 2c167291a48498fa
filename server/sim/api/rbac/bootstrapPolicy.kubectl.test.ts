import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';
import { eventually } from '../../../testing/eventually.ts';
import { bootstrapPolicyData } from './bootstrapPolicy.ts';

// TLS: the kubeconfig's client certificate is the admin (system:masters), who may impersonate
// the users and service accounts the default bindings name (--as).
const demo = demoClusterForKubectl({ tls: true });

async function ok(...args: string[]): Promise<string> {
  const r = await demo.kubectl(args, { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

const canI = async (...args: string[]) => (await demo.kubectl(['auth', 'can-i', ...args])).stdout.trim();

/** The seed creates kube-system and kube-public; the hook's Roles follow them. */
async function systemRolesReady(): Promise<void> {
  const { store } = (await demo.ready()).ctx;
  await eventually(() => store.count('rolebindings.rbac.authorization.k8s.io') >= bootstrapPolicyData().namespaceRoleBindings.length, 'the kube-system RoleBindings');
}

test('kubectl get clusterrole system:node -o yaml shows the 1.32 node rules, label and autoupdate annotation', async () => {
  const out = await ok('get', 'clusterrole', 'system:node', '-o', 'yaml');
  const role = parse(out) as { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; rules: unknown[] };
  assert.deepEqual(role.rules, bootstrapPolicyData().clusterRoles.find((r) => r.name === 'system:node')!.rules);
  assert.equal(role.metadata.labels['kubernetes.io/bootstrapping'], 'rbac-defaults');
  assert.equal(role.metadata.annotations['rbac.authorization.kubernetes.io/autoupdate'], 'true');
  // kubectl's YAML of one rule, as on a real cluster.
  assert.match(out, /\n- apiGroups:\n {2}- coordination\.k8s\.io\n {2}resources:\n {2}- leases\n {2}verbs:\n {2}- create\n {2}- delete\n {2}- get\n {2}- patch\n {2}- update\n/);
});

test('kube-system holds the bootstrap Roles and RoleBindings: authentication reader and leader locking', async () => {
  await systemRolesReady();
  const role = await ok('get', 'role', '-n', 'kube-system', 'extension-apiserver-authentication-reader');
  assert.match(role, /^NAME\s+CREATED AT\nextension-apiserver-authentication-reader\s+\d{4}-\d\d-\d\dT/);
  const binding = await ok('get', 'rolebinding', '-n', 'kube-system', 'system::leader-locking-kube-scheduler', '-o', 'wide');
  assert.match(binding, /^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\n/);
  assert.match(binding, /\nsystem::leader-locking-kube-scheduler\s+Role\/system::leader-locking-kube-scheduler\s+\S+\s+system:kube-scheduler\s+kube-system\/kube-scheduler\s*\n/);
  const publicRoles = await ok('get', 'roles', '-n', 'kube-public', '-o', 'name');
  assert.equal(publicRoles, 'role.rbac.authorization.k8s.io/system:controller:bootstrap-signer\n');
});

test('kubectl auth can-i answers for the users and service accounts the default bindings name', async () => {
  await systemRolesReady();
  const scheduler = '--as=system:kube-scheduler';
  assert.equal(await canI('list', 'pods', scheduler, '--all-namespaces'), 'yes');
  // TYPE/NAME names an object for kubectl; a subresource takes --subresource.
  assert.equal(await canI('create', 'pods', '--subresource=binding', scheduler, '-n', 'default'), 'yes');
  assert.equal(await canI('create', 'pods', scheduler, '-n', 'default'), 'no');
  assert.equal(await canI('delete', 'nodes', scheduler), 'no');
  assert.equal(await canI('create', 'deployments.apps', scheduler, '-n', 'default'), 'no');
  // The kube-scheduler lease by name, through the kube-system RoleBinding and the ClusterRole alike.
  assert.equal(await canI('update', 'leases.coordination.k8s.io/kube-scheduler', scheduler, '-n', 'kube-system'), 'yes');
  assert.equal(await canI('get', 'configmaps/extension-apiserver-authentication', scheduler, '-n', 'kube-system'), 'yes');
  assert.equal(await canI('get', 'configmaps/other', scheduler, '-n', 'kube-system'), 'no');
  const deployments = '--as=system:serviceaccount:kube-system:deployment-controller';
  assert.equal(await canI('update', 'deployments.apps', '--subresource=status', deployments, '-n', 'shop'), 'yes');
  assert.equal(await canI('delete', 'deployments.apps', deployments, '-n', 'shop'), 'no');
  assert.equal(await canI('get', '/metrics', '--as=someone', '--as-group=system:monitoring'), 'yes');
});

test('the cluster has exactly the bootstrap objects the 1.32 policy lists, by label', async () => {
  await systemRolesReady();
  const data = bootstrapPolicyData();
  const count = async (...args: string[]) => (await ok('get', ...args, '-l', 'kubernetes.io/bootstrapping=rbac-defaults', '-o', 'name')).trim().split('\n').length;
  assert.equal(await count('clusterroles'), data.clusterRoles.length + data.controllerRoles.length);
  assert.equal(await count('clusterrolebindings'), data.clusterRoleBindings.length + data.controllerRoleBindings.length);
  assert.equal(await count('roles', '--all-namespaces'), data.namespaceRoles.length);
  assert.equal(await count('rolebindings', '--all-namespaces'), data.namespaceRoleBindings.length);
});
