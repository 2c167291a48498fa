import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { eventually } from '../../testing/eventually.ts';

// TLS, so that kubectl sends bearer tokens (it keeps them off plain HTTP); the kubeconfig's client
// certificate is the admin (system:masters), a --token flag is someone else.
const demo = demoClusterForKubectl({ tls: true, seed: false });

async function ok(...args: string[]): Promise<string> {
  const r = await demo.kubectl(args, { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function fails(...args: string[]): Promise<string> {
  const r = await demo.kubectl(args, { timeoutMs: 60_000 });
  assert.notEqual(r.code, 0, `kubectl ${args.join(' ')} should have failed: ${r.stdout}`);
  return r.stderr;
}

const canI = async (...args: string[]) => (await demo.kubectl(['auth', 'can-i', ...args])).stdout.trim();

// Node 20 runs a file's top-level before() hooks side by side, so this setup cannot be one: the
// cluster's own hook may still be starting. Every test awaits it instead (it runs once).
let setup: Promise<void> | undefined;
function ready(): Promise<void> {
  setup ??= (async () => {
    for (const ns of ['team-a', 'team-b', 'console']) await ok('create', 'namespace', ns);
    await ok('create', 'serviceaccount', 'reader', '-n', 'team-a');
    await ok('create', 'serviceaccount', 'console', '-n', 'console');
  })();
  return setup;
}

test('kubectl get clusterrole lists the default roles as NAME and CREATED AT; admin, edit and view are aggregated', async () => {
  await ready();
  const out = await ok('get', 'clusterrole');
  assert.match(out, /^NAME\s+CREATED AT\n/);
  for (const name of ['cluster-admin', 'admin', 'edit', 'view', 'system:basic-user', 'system:discovery']) assert.match(out, new RegExp(`\\n${name}\\s+\\d{4}-\\d\\d-\\d\\dT`));
  const view = await ok('describe', 'clusterrole', 'view');
  assert.match(view, /Labels:\s+kubernetes.io\/bootstrapping=rbac-defaults/);
  assert.match(view, /\n\s+pods\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
  assert.match(view, /\n\s+deployments\.apps\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
  assert.doesNotMatch(view, /\n\s+secrets\s/);
  const admin = await ok('get', 'clusterrole', 'admin', '-o', 'jsonpath={.aggregationRule.clusterRoleSelectors[0].matchLabels}');
  assert.equal(admin, '{"rbac.authorization.k8s.io/aggregate-to-admin":"true"}');
  assert.match(await ok('describe', 'clusterrole', 'admin'), /\n\s+rolebindings\.rbac\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create delete deletecollection get list patch update watch\]\n/);
  const bindings = await ok('get', 'clusterrolebinding', 'cluster-admin', 'system:basic-user', '-o', 'wide');
  assert.match(bindings, /^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\n/);
  assert.match(bindings, /\ncluster-admin\s+ClusterRole\/cluster-admin\s+\S+\s+system:masters\s*\n/);
  assert.match(bindings, /\nsystem:basic-user\s+ClusterRole\/system:basic-user\s+\S+\s+system:authenticated\s*\n/);
});

test('kubectl api-resources shows the RBAC, review, token and lease kinds as a 1.32 cluster does', async () => {
  await ready();
  const out = await ok('api-resources', '-o', 'wide');
  assert.match(out, /\nclusterroles\s+rbac\.authorization\.k8s\.io\/v1\s+false\s+ClusterRole\s+create,delete,deletecollection,get,list,patch,update,watch\s*\n/);
  assert.match(out, /\nrolebindings\s+rbac\.authorization\.k8s\.io\/v1\s+true\s+RoleBinding\s+create,delete,deletecollection,get,list,patch,update,watch\s*\n/);
  assert.match(out, /\nleases\s+coordination\.k8s\.io\/v1\s+true\s+Lease\s/);
  assert.match(out, /\nselfsubjectreviews\s+authentication\.k8s\.io\/v1\s+false\s+SelfSubjectReview\s+create\s*\n/);
  assert.match(out, /\ntokenreviews\s+authentication\.k8s\.io\/v1\s+false\s+TokenReview\s+create\s*\n/);
  assert.match(out, /\nsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+false\s+SubjectAccessReview\s+create\s*\n/);
});

test('a Role and RoleBinding made with kubectl print as kubectl 1.32 prints them', async () => {
  await ready();
  await ok('create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods,pods/log', '-n', 'team-a');
  const role = await ok('describe', 'role', 'pod-reader', '-n', 'team-a');
  assert.match(role, /PolicyRule:\n\s+Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs\n/);
  assert.match(role, /\n\s+pods\/log\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
  await ok('create', 'rolebinding', 'read-pods', '--role=pod-reader', '--serviceaccount=team-a:reader', '--user=jane', '--group=devs', '-n', 'team-a');
  const wide = await ok('get', 'rolebinding', '-n', 'team-a', '-o', 'wide');
  assert.match(wide, /^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\n/);
  assert.match(wide, /\nread-pods\s+Role\/pod-reader\s+\d+s\s+jane\s+devs\s+team-a\/reader\n/);
  assert.match(await ok('get', 'rolebinding', '-n', 'team-a'), /^NAME\s+ROLE\s+AGE\n/);
  const stored = JSON.parse(await ok('get', 'rolebinding', 'read-pods', '-n', 'team-a', '-o', 'json')) as { subjects: { kind: string; apiGroup?: string }[] };
  assert.deepEqual(
    stored.subjects.map((s) => [s.kind, s.apiGroup ?? '']),
    [['User', 'rbac.authorization.k8s.io'], ['Group', 'rbac.authorization.k8s.io'], ['ServiceAccount', '']],
  );
});

test("a binding's roleRef cannot change, and bad subjects and rules are refused in the API server's words", async () => {
  await ready();
  await ok('create', 'rolebinding', 'fixed', '--clusterrole=view', '--user=jane', '-n', 'team-b');
  const changed = await fails('patch', 'rolebinding', 'fixed', '-n', 'team-b', '--type=merge', '-p', '{"roleRef":{"name":"edit"}}');
  assert.match(changed, /The RoleBinding "fixed" is invalid: roleRef: Invalid value: rbac\.RoleRef\{APIGroup:"rbac\.authorization\.k8s\.io", Kind:"ClusterRole", Name:"edit"\}: cannot change roleRef/);
  const bad = await demo.kubectl(['create', '-f', '-'], {
    input: JSON.stringify({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'robots' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'view' },
      subjects: [{ kind: 'Robot', name: 'r2d2' }, { kind: 'ServiceAccount', name: 'reader' }],
    }),
  });
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /roleRef\.kind: Unsupported value: "Role": supported values: "ClusterRole"/);
  assert.match(bad.stderr, /subjects\[0\]\.kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"/);
  assert.match(bad.stderr, /subjects\[1\]\.namespace: Required value/);
  const urls = await demo.kubectl(['create', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'urls', namespace: 'team-b' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/logs'] }] }),
  });
  assert.match(urls.stderr, /rules\[0\]\.nonResourceURLs: Invalid value: \[\]string\{"\/logs"\}: namespaced rules cannot apply to non-resource URLs/);
  assert.match(await fails('get', 'rolebinding', 'robots'), /NotFound|not found/);
});

test('kubectl auth can-i --as the console service account says no, and yes only in the namespace a RoleBinding grants', async () => {
  await ready();
  const as = '--as=system:serviceaccount:console:console';
  assert.equal(await canI('list', 'pods', as), 'no');
  assert.equal(await canI('list', 'pods', as, '-n', 'console'), 'no');
  await ok('create', 'rolebinding', 'console-view', '--clusterrole=view', '--serviceaccount=console:console', '-n', 'console');
  assert.equal(await canI('list', 'pods', as, '-n', 'console'), 'yes');
  assert.equal(await canI('list', 'pods', as, '-n', 'default'), 'no');
  assert.equal(await canI('list', 'pods', as, '--all-namespaces'), 'no');
  // view reads logs but opens no shell and reads no Secret.
  assert.equal(await canI('get', 'pods', '--subresource=log', as, '-n', 'console'), 'yes');
  assert.equal(await canI('create', 'pods', '--subresource=exec', as, '-n', 'console'), 'no');
  assert.equal(await canI('get', 'secrets', as, '-n', 'console'), 'no');
});

test('resourceNames allow the named object only', async () => {
  await ready();
  await ok('create', 'role', 'one-config', '--verb=get', '--resource=configmaps', '--resource-name=settings', '-n', 'team-b');
  await ok('create', 'rolebinding', 'one-config', '--role=one-config', '--user=ann', '-n', 'team-b');
  assert.equal(await canI('get', 'configmap/settings', '--as=ann', '-n', 'team-b'), 'yes');
  assert.equal(await canI('get', 'configmap/other', '--as=ann', '-n', 'team-b'), 'no');
  assert.equal(await canI('list', 'configmaps', '--as=ann', '-n', 'team-b'), 'no');
});

test('a token from kubectl create token acts as the service account: allowed where bound, forbidden elsewhere in the real words', async () => {
  await ready();
  const token = (await ok('create', 'token', 'reader', '-n', 'team-a', '--duration=20m')).trim();
  const [, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; exp: number; iat: number; aud: string[]; 'kubernetes.io': { namespace: string } };
  assert.equal(claims.sub, 'system:serviceaccount:team-a:reader');
  assert.equal(claims.exp - claims.iat, 1200);
  assert.equal(claims['kubernetes.io'].namespace, 'team-a');
  const as = [`--token=${token}`];
  const allowed = await demo.kubectl(['get', 'pods', '-n', 'team-a', ...as]);
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stderr, /No resources found in team-a namespace/);
  const denied = await fails('get', 'pods', '-n', 'team-b', ...as);
  assert.match(denied, /pods is forbidden: User "system:serviceaccount:team-a:reader" cannot list resource "pods" in API group "" in the namespace "team-b"/);
  assert.match(await fails('get', 'secrets', '-n', 'team-a', ...as), /secrets is forbidden: User "system:serviceaccount:team-a:reader" cannot list resource "secrets"/);
  const whoami = await ok('auth', 'whoami', ...as);
  assert.match(whoami, /^ATTRIBUTE\s+VALUE\n/);
  assert.match(whoami, /\nUsername\s+system:serviceaccount:team-a:reader\n/);
  assert.match(whoami, /\nGroups\s+\[system:serviceaccounts system:serviceaccounts:team-a system:authenticated\]\n/);
  const rules = await ok('auth', 'can-i', '--list', '-n', 'team-a', ...as);
  assert.match(rules, /\npods\/log\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
  assert.match(rules, /\nselfsubjectreviews\.authentication\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]\n/);
  assert.equal(await canI('list', 'pods', '-n', 'team-b', ...as), 'no');
  // A token shorter than ten minutes is refused by the API server, not by kubectl.
  assert.match(await fails('create', 'token', 'reader', '-n', 'team-a', '--duration=5m'), /spec\.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes/);
  // Once the account is gone, its tokens are worthless.
  await ok('delete', 'serviceaccount', 'reader', '-n', 'team-a');
  assert.match(await fails('get', 'pods', '-n', 'team-a', ...as), /Unauthorized|must be logged in/);
});

test('kubectl auth whoami names the admin certificate, and TokenReview answers for issued tokens', async () => {
  await ready();
  const whoami = await ok('auth', 'whoami');
  assert.match(whoami, /\nUsername\s+demo-admin\n/);
  assert.match(whoami, /\nGroups\s+\[system:masters system:authenticated\]\n/);
  const token = (await ok('create', 'token', 'console', '-n', 'console')).trim();
  // --validate=false: kubectl finds no OpenAPI v3 schema for the create-only review kinds and asks
  // /openapi/v2, which the demo cluster does not serve (the same holds for SelfSubjectAccessReview).
  const r = await demo.kubectl(['create', '--validate=false', '-o', 'json', '-f', '-'], { input: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }) });
  assert.equal(r.code, 0, r.stderr);
  const status = (JSON.parse(r.stdout) as { status: { authenticated: boolean; user: { username: string; groups: string[] } } }).status;
  assert.equal(status.authenticated, true);
  assert.equal(status.user.username, 'system:serviceaccount:console:console');
  const bad = await demo.kubectl(['create', '--validate=false', '-o', 'json', '-f', '-'], { input: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'nonsense' } }) });
  assert.equal(bad.code, 0, bad.stderr);
  assert.equal((JSON.parse(bad.stdout) as { status: { authenticated?: boolean } }).status.authenticated, undefined);
});

