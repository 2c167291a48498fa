import type { KubeObject } from '../../kube/object.ts';
import { effectivePodRequests, type PodRequests, type PodSpecShape } from '../../kube/effectivePodRequests.ts';
import { allocatable } from '../../kube/schedulerFilters.ts';

/** One resource on one node: cpu in millicores, memory in bytes, other resources in counts. */
export interface ResourceAllocation {
  allocatable: number;
  /** Effective requests of the pods bound to the node that have not finished. */
  requested: number;
  limits: number;
  free: number;
}

export interface NodeTaint {
  key: string;
  value?: string;
  effect: string;
}

export interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface NodeAllocation {
  name: string;
  cpu: ResourceAllocation;
  memory: ResourceAllocation;
  pods: { allocatable: number; count: number };
  /** Extended resources (GPUs, hugepages, ephemeral-storage) the node offers. */
  other: Record<string, ResourceAllocation>;
  taints: NodeTaint[];
  conditions: NodeCondition[];
  ready: boolean;
  /** Cordoned (spec.unschedulable). */
  unschedulable: boolean;
}

/** A pod still holds its resources on the node it is bound to until it finishes. */
export function chargesNode(pod: Readonly<KubeObject>, nodeName: string): boolean {
  const phase = pod.status?.phase;
  return pod.spec?.nodeName === nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

/** Limits with the same max(init, sum of app containers) rule as requests (kubectl describe node). */
export function effectivePodLimits(spec: PodSpecShape): PodRequests {
  const asRequests = (cs: PodSpecShape['containers']) => cs?.map((c) => ({ ...c, resources: { requests: c.resources?.limits ?? {} } }));
  return effectivePodRequests({ containers: asRequests(spec.containers), initContainers: asRequests(spec.initContainers) });
}

/** Node capacity against what its pods asked for: what `kubectl describe node` calls "Allocated resources". */
export function nodeAllocation(node: Readonly<KubeObject>, pods: Iterable<Readonly<KubeObject>>): NodeAllocation {
  const name = node.metadata.name ?? '';
  const alloc = allocatable(node);
  const requested: PodRequests = { cpu: 0, memory: 0 };
  const limits: PodRequests = { cpu: 0, memory: 0 };
  let count = 0;
  for (const pod of pods) {
    if (!chargesNode(pod, name)) continue;
    count++;
    for (const [k, v] of Object.entries(effectivePodRequests(pod.spec ?? {}))) requested[k] = (requested[k] ?? 0) + v;
    for (const [k, v] of Object.entries(effectivePodLimits(pod.spec ?? {}))) limits[k] = (limits[k] ?? 0) + v;
  }
  const resource = (r: string): ResourceAllocation => ({
    allocatable: alloc[r] ?? 0,
    requested: requested[r] ?? 0,
    limits: limits[r] ?? 0,
    free: (alloc[r] ?? 0) - (requested[r] ?? 0),
  });
  const other: Record<string, ResourceAllocation> = {};
  for (const r of new Set([...Object.keys(alloc), ...Object.keys(requested)])) {
    if (r === 'cpu' || r === 'memory' || r === 'pods') continue;
    if ((alloc[r] ?? 0) === 0 && (requested[r] ?? 0) === 0) continue;
    other[r] = resource(r);
  }
  const conditions = ((node.status?.conditions as NodeCondition[] | undefined) ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
  }));
  return {
    name,
    cpu: resource('cpu'),
    memory: resource('memory'),
    pods: { allocatable: alloc.pods ?? 110, count },
    other,
    taints: ((node.spec?.taints as NodeTaint[] | undefined) ?? []).map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect })),
    conditions,
    ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    unschedulable: !!node.spec?.unschedulable,
  };
}
