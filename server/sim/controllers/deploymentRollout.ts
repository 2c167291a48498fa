import type { KubeObject } from '../../kube/object.ts';
import { isSaturated, maxUnavailable, newRSNewReplicas, proportionalSizes, replicasOf, sumSpecReplicas, DESIRED_REPLICAS } from './deploymentReplicas.ts';
import type { DeploymentReplicaSets } from './deploymentReplicaSets.ts';

const created = (o: Readonly<KubeObject>) => Date.parse(o.metadata.creationTimestamp ?? '') || 0;
const byCreation = (a: Readonly<KubeObject>, b: Readonly<KubeObject>) => created(a) - created(b);
const available = (rs: Readonly<KubeObject>) => (rs.status?.availableReplicas as number | undefined) ?? 0;

/** A rollout step's outcome: the ReplicaSets as they are now. */
export interface Step {
  newRS: KubeObject | undefined;
  oldRSs: KubeObject[];
}

function fresh(ops: DeploymentReplicaSets, newRS: KubeObject | undefined): Step {
  const uid = newRS?.metadata.uid;
  return {
    newRS: uid ? ops.all.find((r) => r.metadata.uid === uid) : undefined,
    oldRSs: ops.all.filter((r) => r.metadata.uid !== uid),
  };
}

/** rolloutRolling: grow the new ReplicaSet within maxSurge, shrink old ones within maxUnavailable. */
export function rolloutRolling(ops: DeploymentReplicaSets): Step {
  const { newRS, oldRSs } = ops.newAndOld(true);
  const d = ops.d;
  // reconcileNewReplicaSet
  if (newRS) {
    const all = [...oldRSs, newRS];
    if (replicasOf(newRS) > replicasOf(d)) {
      ops.scale(newRS, replicasOf(d));
      return fresh(ops, newRS);
    }
    if (replicasOf(newRS) < replicasOf(d)) {
      const want = newRSNewReplicas(d, all, newRS);
      if (want !== replicasOf(newRS)) {
        ops.scale(newRS, want);
        return fresh(ops, newRS);
      }
    }
  }
  // reconcileOldReplicaSets
  let olds = oldRSs;
  if (sumSpecReplicas(olds) === 0) return fresh(ops, newRS);
  const all = newRS ? [...olds, newRS] : olds;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = newRS ? replicasOf(newRS) - available(newRS) : 0;
  const maxScaledDown = sumSpecReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return fresh(ops, newRS);
  // cleanupUnhealthyReplicas: old pods that are not available go first.
  let cleaned = 0;
  for (const rs of [...olds].sort(byCreation)) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = replicasOf(rs) - available(rs);
    if (replicasOf(rs) === 0 || unhealthy <= 0) continue;
    const down = Math.min(maxScaledDown - cleaned, unhealthy);
    ops.scale(rs, replicasOf(rs) - down);
    cleaned += down;
  }
  olds = fresh(ops, newRS).oldRSs;
  // scaleDownOldReplicaSetsForRollingUpdate: keep minAvailable pods available.
  const allNow = newRS ? [...olds, fresh(ops, newRS).newRS!] : olds;
  const availableCount = allNow.reduce((n, rs) => n + available(rs), 0);
  if (availableCount > minAvailable) {
    const total = availableCount - minAvailable;
    let scaled = 0;
    for (const rs of [...olds].sort(byCreation)) {
      if (scaled >= total) break;
      if (replicasOf(rs) === 0) continue;
      const down = Math.min(replicasOf(rs), total - scaled);
      ops.scale(rs, replicasOf(rs) - down);
      scaled += down;
    }
  }
  return fresh(ops, newRS);
}

/** rolloutRecreate: old ReplicaSets to zero, wait for their pods to go, then the new one to full size. */
export function rolloutRecreate(ops: DeploymentReplicaSets, oldPodsRunning: (oldRSs: KubeObject[]) => boolean): Step {
  const found = ops.newAndOld(false);
  let newRS = found.newRS;
  const oldRSs = found.oldRSs;
  let scaledDown = false;
  for (const rs of oldRSs) {
    if (replicasOf(rs) === 0) continue;
    ops.scale(rs, 0);
    scaledDown = true;
  }
  if (scaledDown) return fresh(ops, newRS);
  if (oldPodsRunning(oldRSs)) return fresh(ops, newRS);
  if (!newRS) newRS = ops.newAndOld(true).newRS;
  if (newRS) ops.scale(newRS, replicasOf(ops.d));
  return fresh(ops, newRS);
}

/** DeploymentController.isScalingEvent: an active ReplicaSet was sized for a different replica count. */
export function isScalingEvent(d: Readonly<KubeObject>, all: readonly Readonly<KubeObject>[]): boolean {
  return all.some((rs) => {
    if (replicasOf(rs) === 0) return false;
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
    return desired !== undefined && Number(desired) !== replicasOf(d);
  });
}

/** DeploymentController.scale: resize for a replica change (also while paused), proportionally mid-rollout. */
export function scaleDeployment(ops: DeploymentReplicaSets): Step {
  const { newRS, oldRSs } = ops.newAndOld(false);
  const d = ops.d;
  const all = newRS ? [newRS, ...oldRSs] : oldRSs;
  const active = all.filter((rs) => replicasOf(rs) > 0);
  let target: KubeObject | undefined;
  if (active.length === 0) target = newRS ?? [...oldRSs].sort(byCreation).at(-1);
  else if (active.length === 1) target = active[0];
  if (target || active.length <= 1) {
    if (target) ops.scale(target, replicasOf(d));
    return fresh(ops, newRS);
  }
  if (isSaturated(d, newRS)) {
    for (const rs of oldRSs) if (replicasOf(rs) > 0) ops.scale(rs, 0);
    return fresh(ops, newRS);
  }
  if ((d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const sizes = proportionalSizes(d, active);
    for (const rs of active) ops.scale(rs, sizes.get(rs.metadata.name!) ?? replicasOf(rs));
  }
  return fresh(ops, newRS);
}
