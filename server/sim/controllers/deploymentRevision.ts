import type { KubeObject } from '../../kube/object.ts';
import { DESIRED_REPLICAS, MAX_REPLICAS, maxSurge, replicasOf, replicaAnnotationsNeedUpdate, setReplicaAnnotations } from './deploymentReplicas.ts';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
/** deploymentutil's limit on the revision-history annotation. */
const REV_HISTORY_LIMIT_CHARS = 2000;

/** Deployment annotations that are not copied to its ReplicaSets (annotationsToSkip). */
const SKIP = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);

export function revisionOf(rs: Readonly<KubeObject> | undefined): number {
  return Number(rs?.metadata.annotations?.[REVISION] ?? 0) || 0;
}

export function maxRevision(rss: readonly Readonly<KubeObject>[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** Copy the deployment's annotations (change-cause among them) onto the ReplicaSet. */
function copyDeploymentAnnotations(d: Readonly<KubeObject>, rs: KubeObject): boolean {
  let changed = false;
  const target = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP.has(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * deploymentutil.SetNewReplicaSetAnnotations: copy annotations, raise the revision, and
 * when an existing ReplicaSet is raised (a rollback to its template) remember the
 * revision it had in revision-history.
 */
export function setNewReplicaSetAnnotations(d: Readonly<KubeObject>, rs: KubeObject, newRevision: number, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const annotations = (rs.metadata.annotations ??= {});
  const had = annotations[REVISION];
  const old = Number(had ?? 0) || 0;
  if (old < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (had !== undefined) {
      const history = annotations[REVISION_HISTORY];
      if (!history) {
        annotations[REVISION_HISTORY] = had;
      } else {
        const parts = history.split(',');
        while (parts.length && parts.join(',').length + had.length + 1 > REV_HISTORY_LIMIT_CHARS) parts.shift();
        annotations[REVISION_HISTORY] = [...parts, had].join(',');
      }
    }
  }
  if (!exists && replicaAnnotationsNeedUpdate(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) {
    setReplicaAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d));
    changed = true;
  }
  return changed;
}
