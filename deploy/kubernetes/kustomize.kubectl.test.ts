/**
 * The shipped manifests, rendered by kubectl's own kustomize and sent to the demo cluster as an
 * operator would: the base gives the console's account nothing but token reviews, the
 * serviceaccount overlay reads what the console shows (no Secrets), and no rule anywhere says "*".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { demoClusterForKubectl } from '../../server/testing/kubectl.ts';

const HERE = import.meta.dirname;
const LAYOUTS = {
  top: HERE,
  base: join(HERE, 'base'),
  oidc: join(HERE, 'overlays', 'oidc'),
  serviceaccount: join(HERE, 'overlays', 'serviceaccount'),
};
type Layout = keyof typeof LAYOUTS;

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
interface EnvVar {
  name: string;
  value?: string;
}
interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: Rule[];
  spec?: {
    template?: {
      spec: {
        serviceAccountName?: string;
        containers: { name: string; env?: EnvVar[]; envFrom?: { configMapRef?: { name: string } }[]; volumeMounts?: { name: string; mountPath: string }[] }[];
        volumes?: { name: string; secret?: { secretName: string; items?: { key: string; path: string }[] } }[];
      };
    };
  };
  data?: Record<string, string>;
}

function render(layout: Layout): Manifest[] {
  const out = execFileSync('kubectl', ['kustomize', LAYOUTS[layout]], { encoding: 'utf8' });
  return parseAllDocuments(out).map((d) => d.toJS() as Manifest);
}

const rulesOf = (docs: Manifest[]) => docs.filter((d) => d.kind === 'ClusterRole' || d.kind === 'Role').flatMap((d) => (d.rules ?? []).map((rule) => ({ role: d.metadata.name, rule })));
const deploymentOf = (docs: Manifest[]) => {
  const d = docs.find((m) => m.kind === 'Deployment');
  assert.ok(d?.spec?.template, 'a Deployment');
  return d.spec.template.spec;
};
const envOf = (docs: Manifest[]) => new Map((deploymentOf(docs).containers[0]?.env ?? []).map((e) => [e.name, e.value]));

test('the base and both overlays render, and no RBAC rule in them names "*" (group, resource, verb, name or URL)', () => {
  for (const layout of Object.keys(LAYOUTS) as Layout[]) {
    const docs = render(layout);
    assert.ok(docs.some((d) => d.kind === 'Deployment'), `${layout} renders a Deployment`);
    // The session key and the OIDC client secret are created by the operator, never shipped.
    assert.equal(docs.filter((d) => d.kind === 'Secret').length, 0, `${layout} ships no Secret`);
    const rules = rulesOf(docs);
    assert.ok(rules.length > 0, `${layout} has RBAC rules`);
    for (const { role, rule } of rules) {
      for (const field of ['apiGroups', 'resources', 'verbs', 'resourceNames', 'nonResourceURLs'] as const) {
        for (const v of rule[field] ?? []) assert.ok(!v.includes('*'), `${layout}: ClusterRole ${role} has "${v}" in ${field}`);
      }
    }
  }
});

test('deploy/kubernetes is the base: token sign-in, the session key read from the console-session Secret as a file', () => {
  assert.deepEqual(render('top'), render('base'));
  const docs = render('base');
  const env = envOf(docs);
  assert.equal(env.get('CONSOLE_AUTH'), 'token');
  assert.equal(env.get('BASE_PATH'), '/console');
  const spec = deploymentOf(docs);
  const volume = spec.volumes?.find((v) => v.secret?.secretName === 'console-session');
  assert.deepEqual(volume?.secret?.items, [{ key: 'key', path: 'key' }]);
  const mount = spec.containers[0]?.volumeMounts?.find((m) => m.name === volume?.name);
  assert.equal(`${mount?.mountPath}/key`, env.get('CONSOLE_SESSION_KEY_FILE'));
  // The console's account may review tokens, and nothing else.
  assert.deepEqual(rulesOf(docs).map((r) => r.rule), [{ apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] }]);
});

test('the oidc overlay signs in through the provider: issuer, client and claims from a ConfigMap, the client secret from a file', () => {
  const docs = render('oidc');
  const env = envOf(docs);
  assert.equal(env.get('CONSOLE_AUTH'), 'oidc');
  assert.ok(env.get('CONSOLE_SESSION_KEY_FILE'), 'sessions still need the key');
  const spec = deploymentOf(docs);
  const config = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === spec.containers[0]?.envFrom?.[0]?.configMapRef?.name);
  for (const key of ['CONSOLE_OIDC_ISSUER', 'CONSOLE_OIDC_CLIENT_ID', 'CONSOLE_OIDC_USERNAME_CLAIM', 'CONSOLE_OIDC_GROUPS_CLAIM', 'PUBLIC_URL']) assert.ok(config?.data?.[key], `${key} in the ConfigMap`);
  const secret = spec.volumes?.find((v) => v.secret?.items?.some((i) => i.key === 'client-secret'));
  const mount = spec.containers[0]?.volumeMounts?.find((m) => m.name === secret?.name);
  assert.equal(`${mount?.mountPath}/client-secret`, env.get('CONSOLE_OIDC_CLIENT_SECRET_FILE'));
  assert.deepEqual(rulesOf(docs), rulesOf(render('base')), 'the same narrow rights as the base');
});

test('the serviceaccount overlay says so, needs no session key, and grants no Secrets', () => {
  const docs = render('serviceaccount');
  const env = envOf(docs);
  assert.equal(env.get('CONSOLE_AUTH'), 'serviceaccount');
  assert.equal(env.has('CONSOLE_SESSION_KEY_FILE'), false);
  assert.equal(deploymentOf(docs).volumes?.some((v) => v.secret?.secretName === 'console-session'), false);
  for (const { rule } of rulesOf(docs)) assert.ok(!rule.resources?.includes('secrets'), `no rule on secrets: ${JSON.stringify(rule)}`);
});

// TLS, so that kubectl talks to the demo cluster as to a real one; its kubeconfig is the admin.
const demo = demoClusterForKubectl({ tls: true, seed: false });

async function kubectl(...args: string[]): Promise<{ code: number | null; out: string; stdout: string }> {
  const r = await demo.kubectl(args, { timeoutMs: 60_000 });
  return { code: r.code, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

async function ok(...args: string[]): Promise<string> {
  const r = await kubectl(...args);
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.out}`);
  return r.stdout;
}

/** `kubectl auth can-i` as the console's account: its answer and exit code (0 yes, 1 no). */
async function consoleCanI(...args: string[]): Promise<string> {
  const r = await kubectl('auth', 'can-i', '--as=system:serviceaccount:console:console', ...args);
  // stdout holds the answer; stderr may warn (a cluster-scoped resource asked about in a namespace).
  const answer = r.stdout.trim();
  assert.equal(r.code, answer === 'yes' ? 0 : 1, `can-i ${args.join(' ')}: ${r.out}`);
  return answer;
}

