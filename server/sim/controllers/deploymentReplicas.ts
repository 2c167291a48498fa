import type { KubeObject } from '../../kube/object.ts';

export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

export type IntOrPercent = number | string | undefined;

/** intstr.GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up or down. */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export const replicasOf = (o: Readonly<KubeObject> | undefined): number => (o?.spec?.replicas as number | undefined) ?? (o ? 1 : 0);

function isRolling(d: Readonly<KubeObject>): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/**
 * deploymentutil.ResolveFenceposts: surge rounds up, unavailable rounds down, and both
 * zero would deadlock a rollout, so unavailable becomes 1.
 */
export function resolveFenceposts(d: Readonly<KubeObject>): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const desired = replicasOf(d);
  const surge = scaledValue(ru.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Readonly<KubeObject>): number {
  return isRolling(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: Readonly<KubeObject>): number {
  const desired = replicasOf(d);
  if (!isRolling(d) || desired === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, desired);
}

export const sumSpecReplicas = (rss: readonly Readonly<KubeObject>[]) => rss.reduce((n, rs) => n + replicasOf(rs), 0);
export const sumStatus = (rss: readonly Readonly<KubeObject>[], field: 'replicas' | 'readyReplicas' | 'availableReplicas') =>
  rss.reduce((n, rs) => n + ((rs.status?.[field] as number | undefined) ?? 0), 0);

/** deploymentutil.NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: Readonly<KubeObject>, allRSs: readonly Readonly<KubeObject>[], newRS: Readonly<KubeObject> | undefined): number {
  if (!isRolling(d)) return replicasOf(d);
  const newReplicas = newRS ? replicasOf(newRS) : 0;
  const current = sumSpecReplicas(allRSs);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return newReplicas;
  const up = Math.min(maxTotal - current, replicasOf(d) - newReplicas);
  return newReplicas + up;
}

/** The replica annotations differ from what the deployment wants (ReplicasAnnotationsNeedUpdate). */
export function replicaAnnotationsNeedUpdate(rs: Readonly<KubeObject>, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

export function setReplicaAnnotations(rs: KubeObject, desired: number, max: number): void {
  rs.metadata.annotations = { ...(rs.metadata.annotations ?? {}), [DESIRED_REPLICAS]: String(desired), [MAX_REPLICAS]: String(max) };
}

/** The new ReplicaSet carries the whole deployment and all its pods are available (deploymentutil.IsSaturated). */
export function isSaturated(d: Readonly<KubeObject>, rs: Readonly<KubeObject> | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS]);
  return desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/**
 * Proportional scaling of a rollout in flight (DeploymentController.scale): the extra (or
 * missing) replicas are spread over the active ReplicaSets in proportion to their size,
 * and the rounding leftover goes to the largest. Returns the new size per ReplicaSet name.
 */
export function proportionalSizes(d: Readonly<KubeObject>, active: readonly Readonly<KubeObject>[]): Map<string, number> {
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - sumSpecReplicas(active);
  const created = (rs: Readonly<KubeObject>) => Date.parse(rs.metadata.creationTimestamp ?? '') || 0;
  const sorted = [...active].sort((a, b) => {
    if (replicasOf(a) !== replicasOf(b)) return replicasOf(b) - replicasOf(a);
    return toAdd > 0 ? created(b) - created(a) : created(a) - created(b);
  });
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of sorted) {
    let proportion = 0;
    if (toAdd !== 0) {
      const annotated = Number(rs.metadata.annotations?.[MAX_REPLICAS]) || 0;
      const fraction = replicasOf(d) === 0 ? -replicasOf(rs) : annotated === 0 ? toAdd : Math.ceil((replicasOf(rs) * allowed) / annotated) - replicasOf(rs);
      const left = toAdd - added;
      proportion = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
    }
    sizes.set(rs.metadata.name!, replicasOf(rs) + proportion);
    added += proportion;
  }
  if (sorted.length && added !== toAdd) {
    const first = sorted[0].metadata.name!;
    sizes.set(first, Math.max(0, sizes.get(first)! + toAdd - added));
  }
  return sizes;
}
