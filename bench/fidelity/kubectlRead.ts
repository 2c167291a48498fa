/**
 * Reading cases: kubectl get and describe of every common kind, the output formats and the
 * selectors. Column headers are kube-apiserver 1.32's Table columns (pkg/printers/internalversion)
 * as kubectl prints them; values are matched by pattern, never by age.
 */
import { NS, all, check, fails, succeeds, type Case, type Harness, type Outcome } from './harness.ts';

/** The header line exactly these columns, in this order, and nothing after them. */
export const header = (...cols: string[]) => new RegExp(`^${cols.map((c) => c.replace(/[()]/g, '\\$&').replace(/ /g, ' ')).join('\\s+')}\\s*$`, 'm');

const get = (name: string, args: string[], ...patterns: (RegExp | string)[]): Case => ({
  area: 'kubectl',
  name,
  run: async (h) => succeeds(await h.kubectl(args), ...patterns),
});

async function describe(h: Harness, args: string[], ...patterns: (RegExp | string)[]): Promise<Outcome> {
  const r = await h.kubectl(['describe', ...args]);
  return all(succeeds(r, ...patterns), check(!/error|unable to/i.test(r.stderr), r.stderr, 'no error on stderr'));
}

export const readCases: Case[] = [
  get('get pods -A', ['get', 'pods', '-A'], header('NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'), /^shop\s+frontend-\S+\s+\d\/\d\s+Running\s+\d+/m),
  get('get pods -o wide', ['get', 'pods', '-n', NS, '-o', 'wide'], header('NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'), /^shell\s+1\/1\s+Running\s+\d+\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+node-\S+\s+<none>\s+<none>/m),
  get('get deploy -A', ['get', 'deploy', '-A'], header('NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'), /^shop\s+frontend\s+\d+\/\d+/m),
  get('get deploy -o wide', ['get', 'deploy', 'web', '-n', NS, '-o', 'wide'], header('NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'), /^web\s+2\/2\s+2\s+2\s+\S+\s+nginx\s+nginx:1\.27\s+app=web$/m),
  get('get rs', ['get', 'rs', '-n', NS], header('NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'), /^web-[a-z0-9]{8,10}\s+2\s+2\s+2\s/m),
  get('get sts', ['get', 'sts', '-n', 'shop'], header('NAME', 'READY', 'AGE'), /^postgres\s+\d+\/\d+\s/m),
  get('get ds', ['get', 'ds', '-n', 'kube-system'], header('NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'), /^log-shipper\s+\d+/m),
  get('get jobs', ['get', 'jobs', '-n', 'batch'], header('NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'), /^schema-migration\s+\S+\s+\d+\/\d+/m),
  get('get cronjobs', ['get', 'cronjobs', '-n', 'batch'], header('NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'), /^nightly-backup\s+0 2 \* \* \*\s+Etc\/UTC\s+(False|True)\s+\d+\s/m, /^cache-warmer\s+\*\/2 \* \* \* \*\s+<none>\s+(False|True)\s+\d+\s/m),
  get('get svc', ['get', 'svc', '-n', NS], header('NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'), /^web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s/m),
  get('get endpoints of a service', ['get', 'endpoints', 'web', '-n', NS], header('NAME', 'ENDPOINTS', 'AGE'), /^web\s+\d+\.\d+\.\d+\.\d+:80,\d+\.\d+\.\d+\.\d+:80\s/m),
  get('get endpointslices', ['get', 'endpointslices', '-n', NS, '-l', 'kubernetes.io/service-name=web'], header('NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'), /^web-[a-z0-9]{5}\s+IPv4\s+80\s+\d+\.\d+\.\d+\.\d+,\d+\.\d+\.\d+\.\d+\s/m),
  get('get configmaps', ['get', 'cm', '-n', 'shop'], header('NAME', 'DATA', 'AGE'), /^api-config\s+\d+\s/m, /^kube-root-ca\.crt\s+1\s/m),
  get('get secrets', ['get', 'secrets', '-n', 'shop'], header('NAME', 'TYPE', 'DATA', 'AGE'), /^postgres-credentials\s+Opaque\s+2\s/m),
  get('get pvc -A', ['get', 'pvc', '-A'], header('NAMESPACE', 'NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'), /\sBound\s+pvc-[0-9a-f-]{36}\s+\d+\S+\s+RWO\s/m),
  get('get pv', ['get', 'pv'], header('NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'), /^released-pv-01\s+\S+\s+\S+\s+\S+\s+Released\s+storage-demo\/old-logs\s/m),
  get('get storageclass', ['get', 'sc'], header('NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'), /^standard \(default\)\s+\S+\s+(Delete|Retain)\s+(Immediate|WaitForFirstConsumer)\s+(true|false)\s/m),
  get('get nodes', ['get', 'nodes'], header('NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'), /^node-a\s+Ready\s+\S+\s+\S+\s+v1\.32\.\d+/m),
  get('get nodes -o wide', ['get', 'nodes', '-o', 'wide'], header('NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'), /^node-a\s.*\s192\.168\.49\.2\s+<none>\s.*(containerd|cri-o|docker):\/\/\S+$/m),
  get('get namespaces', ['get', 'ns'], header('NAME', 'STATUS', 'AGE'), /^kube-node-lease\s+Active\s/m, /^kube-public\s+Active\s/m, /^default\s+Active\s/m),
  get('get events', ['get', 'events', '-n', NS], header('LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'), /\sNormal\s+Scheduled\s+pod\/shell\s+Successfully assigned fidelity\/shell to node-\S+$/m),
  get('get roles and rolebindings', ['get', 'roles,rolebindings', '-n', 'kube-system'], header('NAME', 'CREATED AT'), /^role\.rbac\.authorization\.k8s\.io\/extension-apiserver-authentication-reader\s+\d{4}-\d\d-\d\dT/m, header('NAME', 'ROLE', 'AGE'), /^rolebinding\.rbac\.authorization\.k8s\.io\/\S+\s+Role\/\S+\s/m),
  get('get clusterroles', ['get', 'clusterroles'], header('NAME', 'CREATED AT'), /^cluster-admin\s/m, /^system:node\s/m, /^view\s/m),
  get('get leases (node heartbeats)', ['get', 'leases', '-n', 'kube-node-lease'], header('NAME', 'HOLDER', 'AGE'), /^node-a\s+node-a\s/m),
  get('get crd', ['get', 'crd'], header('NAME', 'CREATED AT'), /^crontabs\.stable\.example\.com\s+\d{4}-/m),
  get('get a custom resource with its printer columns', ['get', 'crontabs', '-n', NS], header('NAME', 'SPEC', 'REPLICAS', 'AGE'), /^nightly\s+\*\/5 \* \* \* \*\s+1\s/m),
  get('get pdb', ['get', 'pdb', '-n', 'shop'], header('NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'), /^frontend\s/m),
  get('get all', ['get', 'all', '-n', NS], /^pod\/shell\s/m, /^service\/web\s/m, /^deployment\.apps\/web\s/m, /^replicaset\.apps\/web-/m),
  get('get serviceaccounts', ['get', 'sa', '-n', NS], header('NAME', 'SECRETS', 'AGE'), /^default\s+0\s/m),
  {
    area: 'kubectl',
    name: 'get pod that does not exist',
    run: async (h) => fails(await h.kubectl(['get', 'pod', 'nope', '-n', NS]), /^Error from server \(NotFound\): pods "nope" not found$/m, 1),
  },
  {
    area: 'kubectl',
    name: 'get in an empty namespace',
    run: async (h) => {
      const r = await h.kubectl(['get', 'pods', '-n', 'kube-public']);
      return all(check(r.code === 0 && r.stdout === '', r.stdout, 'exit 0, no stdout'), check(/^No resources found in kube-public namespace\.$/m.test(r.stderr), r.stderr, 'No resources found in kube-public namespace.'));
    },
  },

  get('-o yaml', ['get', 'pod', 'shell', '-n', NS, '-o', 'yaml'], /^apiVersion: v1\nkind: Pod\nmetadata:\n/, /^ {2}uid: [0-9a-f-]{36}$/m, /^ {2}resourceVersion: "\d+"$/m, /^status:\n/m, /^ {4}qosClass: BestEffort$|^ {2}qosClass: BestEffort$/m),
  {
    area: 'kubectl',
    name: '-o json of a list is a v1 List',
    run: async (h) => {
      const r = await h.kubectl(['get', 'pods', '-n', NS, '-o', 'json']);
      if (r.code !== 0) return succeeds(r);
      const list = JSON.parse(r.stdout) as { apiVersion: string; kind: string; items: { kind?: string }[]; metadata?: { resourceVersion?: string } };
      return check(list.apiVersion === 'v1' && list.kind === 'List' && list.items.length > 0 && list.items.every((i) => i.kind === 'Pod') && list.metadata?.resourceVersion === '', `${list.apiVersion} ${list.kind} rv=${list.metadata?.resourceVersion}`, 'v1 List, items of kind Pod, metadata.resourceVersion ""');
    },
  },
  get('-o jsonpath', ['get', 'deploy', 'web', '-n', NS, '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.status.readyReplicas}'], /^2 nginx:1\.27 2$/),
  get('-o jsonpath with range', ['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}'], /^node-a\tTrue$/m, /^node-b\tTrue$/m),
  get('-o custom-columns', ['get', 'pods', '-n', NS, '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGE:.spec.containers[0].image'], header('NAME', 'NODE', 'IMAGE'), /^shell\s+node-\S+\s+busybox:1\.36$/m),
  get('-o name', ['get', 'deploy', '-n', NS, '-o', 'name'], /^deployment\.apps\/web$/m),
  get('--show-labels', ['get', 'pods', '-n', NS, '-l', 'app=web', '--show-labels'], header('NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'LABELS'), /^web-\S+\s.*\sapp=web,pod-template-hash=[a-z0-9]+$/m),
  get('-L label columns', ['get', 'pods', '-n', NS, '-L', 'app'], header('NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'APP'), /^shell\s.*\sshell$/m),
  {
    area: 'kubectl',
    name: '-l equality and set selectors',
    run: async (h) => {
      const eq = await h.kubectl(['get', 'pods', '-n', NS, '-l', 'app=web', '-o', 'name']);
      const set = await h.kubectl(['get', 'pods', '-n', NS, '-l', 'app in (web,shell),app!=shell', '-o', 'name']);
      const names = (s: string) => s.trim().split('\n').filter(Boolean);
      return all(succeeds(eq), succeeds(set), check(names(eq.stdout).length === 2 && names(set.stdout).join() === names(eq.stdout).join(), `${eq.stdout} | ${set.stdout}`, 'the two web pods both times'));
    },
  },
  get('--field-selector status.phase', ['get', 'pods', '-A', '--field-selector', 'status.phase=Running,metadata.namespace=fidelity', '-o', 'name'], /^pod\/shell$/m),
  get('--field-selector spec.nodeName', ['get', 'pods', '-A', '--field-selector', 'spec.nodeName=node-a', '-o', 'wide'], /\snode-a\s/, ),
  {
    area: 'kubectl',
    name: '--field-selector on an unsupported field',
    run: async (h) => fails(await h.kubectl(['get', 'pods', '-n', NS, '--field-selector', 'spec.dnsPolicy=ClusterFirst']), /field label not supported: spec\.dnsPolicy/),
  },
  get('--sort-by', ['get', 'pods', '-n', 'kube-system', '--sort-by=.metadata.name', '-o', 'name'], /pod\//),
  get('get --raw', ['get', '--raw', '/api/v1/namespaces/fidelity/pods/shell'], /"kind":"Pod"/, /"name":"shell"/),

  { area: 'kubectl', name: 'describe pod', run: (h) => describe(h, ['pod', 'shell', '-n', NS], /^Name:\s+shell$/m, /^Namespace:\s+fidelity$/m, /^Node:\s+node-\S+\/\d+\.\d+\.\d+\.\d+$/m, /^Status:\s+Running$/m, /^IP:\s+\d+\.\d+\.\d+\.\d+$/m, /^Containers:$/m, /^QoS Class:\s+BestEffort$/m, /^Conditions:\n\s+Type\s+Status$/m, /^\s+Ready\s+True\s*$/m, /^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message$/m, /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned fidelity\/shell to node-/) },
  { area: 'kubectl', name: 'describe deployment', run: (h) => describe(h, ['deploy', 'web', '-n', NS], /^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m, /^StrategyType:\s+RollingUpdate$/m, /^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m, /^NewReplicaSet:\s+web-\S+ \(2\/2 replicas created\)$/m, /ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-\S+ from 0 to 2/) },
  { area: 'kubectl', name: 'describe service shows endpoints', run: (h) => describe(h, ['svc', 'web', '-n', NS], /^Selector:\s+app=web$/m, /^Endpoints:\s+\d+\.\d+\.\d+\.\d+:80,\d+\.\d+\.\d+\.\d+:80$/m, /^TargetPort:\s+80\/TCP$/m) },
  { area: 'kubectl', name: 'describe node', run: (h) => describe(h, ['node', 'node-a'], /^Lease:\n\s+HolderIdentity:\s+node-a$/m, /^Conditions:$/m, /^Allocated resources:$/m, /^Non-terminated Pods:/m, /^System Info:$/m, /Kubelet Version:\s+v1\.32\./) },
  { area: 'kubectl', name: 'describe namespace', run: (h) => describe(h, ['ns', NS], /^Status:\s+Active$/m, /^No resource quota\.$/m, /^No LimitRange resource\.$/m) },
  { area: 'kubectl', name: 'describe cronjob', run: (h) => describe(h, ['cronjob', 'nightly-backup', '-n', 'batch'], /^Schedule:\s+\S+/m, /^Concurrency Policy:\s+\S+$/m, /^Pod Template:$/m) },
  { area: 'kubectl', name: 'describe pvc', run: (h) => describe(h, ['pvc', '-n', 'storage-demo'], /^Status:\s+(Bound|Pending)$/m, /^StorageClass:\s+\S+$/m, /^Used By:\s+\S+/m) },
  { area: 'kubectl', name: 'describe secret hides values', run: async (h) => {
    const r = await h.kubectl(['describe', 'secret', 'postgres-credentials', '-n', 'shop']);
    return all(succeeds(r, /^password:\s+16 bytes$/m, /^Type:\s+Opaque$/m), check(!r.stdout.includes('s3cr3t'), r.stdout, 'no secret value printed'));
  } },
];
