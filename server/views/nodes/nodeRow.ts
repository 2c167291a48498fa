import type { KubeObject } from '../../kube/object.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewCaches, ViewDefinition } from '../view.ts';
import { CORE } from '../workloads/resources.ts';
import { nodeAllocation, type NodeAllocation } from './nodeAllocation.ts';

/** One line of the Nodes list: what `kubectl get nodes -o wide` shows plus allocation from effective pod requests. */
export interface NodeRow extends Row {
  name: string;
  /** Ready, NotReady or Unknown, plus `,SchedulingDisabled` when cordoned (kubectl's STATUS). */
  status: string;
  roles: string[];
  allocation: NodeAllocation;
  internalIP?: string;
  kubeletVersion: string;
  osImage: string;
  labels: Record<string, string>;
  creationTimestamp: string;
}

export function nodeRow(node: KubeObject, caches: ViewCaches): NodeRow {
  // Every pod is scanned per node: there is no nodeName index in the cache (yet).
  const allocation = nodeAllocation(node, caches.get('pods').values());
  const ready = allocation.conditions.find((c) => c.type === 'Ready');
  let status = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  if (allocation.unschedulable) status += ',SchedulingDisabled';
  const labels = node.metadata.labels ?? {};
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  const ip = (node.status?.addresses as { type: string; address: string }[] | undefined)?.find((a) => a.type === 'InternalIP')?.address;
  return {
    key: keyOf(node),
    name: node.metadata.name ?? '',
    status,
    roles,
    allocation,
    ...(ip ? { internalIP: ip } : {}),
    kubeletVersion: node.status?.nodeInfo?.kubeletVersion ?? '',
    osImage: node.status?.nodeInfo?.osImage ?? '',
    labels,
    creationTimestamp: node.metadata.creationTimestamp ?? '',
  };
}

export const nodesView: ViewDefinition<NodeRow> = {
  resources: [CORE('nodes'), CORE('pods')],
  project: nodeRow,
  affectedBy(_resource, pod) {
    return pod.spec?.nodeName ? [pod.spec.nodeName as string] : [];
  },
};
