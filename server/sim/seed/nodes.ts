import type { KubeObject } from '../../kube/object.ts';

export interface NodeShape {
  name: string;
  cpu: string;
  memory: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  address: string;
}

/** The demo cluster's machines: two general workers and one GPU node kept for GPU work by a taint. */
export const DEMO_NODES: NodeShape[] = [
  { name: 'node-a', cpu: '4', memory: '16Gi', address: '192.168.49.2', labels: { 'topology.kubernetes.io/zone': 'zone-a' } },
  { name: 'node-b', cpu: '4', memory: '16Gi', address: '192.168.49.3', labels: { 'topology.kubernetes.io/zone': 'zone-b' } },
  {
    name: 'node-c',
    cpu: '8',
    memory: '32Gi',
    address: '192.168.49.4',
    labels: { 'topology.kubernetes.io/zone': 'zone-a', accelerator: 'nvidia-l4' },
    taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
  },
];

export function nodeObject(n: NodeShape): KubeObject {
  const capacity = { cpu: n.cpu, memory: n.memory, pods: String(n.pods ?? 110), 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '0' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: {
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        ...n.labels,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: '', ...(n.taints ? { taints: n.taints } : {}) },
    status: {
      capacity,
      allocatable: { ...capacity },
      addresses: [
        { type: 'InternalIP', address: n.address },
        { type: 'Hostname', address: n.name },
      ],
      nodeInfo: {
        machineID: hex(n.name, 32),
        systemUUID: hex(n.name + 'uuid', 32),
        bootID: hex(n.name + 'boot', 32),
        kernelVersion: '6.1.0-27-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.32.0',
        kubeProxyVersion: 'v1.32.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      conditions: [],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}

/** A stable hex string derived from a seed, so node identities do not change between runs. */
function hex(seed: string, length: number): string {
  let h = 2166136261;
  let out = '';
  while (out.length < length) {
    for (const c of seed + out.length) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
