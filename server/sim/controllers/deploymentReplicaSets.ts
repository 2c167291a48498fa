import type { KubeObject } from '../../kube/object.ts';
import { ApiError } from '../../kube/status.ts';
import { clone } from '../../kube/object.ts';
import type { SimContext } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { maxSurge, newRSNewReplicas, replicasOf, replicaAnnotationsNeedUpdate, setReplicaAnnotations } from './deploymentReplicas.ts';
import { maxRevision, REVISION, revisionOf, setNewReplicaSetAnnotations } from './deploymentRevision.ts';
import { getCondition, hasProgressDeadline, newCondition, REASON, setCondition, wireStatus, type DeploymentStatus } from './deploymentStatus.ts';
import { isControlledBy, ownerRef, DEPLOYMENT_KIND } from './ownership.ts';
import { equalIgnoreHash, POD_TEMPLATE_HASH, podTemplateHash } from './podTemplate.ts';

export const RS = 'replicasets.apps';
export const DEPLOY = 'deployments.apps';
export const COMPONENT = 'deployment-controller';

const created = (o: Readonly<KubeObject>) => Date.parse(o.metadata.creationTimestamp ?? '') || 0;

/**
 * The ReplicaSet side of one deployment sync: finding (or creating) the new ReplicaSet,
 * scaling with the ScalingReplicaSet event, cleaning up history. Writes go through the
 * store at once; `d` is refreshed after each deployment write.
 */
export class DeploymentReplicaSets {
  constructor(
    private readonly ctx: SimContext,
    public d: KubeObject,
    public all: KubeObject[],
  ) {}

  /** Write the deployment (annotations and status in one update, as UpdateStatus allows). */
  writeDeployment(change: (d: KubeObject) => void): void {
    const next = this.ctx.store.mutate(DEPLOY, this.d.metadata.namespace, this.d.metadata.name!, (o) => {
      change(o);
      if (o.status) o.status = wireStatus(o.status as DeploymentStatus);
    });
    if (next) this.d = next;
  }