test('a kubernetes.io/service-account-token Secret gets a token from the tokens controller; it works until the Secret goes', async () => {
  await ready();
  await ok('create', 'serviceaccount', 'legacy', '-n', 'team-b');
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'legacy-token', namespace: 'team-b', annotations: { 'kubernetes.io/service-account.name': 'legacy' } },
    type: 'kubernetes.io/service-account-token',
  };
  const created = await demo.kubectl(['create', '-f', '-'], { input: JSON.stringify(secret) });
  assert.equal(created.code, 0, created.stderr);
  const { store } = demo.cluster;
  const data = await eventually(() => (store.getRef('secrets', 'team-b', 'legacy-token')?.data as Record<string, string> | undefined)?.token && store.getRef('secrets', 'team-b', 'legacy-token')!.data, 'the token filled in');
  const d = data as Record<string, string>;
  assert.equal(Buffer.from(d.namespace, 'base64').toString(), 'team-b');
  const token = Buffer.from(d.token, 'base64').toString();
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, string>;
  assert.equal(claims.iss, 'kubernetes/serviceaccount');
  assert.equal(claims['kubernetes.io/serviceaccount/secret.name'], 'legacy-token');
  const uid = await ok('get', 'sa', 'legacy', '-n', 'team-b', '-o', 'jsonpath={.metadata.uid}');
  assert.equal(await ok('get', 'secret', 'legacy-token', '-n', 'team-b', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/service-account\\.uid}'), uid);
  assert.match(await ok('auth', 'whoami', `--token=${token}`), /\nUsername\s+system:serviceaccount:team-b:legacy\n/);
  await ok('delete', 'secret', 'legacy-token', '-n', 'team-b');
  assert.match(await fails('auth', 'whoami', `--token=${token}`), /Unauthorized|must be logged in/);
});

