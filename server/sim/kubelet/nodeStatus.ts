/** The node status a healthy kubelet posts: conditions, heartbeat, allocatable, addresses, nodeInfo. */
import { rfc3339 } from '../../kube/object.ts';
import type { KubeObject } from '../../kube/object.ts';

const CONDITIONS: [string, 'True' | 'False', string, string][] = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

export function hostIPOf(node: KubeObject | undefined, index: number): string {
  const addr = ((node?.status?.addresses ?? []) as { type: string; address: string }[]).find((a) => a.type === 'InternalIP');
  return addr?.address ?? `192.168.49.${index + 2}`;
}

/** Apply a heartbeat to `node` in place; returns false when nothing needed writing. */
export function heartbeat(node: KubeObject, index: number, kubeMinor: number, force: boolean): boolean {
  const status = (node.status ??= {});
  const now = rfc3339();
  const existing = new Map(((status.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[]).map((c) => [c.type, c]));
  const healthy = CONDITIONS.every(([type, s]) => existing.get(type)?.status === s);
  if (healthy && !force && status.allocatable && status.nodeInfo) return false;
  status.conditions = CONDITIONS.map(([type, s, reason, message]) => {
    const prev = existing.get(type);
    return { type, status: s, lastHeartbeatTime: now, lastTransitionTime: prev?.status === s && prev.lastTransitionTime ? prev.lastTransitionTime : now, reason, message };
  });
  status.capacity ??= { cpu: '4', memory: '16318412Ki', pods: '110', 'ephemeral-storage': '102687672Ki' };
  status.allocatable ??= { ...status.capacity };
  status.addresses ??= [
    { type: 'InternalIP', address: hostIPOf(node, index) },
    { type: 'Hostname', address: node.metadata.name },
  ];
  status.daemonEndpoints ??= { kubeletEndpoint: { Port: 10250 } };
  status.nodeInfo ??= {
    machineID: `${(index + 1).toString(16).padStart(2, '0')}c0ffee5d1a4e4b6f9a0c2d3e4f5a6b7c`.slice(0, 32),
    systemUUID: `4c4c4544-0031-4e10-8050-b${index}c04f4e4d32`,
    bootID: `b00710d${index}-1d2c-4e5f-8a9b-0c1d2e3f4a5b`,
    kernelVersion: '6.8.0-45-generic',
    osImage: 'Ubuntu 24.04.1 LTS',
    containerRuntimeVersion: 'containerd://1.7.22',
    kubeletVersion: `v1.${kubeMinor}.${kubeMinor === 32 ? 2 : 17}`,
    kubeProxyVersion: `v1.${kubeMinor}.${kubeMinor === 32 ? 2 : 17}`,
    operatingSystem: 'linux',
    architecture: 'amd64',
  };
  return true;
}
