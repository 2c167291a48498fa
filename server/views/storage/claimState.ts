/**
 * A claim's status as kubectl prints it (its phase, or Terminating once deletion was asked and
 * the kubernetes.io/pvc-protection finalizer holds it while a pod uses it), and where a
 * volume expansion stands: the PVC's resize conditions (Resizing while the external resizer
 * grows the volume, FileSystemResizePending until the kubelet grows the file system on the
 * node, ControllerResizeError / NodeResizeError on failure), status.allocatedResources and
 * status.allocatedResourceStatuses (Kubernetes 1.32), and status.capacity once done.
 */
import type { KubeObject } from '../../kube/object.ts';
import { quantityOrZero } from '../../kube/quantity.ts';

export type ClaimStatus = 'Pending' | 'Bound' | 'Lost' | 'Terminating';

export function claimStatus(claim: Readonly<KubeObject>): ClaimStatus {
  if (claim.metadata.deletionTimestamp) return 'Terminating';
  const phase = claim.status?.phase as string | undefined;
  return phase === 'Bound' || phase === 'Lost' ? phase : 'Pending';
}

export type ResizeState =
  /** Nothing to do: capacity covers the request (or the claim is not bound). */
  | 'none'
  /** The request grew past the capacity; no resizer has reported yet. */
  | 'requested'
  /** The controller side (the CSI resizer) is growing the volume. */
  | 'resizing'
  /** The volume is grown; the kubelet grows the file system when a pod mounts it. */
  | 'fileSystemResizePending'
  /** A resizer reported an error, or the size is infeasible. */
  | 'failed';

export interface ClaimCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ResizeProgress {
  state: ResizeState;
  /** spec.resources.requests.storage. */
  requested?: string;
  /** status.capacity.storage. */
  capacity?: string;
  /** status.allocatedResources.storage: the size the resizers are working towards. */
  allocated?: string;
  /** status.allocatedResourceStatuses.storage (ControllerResizeInProgress, NodeResizePending, …). */
  allocatedStatus?: string;
  conditions: ClaimCondition[];
}

const FAILED_CONDITIONS = ['ControllerResizeError', 'NodeResizeError'];

export function claimConditions(claim: Readonly<KubeObject>): ClaimCondition[] {
  const raw = (claim.status?.conditions as Record<string, unknown>[] | undefined) ?? [];
  return raw.map((c) => {
    const out: ClaimCondition = { type: String(c.type ?? ''), status: String(c.status ?? '') };
    for (const k of ['reason', 'message', 'lastTransitionTime'] as const) if (typeof c[k] === 'string' && c[k]) out[k] = c[k];
    return out;
  });
}

export function resizeProgress(claim: Readonly<KubeObject>): ResizeProgress {
  const requested = claim.spec?.resources?.requests?.storage as string | undefined;
  const capacity = claim.status?.capacity?.storage as string | undefined;
  const allocated = claim.status?.allocatedResources?.storage as string | undefined;
  const allocatedStatus = (claim.status?.allocatedResourceStatuses as Record<string, string> | undefined)?.storage;
  const conditions = claimConditions(claim);
  const on = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  const base = { ...(requested ? { requested } : {}), ...(capacity ? { capacity } : {}), ...(allocated ? { allocated } : {}), ...(allocatedStatus ? { allocatedStatus } : {}), conditions };
  const state = ((): ResizeState => {
    if (FAILED_CONDITIONS.some(on) || allocatedStatus?.endsWith('Infeasible')) return 'failed';
    if (on('FileSystemResizePending') || allocatedStatus === 'NodeResizePending' || allocatedStatus === 'NodeResizeInProgress') return 'fileSystemResizePending';
    if (on('Resizing') || allocatedStatus === 'ControllerResizeInProgress') return 'resizing';
    if (capacity && requested && quantityOrZero(requested) > quantityOrZero(capacity)) return 'requested';
    return 'none';
  })();
  return { state, ...base };
}

/**
 * The events the resizers write about a claim, in the order an expansion goes: the external
 * resizer's Resizing, then VolumeResizeSuccessful or VolumeResizeFailed, FileSystemResizeRequired
 * when the file system has to grow on the node, and the kubelet's FileSystemResizeSuccessful or
 * FileSystemResizeFailed. The conditions are gone once an expansion ends; these stay.
 */
export const RESIZE_EVENT_REASONS = ['Resizing', 'VolumeResizeSuccessful', 'VolumeResizeFailed', 'FileSystemResizeRequired', 'FileSystemResizeSuccessful', 'FileSystemResizeFailed'] as const;

export interface ResizeStep {
  reason: (typeof RESIZE_EVENT_REASONS)[number];
  type: string;
  message: string;
  at?: string;
}

/** The steps of the latest expansion (from its Resizing event on), oldest first. */
export function resizeSteps(events: readonly { reason: string; type: string; message: string; lastSeen?: string }[]): ResizeStep[] {
  const order = (r: string) => RESIZE_EVENT_REASONS.indexOf(r as ResizeStep['reason']);
  const steps = events.filter((e) => order(e.reason) >= 0);
  const started = steps.filter((e) => e.reason === 'Resizing').map((e) => e.lastSeen ?? '').sort().pop();
  return steps
    .filter((e) => started === undefined || (e.lastSeen ?? '') >= started)
    .sort((a, b) => (a.lastSeen ?? '').localeCompare(b.lastSeen ?? '') || order(a.reason) - order(b.reason))
    .map((e) => ({ reason: e.reason as ResizeStep['reason'], type: e.type, message: e.message, ...(e.lastSeen ? { at: e.lastSeen } : {}) }));
}