test('kubectl apply --dry-run=server -k accepts the base and both overlays', async () => {
  // The namespace first, as docs/in-cluster.md says (a server dry run creates nothing, so the
  // namespaced objects would find no namespace otherwise).
  await ok('create', 'namespace', 'console');
  for (const layout of ['top', 'base', 'oidc', 'serviceaccount'] as const) {
    const out = await ok('apply', '--dry-run=server', '-k', LAYOUTS[layout]);
    assert.match(out, /deployment\.apps\/console (created|configured|unchanged) \(server dry run\)/, `${layout}: ${out}`);
    assert.match(out, /clusterrole\.rbac\.authorization\.k8s\.io\/console (created|configured|unchanged) \(server dry run\)/, `${layout}: ${out}`);
  }
  assert.match(await kubectl('get', 'clusterrole', 'console').then((r) => r.out), /NotFound|not found/, 'a dry run creates nothing');
});

test('applied, the base lets the console review tokens and nothing more; the serviceaccount overlay adds reads but no Secrets', async () => {
  await kubectl('create', 'namespace', 'console');
  await ok('apply', '-k', LAYOUTS.top);
  assert.equal(
    await ok('get', 'deployment', 'console', '-n', 'console', '-o', 'jsonpath={.spec.template.spec.volumes[0].secret.secretName}'),
    'console-session',
  );
  assert.equal(await consoleCanI('create', 'tokenreviews.authentication.k8s.io'), 'yes');
  assert.equal(await consoleCanI('list', 'pods', '-A'), 'no');
  assert.equal(await consoleCanI('get', 'pods', '-n', 'console'), 'no');
  assert.equal(await consoleCanI('create', 'pods', '--subresource=exec', '-n', 'default'), 'no');
  assert.equal(await consoleCanI('list', 'deployments.apps', '-A'), 'no');
  assert.equal(await consoleCanI('get', 'secrets', '-n', 'console'), 'no');

  await ok('apply', '-k', LAYOUTS.serviceaccount);
  // kubectl's three-way merge takes the session key away: the overlay deletes it.
  const jsonpath = (path: string) => ok('get', 'deployment', 'console', '-n', 'console', '-o', `jsonpath=${path}`);
  assert.equal(await jsonpath('{.spec.template.spec.containers[0].env[?(@.name=="CONSOLE_AUTH")].value}'), 'serviceaccount');
  assert.equal(await jsonpath('{.spec.template.spec.volumes[*].name}'), '');
  assert.equal(await consoleCanI('list', 'pods', '-A'), 'yes');
  assert.equal(await consoleCanI('update', 'deployments.apps', '-n', 'default'), 'yes');
  assert.equal(await consoleCanI('create', 'pods', '--subresource=exec', '-n', 'default'), 'yes');
  assert.equal(await consoleCanI('get', 'secrets', '-n', 'default'), 'no');
  assert.equal(await consoleCanI('list', 'secrets', '-A'), 'no');
  assert.equal(await consoleCanI('create', 'clusterrolebindings.rbac.authorization.k8s.io'), 'no');
  assert.equal(await consoleCanI('update', 'nodes'), 'no');
});
