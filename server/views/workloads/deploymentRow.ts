import type { KubeObject } from '../../kube/object.ts';
import { keyOf } from '../cache/objectCache.ts';
import type { Row } from '../live/protocol.ts';
import type { ViewCaches, ViewDefinition } from '../view.ts';
import { controlledBy, controllerOf, selectorString, templateImages } from './ownership.ts';
import { podSummary, type PodSummary } from './podSummary.ts';
import { rolloutStatus, type RolloutStatus } from './rolloutStatus.ts';
import { APPS, CORE } from './resources.ts';

/** One line of the Deployment list, joined with its ReplicaSets and pods in the BFF. */
export interface DeploymentRow extends Row {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  /** `2/3`: ready / desired. */
  ready: string;
  readyReplicas: number;
  desired: number;
  upToDate: number;
  available: number;
  images: string[];
  rollout: Pick<RolloutStatus, 'state' | 'reason' | 'explanation'>;
  revision: number;
  paused: boolean;
  selector: string;
  pods: PodSummary;
  labels: Record<string, string>;
  creationTimestamp: string;
}

/** The pods of a Deployment: those controlled by the ReplicaSets it controls. */
export function deploymentPods(d: Readonly<KubeObject>, caches: ViewCaches): { replicaSets: KubeObject[]; pods: KubeObject[] } {
  const ns = d.metadata.namespace ?? '';
  const replicaSets = controlledBy(caches.get('replicasets.apps').inNamespaces([ns]), d.metadata.uid);
  const rsUids = new Set(replicaSets.map((rs) => rs.metadata.uid));
  const pods: KubeObject[] = [];
  for (const p of caches.get('pods').inNamespaces([ns])) if (rsUids.has(controllerOf(p)?.uid)) pods.push(p);
  return { replicaSets, pods };
}

export function deploymentRow(d: KubeObject, caches: ViewCaches): DeploymentRow {
  const { replicaSets, pods } = deploymentPods(d, caches);
  const r = rolloutStatus(d, replicaSets, pods);
  const status = d.status ?? {};
  const desired: number = d.spec?.replicas ?? 1;
  return {
    key: keyOf(d),
    namespace: d.metadata.namespace ?? '',
    name: d.metadata.name ?? '',
    uid: d.metadata.uid ?? '',
    resourceVersion: d.metadata.resourceVersion ?? '',
    ready: `${status.readyReplicas ?? 0}/${desired}`,
    readyReplicas: status.readyReplicas ?? 0,
    desired,
    upToDate: status.updatedReplicas ?? 0,
    available: status.availableReplicas ?? 0,
    images: templateImages(d.spec?.template),
    rollout: { state: r.state, reason: r.reason, explanation: r.explanation },
    revision: Number(d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0) || 0,
    paused: !!d.spec?.paused,
    selector: selectorString(d.spec?.selector),
    pods: podSummary(pods),
    labels: d.metadata.labels ?? {},
    creationTimestamp: d.metadata.creationTimestamp ?? '',
  };
}

export const deploymentsView: ViewDefinition<DeploymentRow> = {
  resources: [APPS('deployments'), APPS('replicasets'), CORE('pods')],
  project: deploymentRow,
  affectedBy(resource, obj, caches) {
    const owner = controllerOf(obj);
    if (!owner) return [];
    const ns = obj.metadata.namespace ?? '';
    if (resource === 'replicasets.apps') return owner.kind === 'Deployment' ? [`${ns}/${owner.name}`] : [];
    // A pod touches its ReplicaSet's Deployment.
    if (owner.kind !== 'ReplicaSet') return [];
    const rs = caches.get('replicasets.apps').get(`${ns}/${owner.name}`);
    const d = rs && controllerOf(rs);
    return d?.kind === 'Deployment' ? [`${ns}/${d.name}`] : [];
  },
};
