import { rfc3339 } from '../../kube/object.ts';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

/**
 * Set a condition the way podutil.UpdatePodCondition does: the new one replaces the old,
 * lastTransitionTime only moves when the status flips; returns false when nothing changed.
 */
export function setCondition(conditions: Condition[], next: Condition): boolean {
  const i = conditions.findIndex((c) => c.type === next.type);
  if (i < 0) {
    conditions.push({ lastTransitionTime: rfc3339(), ...next });
    return true;
  }
  const cur = conditions[i];
  if (cur.status === next.status && cur.reason === next.reason && cur.message === next.message) return false;
  // The new condition replaces the old one whole: a pod scheduled after being Unschedulable
  // keeps no stale reason or message.
  const merged: Condition = { ...next, lastTransitionTime: cur.status === next.status ? cur.lastTransitionTime : (next.lastTransitionTime ?? rfc3339()) };
  if (merged.reason === undefined) delete merged.reason;
  if (merged.message === undefined) delete merged.message;
  conditions[i] = merged;
  return true;
}
