import type { KubeObject } from '../../kube/object.ts';
import { controlledBy, templateImages } from './ownership.ts';
import { podReady } from './podReadiness.ts';
import { revisionOf } from './rolloutStatus.ts';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const REVISION_HASH = 'controller-revision-hash';

/** One entry of `kubectl rollout history`, with the pods still running it. */
export interface Revision {
  revision: number;
  /** The ReplicaSet or ControllerRevision holding this revision's template. */
  name: string;
  images: string[];
  changeCause?: string;
  createdAt: string;
  pods: { total: number; ready: number };
  /** The revision the workload's template is at now. */
  current: boolean;
}

function podCounts(pods: readonly Readonly<KubeObject>[]): { total: number; ready: number } {
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  return { total: live.length, ready: live.filter(podReady).length };
}

/** A Deployment's revisions, newest first, from the ReplicaSets it controls. */
export function revisionHistory(deployment: Readonly<KubeObject>, replicaSets: Iterable<Readonly<KubeObject>>, pods: Iterable<Readonly<KubeObject>>): Revision[] {
  const owned = controlledBy([...replicaSets], deployment.metadata.uid);
  const allPods = [...pods];
  const current = revisionOf(deployment);
  return owned
    .map((rs): Revision => {
      const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
      return {
        revision: revisionOf(rs),
        name: rs.metadata.name ?? '',
        images: templateImages(rs.spec?.template),
        ...(cause ? { changeCause: cause } : {}),
        createdAt: rs.metadata.creationTimestamp ?? '',
        pods: podCounts(controlledBy(allPods, rs.metadata.uid)),
        current: revisionOf(rs) === current,
      };
    })
    .sort((a, b) => b.revision - a.revision);
}

/** The pod template a ControllerRevision stores (its data is a patch replacing spec.template). */
export function controllerRevisionTemplate(revision: Readonly<KubeObject>): { metadata?: { labels?: Record<string, string> }; spec?: Record<string, unknown> } | undefined {
  const template = (revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (!template) return undefined;
  const { $patch: _patch, ...rest } = template;
  return rest;
}

/**
 * A StatefulSet's or DaemonSet's revisions, newest first, from its ControllerRevisions.
 * StatefulSet pods name their revision in `controller-revision-hash` (the revision's name),
 * DaemonSet pods its hash (the revision's own `controller-revision-hash` label).
 */
export function controllerRevisionHistory(owner: Readonly<KubeObject>, revisions: Iterable<Readonly<KubeObject>>, pods: Iterable<Readonly<KubeObject>>): Revision[] {
  const owned = controlledBy([...revisions], owner.metadata.uid);
  const ownedPods = controlledBy([...pods], owner.metadata.uid);
  const isStatefulSet = owner.kind === 'StatefulSet';
  const newest = owned.reduce((m, r) => Math.max(m, (r.revision as number | undefined) ?? 0), 0);
  return owned
    .map((r): Revision => {
      const number = (r.revision as number | undefined) ?? 0;
      const podValue = isStatefulSet ? r.metadata.name : r.metadata.labels?.[REVISION_HASH];
      const cause = r.metadata.annotations?.[CHANGE_CAUSE];
      return {
        revision: number,
        name: r.metadata.name ?? '',
        images: templateImages(controllerRevisionTemplate(r) as { spec?: { containers?: { image?: string }[] } } | undefined),
        ...(cause ? { changeCause: cause } : {}),
        createdAt: r.metadata.creationTimestamp ?? '',
        pods: podCounts(ownedPods.filter((p) => p.metadata.labels?.[REVISION_HASH] === podValue)),
        current: isStatefulSet ? r.metadata.name === owner.status?.updateRevision : number === newest,
      };
    })
    .sort((a, b) => b.revision - a.revision);
}
