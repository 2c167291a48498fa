import type { KubeObject } from '../../kube/object.ts';
import { ApiError } from '../../kube/status.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop, splitKey } from './controlLoop.ts';
import { ownedRevisions, REVISION_HASH, syncUpdateRevision, templateOf, truncateHistory } from './controllerRevisions.ts';
import { isControlledBy, STATEFULSET_KIND } from './ownership.ts';
import { deletePod } from './podDeletion.ts';
import { isPodAvailable, isPodTerminating, isRunningAndReady } from './podState.ts';
import { claimTemplates, newClaim, newStatefulPod, ordinalOf } from './statefulSetPods.ts';

const STS = 'statefulsets.apps';
const COMPONENT = 'statefulset-controller';

interface Revisions {
  current: KubeObject;
  update: KubeObject;
}

/** Runs StatefulSet pods `<set>-<ordinal>` in order, with their claims and revisions. */
class StatefulSetController extends ControlLoop {
  readonly name = 'statefulset';

  protected watch(): void {
    this.on(STS, (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    this.on('pods', (e) => this.queueController(e.object, 'StatefulSet'));
    this.queueAll(STS);
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const set = this.ctx.store.get(STS, namespace, name);
    if (!set) return;
    const history = ownedRevisions(this.ctx, set);
    const update = syncUpdateRevision(this.ctx, set, STATEFULSET_KIND, history);
    const current = history.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    const revs: Revisions = { current, update };
    if (!set.metadata.deletionTimestamp) this.reconcile(set, revs);
    const pods = this.pods(set);
    this.updateStatus(set, revs, pods);
    const live = new Set([current.metadata.name!, update.metadata.name!, ...pods.map((p) => p.metadata.labels?.[REVISION_HASH] ?? '')]);
    truncateHistory(this.ctx, set, ownedRevisions(this.ctx, set), live);
  }

  private pods(set: KubeObject): KubeObject[] {
    return this.ctx.store.listRefs('pods', set.metadata.namespace).filter((p) => isControlledBy(p, set.metadata.uid) && ordinalOf(set, p) !== undefined) as KubeObject[];
  }

  /** One pass of the real controller's updateStatefulSet; returns early where OrderedReady must wait. */
  private reconcile(set: KubeObject, revs: Revisions): void {
    const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
    const start: number = set.spec?.ordinals?.start ?? 0;
    const end = start + (set.spec?.replicas ?? 1);
    const minReady: number = set.spec?.minReadySeconds ?? 0;
    const byOrdinal = new Map(this.pods(set).map((p) => [ordinalOf(set, p)!, p]));
    const partition: number = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

    for (let ord = start; ord < end; ord++) {
      const pod = byOrdinal.get(ord);
      if (pod && !isPodTerminating(pod) && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')) {
        this.deletePod(set, pod);
        if (monotonic) return;
        continue;
      }
      if (!pod) {
        // Ordinals at or above the partition get the update revision; OnDelete keeps the current one until pods are deleted by hand.
        const rev = rolling && ord - start >= partition ? revs.update : rolling ? revs.current : revs.update;
        if (!this.createPod(set, rev, ord) || monotonic) return;
        continue;
      }
      if (monotonic && (isPodTerminating(pod) || !isRunningAndReady(pod) || !isPodAvailable(pod, minReady, this.ctx.clock.speed))) {
        if (minReady && isRunningAndReady(pod)) this.queue.addAfter(`${set.metadata.namespace}/${set.metadata.name}`, minReady * 1000);
        return;
      }
    }
    const condemned = [...byOrdinal.entries()].filter(([ord]) => ord < start || ord >= end).sort((a, b) => b[0] - a[0]);
    for (const [, pod] of condemned) {
      if (isPodTerminating(pod)) {
        if (monotonic) return;
        continue;
      }
      this.deletePod(set, pod);
      if (monotonic) return;
    }
    if (!rolling) return;
    // RollingUpdate: highest ordinal first, down to the partition, one unavailable pod at a time.
    for (let ord = end - 1; ord >= start + partition; ord--) {
      const pod = byOrdinal.get(ord);
      if (!pod) return;
      if (pod.metadata.labels?.[REVISION_HASH] !== revs.update.metadata.name && !isPodTerminating(pod)) {
        this.deletePod(set, pod);
        return;
      }
      if (!isRunningAndReady(pod) || isPodTerminating(pod)) return;
    }
  }

  private createPod(set: KubeObject, rev: KubeObject, ord: number): boolean {
    const { events } = this.ctx;
    const pod = newStatefulPod(set, templateOf(rev), rev.metadata.name!, ord);
    for (const t of claimTemplates(set)) {
      const claim = newClaim(set, t, ord);
      if (this.ctx.store.get('persistentvolumeclaims', set.metadata.namespace, claim.metadata.name!)) continue;
      try {
        createAdmitted(this.ctx, 'persistentvolumeclaims', claim);
        events.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`, COMPONENT);
      } catch (err) {
        events.record(set, 'Warning', 'FailedCreate', `create Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${(err as Error).message}`, COMPONENT);
        return false;
      }
    }
    try {
      createAdmitted(this.ctx, 'pods', pod);
      events.record(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.reason === 'AlreadyExists') return false;
      events.record(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${(err as Error).message}`, COMPONENT);
      this.queue.addAfter(`${set.metadata.namespace}/${set.metadata.name}`, 5000);
      return false;
    }
  }

  private deletePod(set: KubeObject, pod: KubeObject): void {
    deletePod(this.ctx.store, pod);
    this.ctx.events.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
  }

  private updateStatus(set: KubeObject, revs: Revisions, pods: KubeObject[]): void {
    const minReady: number = set.spec?.minReadySeconds ?? 0;
    const live = pods.filter((p) => !isPodTerminating(p));
    const ready = pods.filter(isRunningAndReady);
    const status: Record<string, unknown> = {
      observedGeneration: set.metadata.generation,
      replicas: pods.length,
      readyReplicas: ready.length,
      currentReplicas: live.filter((p) => p.metadata.labels?.[REVISION_HASH] === revs.current.metadata.name).length,
      updatedReplicas: live.filter((p) => p.metadata.labels?.[REVISION_HASH] === revs.update.metadata.name).length,
      currentRevision: revs.current.metadata.name,
      updateRevision: revs.update.metadata.name,
      collisionCount: set.status?.collisionCount ?? 0,
      availableReplicas: ready.filter((p) => isPodAvailable(p, minReady, this.ctx.clock.speed)).length,
    };
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    if (rolling && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = status.updateRevision;
    }
    for (const f of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (!status[f]) delete status[f];
    if (JSON.stringify(status) === JSON.stringify(set.status)) return;
    this.ctx.store.mutate(STS, set.metadata.namespace, set.metadata.name!, (o) => {
      o.status = status;
    }, { statusOnly: true });
  }
}

export function statefulSetController(): Controller {
  return new StatefulSetController();
}