  /**
   * getAllReplicaSetsAndSyncRevision: the ReplicaSet whose template equals the deployment's
   * (oldest first if several), with its revision raised above every old one; created when
   * asked and missing.
   */
  newAndOld(create: boolean): { newRS: KubeObject | undefined; oldRSs: KubeObject[] } {
    const sorted = [...this.all].sort((a, b) => created(a) - created(b));
    let newRS = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, this.d.spec?.template));
    const oldRSs = sorted.filter((rs) => rs !== newRS);
    const newRevision = maxRevision(oldRSs) + 1;
    if (newRS) newRS = this.syncExisting(newRS, newRevision);
    else if (create) newRS = this.createNew(oldRSs, newRevision);
    return { newRS, oldRSs };
  }

  private syncExisting(rs: KubeObject, newRevision: number): KubeObject {
    const copy = clone(rs);
    const changed = setNewReplicaSetAnnotations(this.d, copy, newRevision, true);
    const minReady = this.d.spec?.minReadySeconds ?? 0;
    if (changed || (copy.spec.minReadySeconds ?? 0) !== minReady) {
      copy.spec.minReadySeconds = minReady;
      return this.replace(this.ctx.store.update(RS, copy));
    }
    const revision = rs.metadata.annotations?.[REVISION];
    const needsRevision = !!revision && this.d.metadata.annotations?.[REVISION] !== revision;
    const needsCondition = hasProgressDeadline(this.d) && !getCondition(this.d.status, 'Progressing');
    if (needsRevision || needsCondition) {
      this.writeDeployment((d) => {
        if (needsRevision) d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [REVISION]: revision };
        if (needsCondition) {
          d.status ??= {};
          setCondition(d.status, newCondition('Progressing', 'True', REASON.foundNewRS, `Found new replica set "${rs.metadata.name}"`));
        }
      });
    }
    return rs;
  }

  private createNew(oldRSs: KubeObject[], newRevision: number): KubeObject | undefined {
    const d = this.d;
    const hash = podTemplateHash(d.spec.template, d.status?.collisionCount);
    const template = clone(d.spec.template);
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
    const selector = clone(d.spec.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: template.metadata.labels,
        ownerReferences: [ownerRef(d, DEPLOYMENT_KIND)],
      },
      spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    };
    const replicas = newRSNewReplicas(d, oldRSs, rs);
    rs.spec.replicas = replicas;
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    let createdRS: KubeObject;
    try {
      createdRS = createAdmitted(this.ctx, RS, rs);
    } catch (err) {
      if (!(err instanceof ApiError) || err.reason !== 'AlreadyExists') throw err;
      const existing = this.ctx.store.get(RS, d.metadata.namespace, rs.metadata.name!);
      if (existing && isControlledBy(existing, d.metadata.uid) && equalIgnoreHash(existing.spec?.template, d.spec.template)) return existing;
      // A name collision with a different template: bump collisionCount and retry with a new hash.
      this.writeDeployment((o) => {
        o.status = { ...(o.status ?? {}), collisionCount: (o.status?.collisionCount ?? 0) + 1 };
      });
      throw err;
    }
    this.all.push(createdRS);
    if (replicas > 0) this.scaledEvent(createdRS.metadata.name!, 0, replicas);
    this.writeDeployment((o) => {
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [REVISION]: String(newRevision) };
      if (hasProgressDeadline(o)) {
        o.status ??= {};
        setCondition(o.status, newCondition('Progressing', 'True', REASON.newRSCreated, `Created new replica set "${createdRS.metadata.name}"`));
      }
    });
    return createdRS;
  }

  /** scaleReplicaSetAndRecordEvent: resize and refresh the replica annotations. */
  scale(rs: KubeObject, newScale: number): KubeObject {
    const d = this.d;
    const max = replicasOf(d) + maxSurge(d);
    const sizeChanges = replicasOf(rs) !== newScale;
    if (!sizeChanges && !replicaAnnotationsNeedUpdate(rs, replicasOf(d), max)) return rs;
    const old = replicasOf(rs);
    const copy = clone(rs);
    copy.spec.replicas = newScale;
    setReplicaAnnotations(copy, replicasOf(d), max);
    const updated = this.replace(this.ctx.store.update(RS, copy));
    if (sizeChanges) this.scaledEvent(rs.metadata.name!, old, newScale);
    return updated;
  }

  private scaledEvent(name: string, from: number, to: number): void {
    const dir = to > from ? 'up' : 'down';
    const msg = this.ctx.kubeMinor >= 32 ? `Scaled ${dir} replica set ${name} from ${from} to ${to}` : `Scaled ${dir} replica set ${name} to ${to}`;
    this.ctx.events.record(this.d, 'Normal', 'ScalingReplicaSet', msg, COMPONENT);
  }

  /** cleanupDeployment: keep revisionHistoryLimit old ReplicaSets that have scaled to zero. */
  cleanup(oldRSs: readonly KubeObject[]): void {
    const limit = this.d.spec?.revisionHistoryLimit ?? 10;
    const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = alive.length - limit;
    if (diff <= 0) return;
    const byRevision = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || created(a) - created(b));
    for (const rs of byRevision.slice(0, diff)) {
      const gen = rs.metadata.generation ?? 0;
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || gen > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        this.ctx.store.delete(RS, rs.metadata.namespace, rs.metadata.name!, { preconditions: { uid: rs.metadata.uid } });
        this.all = this.all.filter((x) => x.metadata.uid !== rs.metadata.uid);
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 404) throw err;
      }
    }
  }

  private replace(rs: KubeObject): KubeObject {
    this.all = this.all.map((x) => (x.metadata.uid === rs.metadata.uid ? rs : x));
    return rs;
  }
}
