/**
 * The kubelet's HTTP server (port 10250) as nodes/NAME/proxy/PATH reaches it: /healthz, /metrics
 * (Prometheus text exposition), /stats/summary (the Summary API dashboards read), /configz, /pods
 * and the /logs/ directory. Any other path is Go's "404 page not found", as the kubelet's mux answers.
 */
import type { ServerResponse } from 'node:http';
import { rfc3339, type KubeObject } from '../../kube/object.ts';
import { containerUsage } from './metrics.ts';
import type { PodRuntime } from './podLifecycle.ts';

const MiB = 1024 * 1024;

/** What the endpoints read from the kubelet. */
export interface NodeView {
  node: KubeObject;
  /** The pods bound to this node, as stored. */
  pods: readonly KubeObject[];
  runtimes: readonly PodRuntime[];
  kubeMinor: number;
}

export function serveNodeEndpoint(res: ServerResponse, view: NodeView, target: string): void {
  const path = target.replace(/\?.*$/, '');
  switch (path) {
    case '/healthz':
      return send(res, 200, 'text/plain; charset=utf-8', 'ok');
    case '/metrics':
      return send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', metricsText(view));
    case '/stats/summary':
      return send(res, 200, 'application/json', JSON.stringify(summary(view)));
    case '/configz':
      return send(res, 200, 'application/json', JSON.stringify({ kubeletconfig: kubeletConfig(view) }));
    case '/pods':
      return send(res, 200, 'application/json', JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: view.pods }));
    case '/logs/':
      // http.FileServer's listing of /var/log.
      return send(res, 200, 'text/html; charset=utf-8', '<!doctype html>\n<meta name="viewport" content="width=device-width">\n<pre>\n<a href="containers/">containers/</a>\n<a href="pods/">pods/</a>\n</pre>\n');
    default:
      return send(res, 404, 'text/plain; charset=utf-8', '404 page not found\n');
  }
}

function send(res: ServerResponse, code: number, contentType: string, body: string): void {
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function metricsText(view: NodeView): string {
  const nodeName = view.node.metadata.name ?? '';
  const running = view.runtimes.filter((p) => p.phase() === 'Running').length;
  const states = { running: 0, exited: 0, created: 0, unknown: 0 };
  for (const rt of view.runtimes) {
    for (const c of [...rt.initContainers, ...rt.containers, ...rt.ephemeralContainers]) {
      if (c.running) states.running++;
      else if (c.terminated) states.exited++;
      else states.created++;
    }
  }
  const lines = [
    '# HELP kubelet_node_name [ALPHA] The node\'s name. The count is always 1.',
    '# TYPE kubelet_node_name gauge',
    `kubelet_node_name{node="${nodeName}"} 1`,
    '# HELP kubelet_running_pods [ALPHA] Number of pods that have a running pod sandbox',
    '# TYPE kubelet_running_pods gauge',
    `kubelet_running_pods ${running}`,
    '# HELP kubelet_running_containers [ALPHA] Number of containers currently running',
    '# TYPE kubelet_running_containers gauge',
    ...Object.entries(states).map(([state, n]) => `kubelet_running_containers{container_state="${state}"} ${n}`),
    '# HELP kubernetes_build_info [ALPHA] A metric with a constant \'1\' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.',
    '# TYPE kubernetes_build_info gauge',
    `kubernetes_build_info{git_version="v1.${view.kubeMinor}.0",major="1",minor="${view.kubeMinor}",platform="linux/amd64"} 1`,
  ];
  return lines.join('\n') + '\n';
}

/** The Summary API (k8s.io/kubelet/pkg/apis/stats/v1alpha1): node totals and per-pod, per-container CPU and memory. */
function summary(view: NodeView): unknown {
  const now = rfc3339();
  const cpu = (millis: number) => ({ time: now, usageNanoCores: Math.round(millis * 1e6), usageCoreNanoSeconds: Math.round(millis * 1e6 * 3600) });
  const memory = (bytes: number, limit?: number) => ({
    time: now,
    ...(limit ? { availableBytes: Math.max(0, Math.round(limit - bytes)) } : {}),
    usageBytes: Math.round(bytes * 1.1),
    workingSetBytes: Math.round(bytes),
    rssBytes: Math.round(bytes * 0.8),
    pageFaults: 0,
    majorPageFaults: 0,
  });
  let nodeCpu = 180;
  let nodeMem = 900 * MiB;
  const pods = view.runtimes
    .filter((rt) => rt.phase() === 'Running')
    .map((rt) => {
      let podCpu = 0;
      let podMem = 0;
      const containers = rt.containers.flatMap((c) => {
        const u = containerUsage(rt, c.name);
        if (!u || !c.current) return [];
        podCpu += u.cpuMillis;
        podMem += u.memoryBytes;
        return [{ name: c.name, startTime: rfc3339(c.current.startedAt), cpu: cpu(u.cpuMillis), memory: memory(u.memoryBytes) }];
      });
      nodeCpu += podCpu;
      nodeMem += podMem;
      return { podRef: { name: rt.name, namespace: rt.namespace, uid: rt.uid }, startTime: rfc3339(rt.startTime), containers, cpu: cpu(podCpu), memory: memory(podMem) };
    });
  const capacity = memoryOf(view.node.status?.capacity?.memory);
  return {
    node: { nodeName: view.node.metadata.name, systemContainers: [], startTime: view.node.metadata.creationTimestamp, cpu: cpu(nodeCpu), memory: memory(nodeMem, capacity) },
    pods,
  };
}

function memoryOf(q: unknown): number | undefined {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(String(q ?? ''));
  if (!m) return undefined;
  return Number(m[1]) * ({ Ki: 1024, Mi: MiB, Gi: 1024 * MiB }[m[2] ?? ''] ?? 1);
}

/** The KubeletConfiguration the kubelet runs with (kubeadm's defaults), as /configz shows it. */
function kubeletConfig(view: NodeView): Record<string, unknown> {
  return {
    enableServer: true,
    staticPodPath: '/etc/kubernetes/manifests',
    syncFrequency: '1m0s',
    fileCheckFrequency: '20s',
    httpCheckFrequency: '20s',
    address: '0.0.0.0',
    port: 10250,
    authentication: { x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' }, webhook: { enabled: true, cacheTTL: '2m0s' }, anonymous: { enabled: false } },
    authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } },
    healthzPort: 10248,
    healthzBindAddress: '127.0.0.1',
    clusterDomain: 'cluster.local',
    clusterDNS: ['10.96.0.10'],
    nodeStatusUpdateFrequency: '10s',
    nodeStatusReportFrequency: '5m0s',
    cgroupDriver: 'systemd',
    maxPods: Number(view.node.status?.capacity?.pods ?? 110),
    containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock',
    evictionHard: { 'imagefs.available': '15%', 'memory.available': '100Mi', 'nodefs.available': '10%', 'nodefs.inodesFree': '5%' },
    rotateCertificates: true,
    serializeImagePulls: true,
  };
}
