/**
 * Regenerates bootstrap-1.32.json: every object kube-apiserver 1.32's RBAC post-start hook
 * creates (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), the same objects the package's
 * testdata fixtures list (cluster-roles.yaml, cluster-role-bindings.yaml, controller-roles.yaml,
 * controller-role-bindings.yaml, namespace-roles.yaml, namespace-role-bindings.yaml).
 *
 *   node --import tsx server/sim/api/rbac/data/extractBootstrapPolicy.ts \
 *     --src DIR        # policy.go, controller_policy.go, namespace_policy.go of bootstrappolicy,
 *                      # versioned_kube_features.go (pkg/features), apiserver_features.go
 *                      # (k8s.io/apiserver/pkg/features/kube_features.go), zpages_features.go
 *                      # (k8s.io/component-base/zpages/features/kube_features.go), all at v1.32
 *     --source TEXT    # provenance, written into the data file
 *
 * The fixtures are what the Go functions return with the feature gates at their defaults, so this
 * script runs those functions: it turns the bodies of NodeRules, ClusterRoles, ClusterRoleBindings,
 * buildControllerRoles and the namespace init() into JavaScript (the policy is written in a small,
 * regular subset of Go: composite literals, builder chains, append, if on a feature gate) and
 * evaluates them against JavaScript versions of the rbac/v1 helpers. Each gate's default is read
 * from the 1.32 feature specs (the last entry whose version is at most 1.32).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

function arg(name: string): string {
  const i = process.argv.indexOf(name);
  if (i < 0 || !process.argv[i + 1]) throw new Error(`missing ${name}`);
  return process.argv[i + 1];
}

const src = arg('--src');
const read = (file: string) => readFileSync(join(src, file), 'utf8');
const MINOR = 32;

/** Feature gate defaults at 1.MINOR, from `Name: { {Version: version.MustParse("1.x"), Default: b, ...}, ... }` specs. */
function gateDefaults(texts: string[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const text of texts) {
    for (const m of text.matchAll(/^\s*(\w+): \{\n((?:\s*\{Version: version\.MustParse\("1\.\d+"\)[^\n]*\n)+)\s*\},/gm)) {
      let value: boolean | undefined;
      for (const e of m[2].matchAll(/Version: version\.MustParse\("1\.(\d+)"\), Default: (true|false)/g)) {
        if (Number(e[1]) <= MINOR) value = e[2] === 'true';
      }
      if (value !== undefined) out.set(m[1], value);
    }
  }
  return out;
}

const gates = gateDefaults([read('versioned_kube_features.go'), read('apiserver_features.go'), read('zpages_features.go')]);
function enabled(name: string): boolean {
  const v = gates.get(name);
  if (v === undefined) throw new Error(`no 1.${MINOR} default for feature gate ${name}`);
  return v;
}

/** The body of `func name(...) ... {`, up to its closing brace at column 0. */
function funcBody(text: string, header: RegExp): string {
  const m = header.exec(text);
  if (!m) throw new Error(`no ${header}`);
  const start = m.index + m[0].length;
  const end = text.indexOf('\n}\n', start);
  return text.slice(start, end + 1);
}

/** Go source without comments (string literals kept whole). */
function stripComments(go: string): string {
  let out = '';
  for (let i = 0; i < go.length; i++) {
    const c = go[i];
    if (c === '"' || c === '`') {
      const end = go.indexOf(c, i + 1);
      out += go.slice(i, end + 1);
      i = end;
    } else if (c === '/' && go[i + 1] === '/') {
      while (i < go.length && go[i] !== '\n') i++;
      out += '\n';
    } else out += c;
  }
  return out;
}

/**
 * The Go subset the policy uses, as JavaScript: `[]T{` opens an array, `T{` / `&T{` / `map[K]V{`
 * or a bare `{` in a list opens an object, `func() T {` a closure called in place; `x := ` declares;
 * `if cond {` gets parentheses; a trailing `...` spreads.
 */
function toJs(go: string): string {
  let s = stripComments(go);
  s = s.replace(/utilfeature\.DefaultFeatureGate\.Enabled\((?:features|genericfeatures|zpagesfeatures)\.(\w+)\)/g, 'enabled("$1")');
  s = s.replace(/\bif ([^{]+?) \{/g, 'if ($1) {');
  s = s.replace(/(\w+) := /g, 'let $1 = ');
  s = s.replace(/\b(\w+)\.\.\./g, '...$1');
  s = s.replace(/\}\.\.\.\)/g, '}, SPREAD)');
  s = s.replace(/&(\w+)/g, '$1');
  let out = '';
  const stack: ('array' | 'object' | 'block' | 'closure')[] = [];
  let i = 0;
  const lastCode = () => out.trimEnd().slice(-1);
  while (i < s.length) {
    const rest = s.slice(i);
    let m: RegExpExecArray | null;
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      out += s.slice(i, end + 1);
      i = end + 1;
    } else if ((m = /^func\(\) [\w.]+ \{/.exec(rest))) {
      out += '(() => {';
      stack.push('closure');
      i += m[0].length;
    } else if ((m = /^\[\][\w.]+\{/.exec(rest))) {
      out += '[';
      stack.push('array');
      i += m[0].length;
    } else if ((m = /^(?:map\[\w+\]\w+|[A-Za-z_][\w]*\.[A-Z]\w*)\{/.exec(rest))) {
      out += '{';
      stack.push('object');
      i += m[0].length;
    } else if (s[i] === '{') {
      const before = lastCode();
      stack.push(before === ')' ? 'block' : 'object');
      out += '{';
      i++;
    } else if (s[i] === '}') {
      const kind = stack.pop();
      out += kind === 'array' ? ']' : kind === 'closure' ? '})' : '}';
      i++;
    } else {
      out += s[i];
      i++;
    }
  }
  if (stack.length) throw new Error(`unbalanced braces: ${stack.join(',')}`);
  return out;
}

// --- JavaScript versions of what the policy calls (pkg/apis/rbac/v1/helpers.go and friends) ---

interface GoRule { Verbs: string[]; APIGroups?: string[]; Resources?: string[]; ResourceNames?: string[]; NonResourceURLs?: string[] }
interface GoMeta { Name: string; Namespace?: string; Labels?: Record<string, string>; Annotations?: Record<string, string> }
interface GoObject { ObjectMeta: GoMeta; Rules?: GoRule[]; AggregationRule?: Json; RoleRef?: Json; Subjects?: Json[]; Name?: string }

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const SPREAD = Symbol('spread');

/** Go's append: one element per argument, or the elements of a slice followed by `...`. */
function append<T>(slice: T[] | null | undefined, ...items: unknown[]): T[] {
  const add = items[items.length - 1] === SPREAD ? (items[0] as T[]) : (items as T[]);
  return [...(slice ?? []), ...add];
}

function ruleBuilder(verbs: string[]) {
  const rule: GoRule = { Verbs: [...verbs] };
  const b = {
    Groups: (...g: string[]) => ((rule.APIGroups = [...(rule.APIGroups ?? []), ...g]), b),
    Resources: (...r: string[]) => ((rule.Resources = [...(rule.Resources ?? []), ...r]), b),
    Names: (...n: string[]) => ((rule.ResourceNames = [...(rule.ResourceNames ?? []), ...n]), b),
    URLs: (...u: string[]) => ((rule.NonResourceURLs = [...(rule.NonResourceURLs ?? []), ...u]), b),
    // Rule() sorts every list (sort.Strings); it does not remove duplicates.
    RuleOrDie: (): GoRule => {
      for (const k of ['Resources', 'ResourceNames', 'APIGroups', 'NonResourceURLs', 'Verbs'] as const) rule[k]?.sort();
      return rule;
    },
  };
  return b;
}

/** A binding whose `.Name` reads and writes its ObjectMeta.Name, as Go's embedded ObjectMeta does. */
function withName(obj: GoObject): GoObject {
  Object.defineProperty(obj, 'Name', { get: () => obj.ObjectMeta.Name, set: (v: string) => (obj.ObjectMeta.Name = v), enumerable: false });
  return obj;
}

function bindingBuilder(obj: GoObject) {
  obj.Subjects = [];
  const b = {
    Groups: (...g: string[]) => (g.forEach((n) => obj.Subjects!.push({ APIGroup: RBAC_GROUP, Kind: 'Group', Name: n })), b),
    Users: (...u: string[]) => (u.forEach((n) => obj.Subjects!.push({ APIGroup: RBAC_GROUP, Kind: 'User', Name: n })), b),
    SAs: (ns: string, ...names: string[]) => (names.forEach((n) => obj.Subjects!.push({ Kind: 'ServiceAccount', Namespace: ns, Name: n })), b),
    BindingOrDie: () => {
      if (!obj.Subjects!.length) throw new Error(`subjects are required: ${obj.ObjectMeta.Name}`);
      return withName(obj);
    },
  };
  return b;
}

const rbacv1helpers = {
  NewRule: (...verbs: string[]) => ruleBuilder(verbs),
  NewClusterBinding: (name: string) => bindingBuilder({ ObjectMeta: { Name: name }, RoleRef: { APIGroup: RBAC_GROUP, Kind: 'ClusterRole', Name: name } }),
  NewRoleBinding: (name: string, namespace: string) =>
    bindingBuilder({ ObjectMeta: { Name: name, Namespace: namespace }, RoleRef: { APIGroup: RBAC_GROUP, Kind: 'Role', Name: name } }),
};

function addDefaultMetadata(obj: GoObject): void {
  obj.ObjectMeta.Labels = { ...obj.ObjectMeta.Labels, 'kubernetes.io/bootstrapping': 'rbac-defaults' };
  obj.ObjectMeta.Annotations = { ...obj.ObjectMeta.Annotations, 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
}

const SA_ROLE_PREFIX = 'system:controller:';
const namespaceRoles = new Map<string, GoObject[]>();
const namespaceRoleBindings = new Map<string, GoObject[]>();

const scope: Record<string, unknown> = {
  enabled,
  append,
  SPREAD,
  rbacv1helpers,
  // Values of the identifiers the policy uses, as their packages define them.
  legacyGroup: '', appsGroup: 'apps', authenticationGroup: 'authentication.k8s.io', authorizationGroup: 'authorization.k8s.io',
  autoscalingGroup: 'autoscaling', batchGroup: 'batch', certificatesGroup: 'certificates.k8s.io', coordinationGroup: 'coordination.k8s.io',
  discoveryGroup: 'discovery.k8s.io', extensionsGroup: 'extensions', policyGroup: 'policy', rbacGroup: RBAC_GROUP,
  resourceGroup: 'resource.k8s.io', storageGroup: 'storage.k8s.io', resMetricsGroup: 'metrics.k8s.io', customMetricsGroup: 'custom.metrics.k8s.io',
  externalMetricsGroup: 'external.metrics.k8s.io', networkingGroup: 'networking.k8s.io', eventsGroup: 'events.k8s.io',
  internalAPIServerGroup: 'internal.apiserver.k8s.io', admissionRegistrationGroup: 'admissionregistration.k8s.io',
  storageVersionMigrationGroup: 'storagemigration.k8s.io',
  Write: ['create', 'update', 'patch', 'delete', 'deletecollection'],
  ReadWrite: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'],
  Read: ['get', 'list', 'watch'],
  ReadUpdate: ['get', 'list', 'watch', 'update', 'patch'],
  saRolePrefix: SA_ROLE_PREFIX,
  systemNodeRoleName: 'system:node',
  rbacv1: { GroupName: RBAC_GROUP },
  metav1: { NamespaceSystem: 'kube-system', NamespacePublic: 'kube-public' },
  // k8s.io/apiserver/pkg/authentication/user and .../serviceaccount
  user: {
    SystemPrivilegedGroup: 'system:masters', MonitoringGroup: 'system:monitoring', AllAuthenticated: 'system:authenticated',
    AllUnauthenticated: 'system:unauthenticated', KubeProxy: 'system:kube-proxy', KubeControllerManager: 'system:kube-controller-manager',
    KubeScheduler: 'system:kube-scheduler',
  },
  serviceaccount: { AllServiceAccountsGroup: 'system:serviceaccounts' },
  // k8s.io/api/certificates/v1beta1
  capi: {
    LegacyUnknownSignerName: 'kubernetes.io/legacy-unknown', KubeletServingSignerName: 'kubernetes.io/kubelet-serving',
    KubeAPIServerClientSignerName: 'kubernetes.io/kube-apiserver-client', KubeAPIServerClientKubeletSignerName: 'kubernetes.io/kube-apiserver-client-kubelet',
  },
  legacytokentracking: { ConfigMapName: 'kube-apiserver-legacy-service-account-token-tracking' },
  eventsRule: () => rbacv1helpers.NewRule('create', 'update', 'patch').Groups('', 'events.k8s.io').Resources('events').RuleOrDie(),
  addClusterRoleLabel: (roles: GoObject[]) => roles.forEach(addDefaultMetadata),
  addClusterRoleBindingLabel: (bindings: GoObject[]) => bindings.forEach(addDefaultMetadata),
  addControllerRole: (roles: GoObject[], bindings: GoObject[], role: GoObject) => {
    if (!role.ObjectMeta.Name.startsWith(SA_ROLE_PREFIX)) throw new Error(`role ${role.ObjectMeta.Name} must start with ${SA_ROLE_PREFIX}`);
    if (roles.some((r) => r.ObjectMeta.Name === role.ObjectMeta.Name)) throw new Error(`role ${role.ObjectMeta.Name} was already registered`);
    roles.push(role);
    roles.forEach(addDefaultMetadata);
    bindings.push(rbacv1helpers.NewClusterBinding(role.ObjectMeta.Name).SAs('kube-system', role.ObjectMeta.Name.slice(SA_ROLE_PREFIX.length)).BindingOrDie());
    bindings.forEach(addDefaultMetadata);
  },
  addNamespaceRole: (ns: string, role: GoObject) => {
    role.ObjectMeta.Namespace = ns;
    addDefaultMetadata(role);
    namespaceRoles.set(ns, [...(namespaceRoles.get(ns) ?? []), role]);
  },
  addNamespaceRoleBinding: (ns: string, binding: GoObject) => {
    binding.ObjectMeta.Namespace = ns;
    addDefaultMetadata(binding);
    namespaceRoleBindings.set(ns, [...(namespaceRoleBindings.get(ns) ?? []), binding]);
  },
};

function run(body: string, extra: Record<string, unknown> = {}): unknown {
  const names = [...Object.keys(scope), ...Object.keys(extra)];
  return new Function(...names, toJs(body))(...names.map((n) => (n in extra ? extra[n] : scope[n])));
}

const policy = read('policy.go');
const nodeRules = () => run(funcBody(policy, /^func NodeRules\(\) \[\]rbacv1\.PolicyRule \{/m));
const clusterRoles = run(funcBody(policy, /^func ClusterRoles\(\) \[\]rbacv1\.ClusterRole \{/m), { NodeRules: nodeRules }) as GoObject[];
const clusterRoleBindings = run(funcBody(policy, /^func ClusterRoleBindings\(\) \[\]rbacv1\.ClusterRoleBinding \{/m)) as GoObject[];
// `return controllerRoles, controllerRoleBindings`: Go's two results, as one array.
const [controllerRoles, controllerRoleBindings] = run(
  funcBody(read('controller_policy.go'), /^func buildControllerRoles\(\) \(\[\]rbacv1\.ClusterRole, \[\]rbacv1\.ClusterRoleBinding\) \{/m).replace(
    /return controllerRoles, controllerRoleBindings/,
    'return [controllerRoles, controllerRoleBindings]',
  ),
) as [GoObject[], GoObject[]];
run(funcBody(read('namespace_policy.go'), /^func init\(\) \{/m));

// --- Go objects to the API's JSON, in the fixtures' order (by name; namespaced ones by namespace, then as registered) ---

const lower = (k: string) => (k === 'APIGroups' ? 'apiGroups' : k === 'NonResourceURLs' ? 'nonResourceURLs' : k === 'APIGroup' ? 'apiGroup' : k[0].toLowerCase() + k.slice(1));

function toApi(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toApi);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[lower(k)] = toApi(x);
    return out;
  }
  return v;
}

/** One object as stored: metadata.name (+ namespace, + labels other than the bootstrapping one), rules or roleRef + subjects. */
function compact(o: GoObject): Json {
  const api = toApi(o) as Json & { objectMeta: Json & { labels?: Record<string, string> } };
  const meta = api.objectMeta;
  const labels = { ...meta.labels };
  delete labels['kubernetes.io/bootstrapping'];
  const out: Json = { name: meta.name };
  if (meta.namespace) out.namespace = meta.namespace;
  if (Object.keys(labels).length) out.labels = labels;
  // Fields in the order the Go types declare them (rbac/v1 ClusterRole, RoleBinding, Subject), as the API server writes them.
  if (api.rules !== undefined) out.rules = api.rules;
  if (api.aggregationRule !== undefined) out.aggregationRule = api.aggregationRule;
  if (api.subjects !== undefined) out.subjects = (api.subjects as Json[]).map(({ kind, apiGroup, name, namespace }) => ({ kind, apiGroup, name, namespace }));
  if (api.roleRef !== undefined) out.roleRef = api.roleRef;
  return JSON.parse(JSON.stringify(out)) as Json;
}

const byName = (a: GoObject, b: GoObject) => (a.ObjectMeta.Name < b.ObjectMeta.Name ? -1 : a.ObjectMeta.Name > b.ObjectMeta.Name ? 1 : 0);
const namespaced = (m: Map<string, GoObject[]>) => [...m.keys()].sort().flatMap((ns) => m.get(ns)!);

const data = {
  source: arg('--source'),
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
  clusterRoles: [...clusterRoles].sort(byName).map(compact),
  clusterRoleBindings: [...clusterRoleBindings].sort(byName).map(compact),
  controllerRoles: [...controllerRoles].sort(byName).map(compact),
  controllerRoleBindings: [...controllerRoleBindings].sort(byName).map(compact),
  namespaceRoles: namespaced(namespaceRoles).map(compact),
  namespaceRoleBindings: namespaced(namespaceRoleBindings).map(compact),
};
const out = join(import.meta.dirname, 'bootstrap-1.32.json');
writeFileSync(out, JSON.stringify(data) + '\n');
const counts = Object.entries(data).filter(([, v]) => Array.isArray(v)).map(([k, v]) => `${k} ${(v as unknown[]).length}`);
console.log(`wrote ${out}: ${counts.join(', ')}`);
