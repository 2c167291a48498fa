/**
 * Cluster-wide cases: nodes (cordon, drain, taint), who am I and what may I do, discovery,
 * explain, version and the health endpoints.
 */
import { NS, all, check, eventually, fails, succeeds, type Case } from './harness.ts';
import { header } from './kubectlRead.ts';

const simple = (name: string, args: string[], ...patterns: (RegExp | string)[]): Case => ({ area: 'kubectl', name, run: async (h) => succeeds(await h.kubectl(args), ...patterns) });

export const clusterCases: Case[] = [
  {
    area: 'kubectl',
    name: 'cordon adds the unschedulable taint; uncordon removes it',
    run: async (h) => {
      const c = await h.kubectl(['cordon', 'node-c']);
      const row = await h.kubectl(['get', 'node', 'node-c']);
      const taints = (await h.kubectl(['get', 'node', 'node-c', '-o', 'jsonpath={.spec.taints[*].key}'])).stdout;
      const u = await h.kubectl(['uncordon', 'node-c']);
      const after = (await h.kubectl(['get', 'node', 'node-c', '-o', 'jsonpath={.spec.unschedulable}{.spec.taints[*].key}'])).stdout;
      return all(succeeds(c, /^node\/node-c cordoned$/m), succeeds(row, /^node-c\s+\S*SchedulingDisabled\s/m), check(taints.includes('node.kubernetes.io/unschedulable'), taints, 'node.kubernetes.io/unschedulable taint'), succeeds(u, /^node\/node-c uncordoned$/m), check(!after.includes('unschedulable') && !after.includes('true'), after, 'schedulable again, no taint'));
    },
  },
  {
    area: 'kubectl',
    name: 'drain evicts the selected pods',
    run: async (h) => {
      await h.kubectl(['create', 'deployment', 'drain-me', '--image=nginx:1.27', '--replicas=2', '-n', NS]);
      await h.kubectl(['rollout', 'status', 'deploy/drain-me', '-n', NS, '--timeout=90s'], { timeoutMs: 100_000 });
      const node = (await h.kubectl(['get', 'pods', '-n', NS, '-l', 'app=drain-me', '-o', 'jsonpath={.items[0].spec.nodeName}'])).stdout;
      const d = await h.kubectl(['drain', node, '--pod-selector=app=drain-me', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=90s'], { timeoutMs: 100_000 });
      const moved = await eventually(async () => !(await h.kubectl(['get', 'pods', '-n', NS, '-l', 'app=drain-me', '-o', 'jsonpath={.items[*].spec.nodeName}'])).stdout.includes(node), 30_000);
      await h.kubectl(['uncordon', node]);
      return all(succeeds(d, new RegExp(`^node/${node} cordoned$`, 'm'), /^evicting pod fidelity\/drain-me-\S+$/m, /^pod\/drain-me-\S+ evicted$/m, new RegExp(`^node/${node} drained$`, 'm')), check(moved, 'a drain-me pod still on the node', 'pods rescheduled elsewhere'));
    },
  },
  {
    area: 'kubectl',
    name: 'taint and untaint a node',
    run: async (h) => {
      const t = await h.kubectl(['taint', 'nodes', 'node-b', 'dedicated=fidelity:NoSchedule']);
      const u = await h.kubectl(['taint', 'nodes', 'node-b', 'dedicated=fidelity:NoSchedule-']);
      return all(succeeds(t, /^node\/node-b tainted$/m), succeeds(u, /^node\/node-b untainted$/m));
    },
  },
  simple('auth can-i (admin)', ['auth', 'can-i', 'create', 'pods', '-n', NS], /^yes\n$/),
  {
    area: 'kubectl',
    name: 'auth can-i as a service account is no',
    run: async (h) => {
      const r = await h.kubectl(['auth', 'can-i', 'list', 'secrets', '-n', NS, `--as=system:serviceaccount:${NS}:default`]);
      return check(r.code === 1 && /^no\n$/.test(r.stdout), `exit ${r.code} ${r.stdout}${r.stderr}`, 'exit 1, no');
    },
  },
  simple('auth can-i --list', ['auth', 'can-i', '--list', '-n', NS], header('Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'), /^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/m),
  simple('auth whoami', ['auth', 'whoami'], header('ATTRIBUTE', 'VALUE'), /^Username\s+\S+$/m, /^Groups\s+\[.*system:authenticated.*\]$/m),
  simple('api-resources', ['api-resources'], header('NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'), /^pods\s+po\s+v1\s+true\s+Pod$/m, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m, /^endpointslices\s+discovery\.k8s\.io\/v1\s+true\s+EndpointSlice$/m, /^horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler$/m, /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m, /^selfsubjectreviews\s+authentication\.k8s\.io\/v1\s+false\s+SelfSubjectReview$/m),
  simple('api-resources --namespaced=false -o name', ['api-resources', '--namespaced=false', '-o', 'name'], /^nodes$/m, /^namespaces$/m, /^clusterroles\.rbac\.authorization\.k8s\.io$/m, /^storageclasses\.storage\.k8s\.io$/m),
  simple('api-versions', ['api-versions'], /^apps\/v1$/m, /^batch\/v1$/m, /^networking\.k8s\.io\/v1$/m, /^autoscaling\/v2$/m, /^rbac\.authorization\.k8s\.io\/v1$/m, /^apiextensions\.k8s\.io\/v1$/m, /^v1$/m),
  simple('explain a nested field', ['explain', 'pod.spec.containers.livenessProbe'], /^KIND:\s+Pod$/m, /^VERSION:\s+v1$/m, /^FIELD: livenessProbe <Probe>$/m, /^DESCRIPTION:$/m, /^FIELDS:$/m, /^ {2}initialDelaySeconds\s+<integer>$/m),
  simple('explain --recursive', ['explain', 'deployment.spec', '--recursive'], /^GROUP:\s+apps$/m, /^KIND:\s+Deployment$/m, /^ {2}strategy\t<DeploymentStrategy>$/m, /^ {4}rollingUpdate\t<RollingUpdateDeployment>$/m),
  simple('version', ['version'], /^Client Version: v1\.32\./m, /^Server Version: v1\.32\.\d+$/m),
  simple('cluster-info', ['cluster-info'], /Kubernetes control plane\S* is running at \S*http/),
  simple('get --raw /readyz?verbose', ['get', '--raw', '/readyz?verbose'], /^\[\+\]ping ok$/m, /^\[\+\]etcd ok$/m, /^readyz check passed$/m),
  simple('get --raw /healthz', ['get', '--raw', '/healthz'], /^ok$/),
  simple('get --raw /version', ['get', '--raw', '/version'], /"gitVersion":\s*"v1\.32\.\d+"/, /"platform":\s*"linux\/amd64"/),
  { area: 'kubectl', name: 'an unknown resource type', run: async (h) => fails(await h.kubectl(['get', 'widgets']), /^error: the server doesn't have a resource type "widgets"$/m, 1) },
];