test('a namespace admin may hand out what it holds but not escalate: binding cluster-admin is refused in the API server\'s words', async () => {
  await ready();
  await ok('create', 'namespace', 'team-c');
  await ok('create', 'rolebinding', 'ns-admin', '--clusterrole=admin', '--user=nsadmin', '-n', 'team-c');
  const as = '--as=nsadmin';
  await ok('create', 'rolebinding', 'viewers', '--clusterrole=view', '--group=viewers', '-n', 'team-c', as);
  await ok('create', 'role', 'secret-reader', '--verb=get', '--resource=secrets', '-n', 'team-c', as);
  const bindAdmin = await fails('create', 'rolebinding', 'takeover', '--clusterrole=cluster-admin', '--user=nsadmin', '-n', 'team-c', as);
  assert.match(bindAdmin, /rolebindings\.rbac\.authorization\.k8s\.io "takeover" is forbidden: user "nsadmin" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\["\*"\], Resources:\["\*"\], Verbs:\["\*"\]\}/);
  const nodes = await fails('create', 'role', 'node-reader', '--verb=get', '--resource=nodes', '-n', 'team-c', as);
  assert.match(nodes, /is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\[""\], Resources:\["nodes"\], Verbs:\["get"\]\}/);
  // Elsewhere it holds nothing at all.
  assert.match(await fails('create', 'rolebinding', 'viewers', '--clusterrole=view', '--group=viewers', '-n', 'team-b', as), /rolebindings\.rbac\.authorization\.k8s\.io is forbidden: User "nsadmin" cannot create resource "rolebindings"/);
  // Whoever may bind the role needs not hold it.
  await ok('create', 'clusterrole', 'binder', '--verb=bind', '--resource=clusterroles', '--resource-name=cluster-admin');
  await ok('create', 'clusterrolebinding', 'nsadmin-binder', '--clusterrole=binder', '--user=nsadmin');
  await ok('create', 'rolebinding', 'takeover', '--clusterrole=cluster-admin', '--user=someone', '-n', 'team-c', as);
});

