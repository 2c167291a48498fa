/** The progress-deadline countdown of a rollout: seconds left, or passed. */
export function deadlineLeft(deadlineAt: string | undefined, now: number): { seconds: number; passed: boolean } | undefined {
  if (!deadlineAt) return undefined;
  const at = Date.parse(deadlineAt);
  if (Number.isNaN(at)) return undefined;
  const seconds = Math.ceil((at - now) / 1000);
  return { seconds: Math.max(0, seconds), passed: seconds <= 0 };
}

/** The pod-count bounds of a RollingUpdate: at most desired+maxSurge pods, at least desired-maxUnavailable available. */
export function rolloutBounds(desired: number, bounds: { maxSurge: number; maxUnavailable: number } | undefined): { maxPods: number; minAvailable: number } | undefined {
  if (!bounds) return undefined;
  return { maxPods: desired + bounds.maxSurge, minAvailable: Math.max(0, desired - bounds.maxUnavailable) };
}
