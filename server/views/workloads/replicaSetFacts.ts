/**
 * What a ReplicaSet's own page adds to the shared workload detail: its replica counts as
 * `kubectl get rs` reads them, the Deployment revision and pod-template-hash it holds, and its
 * owner, so the page can warn that a Deployment scales its ReplicaSets back.
 */
import type { KubeObject } from '../../kube/object.ts';
import { controllerOf } from './ownership.ts';
import { revisionOf } from './rolloutStatus.ts';

export interface ReplicaSetFacts {
  desired: number;
  current: number;
  ready: number;
  available: number;
  fullyLabeled: number;
  /** False while the ReplicaSet controller has not yet seen the latest spec. */
  observed: boolean;
  /** `deployment.kubernetes.io/revision`; absent on a ReplicaSet no Deployment made. */
  revision?: number;
  /** The `pod-template-hash` label the Deployment controller adds to its ReplicaSets and their pods. */
  podTemplateHash?: string;
  owner?: { kind: string; name: string };
  /**
   * For a Deployment's ReplicaSet, whether it holds the Deployment's current revision (the one
   * new pods come from) or an older one kept for rollback; unknown when the owner was not read.
   */
  ownerCurrent?: boolean;
}

/** `owner` is the controlling object when it could be read (a missing or forbidden one is left out). */
export function replicaSetFacts(rs: Readonly<KubeObject>, owner?: Readonly<KubeObject>): ReplicaSetFacts {
  const ref = controllerOf(rs);
  const revision = revisionOf(rs);
  const hash = rs.metadata.labels?.['pod-template-hash'];
  const ownerRead = ref && owner && owner.metadata.uid === ref.uid ? owner : undefined;
  return {
    // The API server defaults spec.replicas to 1; a missing value means the default.
    desired: (rs.spec?.replicas as number | undefined) ?? 1,
    current: (rs.status?.replicas as number | undefined) ?? 0,
    ready: (rs.status?.readyReplicas as number | undefined) ?? 0,
    available: (rs.status?.availableReplicas as number | undefined) ?? 0,
    fullyLabeled: (rs.status?.fullyLabeledReplicas as number | undefined) ?? 0,
    observed: ((rs.status?.observedGeneration as number | undefined) ?? 0) >= (rs.metadata.generation ?? 0),
    ...(revision > 0 ? { revision } : {}),
    ...(hash ? { podTemplateHash: hash } : {}),
    ...(ref ? { owner: { kind: ref.kind, name: ref.name } } : {}),
    ...(ownerRead?.kind === 'Deployment' && revision > 0 ? { ownerCurrent: revisionOf(ownerRead) === revision } : {}),
  };
}