test('a ClusterRole with an aggregation rule gathers the rules of the roles its selector matches, and follows their changes', async () => {
  await ready();
  await ok('create', 'clusterrole', 'monitoring', '--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true');
  await ok('create', 'clusterrole', 'monitoring-pods', '--verb=get,list', '--resource=pods');
  await ok('label', 'clusterrole', 'monitoring-pods', 'rbac.example.com/aggregate-to-monitoring=true');
  const { store } = demo.cluster;
  const rules = () => JSON.stringify(store.getRef('clusterroles.rbac.authorization.k8s.io', undefined, 'monitoring')?.rules ?? []);
  await eventually(() => rules().includes('"pods"'), 'monitoring to hold the pods rule');
  assert.match(await ok('describe', 'clusterrole', 'monitoring'), /\n\s+pods\s+\[\]\s+\[\]\s+\[get list\]\n/);
  await ok('label', 'clusterrole', 'monitoring-pods', 'rbac.example.com/aggregate-to-monitoring-');
  await eventually(() => rules() === '[]', 'monitoring to drop the rule once the label goes');
});

test('kubectl exec with a service-account token: view reads logs but gets the real 403 for pods/exec; edit opens the shell', async () => {
  await ready();
  await ok('create', 'namespace', 'team-d');
  // The cluster is not seeded: one node for the pod, which the simulated kubelet brings up.
  const node = await demo.kubectl(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1', labels: { 'kubernetes.io/hostname': 'worker-1' } } }) });
  assert.equal(node.code, 0, node.stderr);
  await ok('create', 'serviceaccount', 'operator', '-n', 'team-d');
  await ok('run', 'box', '--image=busybox:1.36', '-n', 'team-d', '--', 'sh', '-c', 'echo started; sleep 3600');
  await ok('wait', '--for=condition=Ready', 'pod/box', '-n', 'team-d', '--timeout=60s');
  await ok('create', 'rolebinding', 'operator-view', '--clusterrole=view', '--serviceaccount=team-d:operator', '-n', 'team-d');
  const token = (await ok('create', 'token', 'operator', '-n', 'team-d')).trim();
  const as = `--token=${token}`;
  assert.match(await ok('logs', 'box', '-n', 'team-d', as), /started/);
  const denied = await fails('exec', 'box', '-n', 'team-d', as, '--', 'echo', 'hi');
  assert.match(denied, /pods "box" is forbidden: User "system:serviceaccount:team-d:operator" cannot create resource "pods\/exec" in API group "" in the namespace "team-d"/);
  await ok('create', 'rolebinding', 'operator-edit', '--clusterrole=edit', '--serviceaccount=team-d:operator', '-n', 'team-d');
  assert.equal((await ok('exec', 'box', '-n', 'team-d', as, '--', 'echo', 'hi')).trim(), 'hi');
});
