import type { KubeObject } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop, splitKey } from './controlLoop.ts';
import { controlledObjects, orphanObjects } from './controlledObjects.ts';
import { compareKeys } from '../api/resourceTable.ts';
import { selectorMatches } from '../../kube/labelSelector.ts';
import { adopt, controllerOf, isControlledBy, ownerRef, REPLICASET_KIND } from './ownership.ts';
import { deletePod } from './podDeletion.ts';
import { podsToDelete } from './podDeletionOrder.ts';
import { isPodActive, isPodAvailable, isPodReady, simMsUntilAvailable } from './podState.ts';
import { podFromTemplate } from './podTemplate.ts';

const RS = 'replicasets.apps';
const COMPONENT = 'replicaset-controller';
/** controller.BurstReplicas: at most this many creations or deletions per sync. */
const BURST = 500;

/** Keeps `spec.replicas` pods of each ReplicaSet, adopting matching orphans. */
class ReplicaSetController extends ControlLoop {
  readonly name = 'replicaset';

  protected watch(): void {
    this.on(RS, (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    this.on('pods', (e) => {
      const ref = controllerOf(e.object);
      if (ref) {
        if (ref.kind === 'ReplicaSet') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
        return;
      }
      if (e.type === 'DELETED') return;
      // An orphan: every ReplicaSet whose selector matches may adopt it.
      for (const rs of this.ctx.store.listRefs(RS, e.object.metadata.namespace)) {
        if (selectorMatches(rs.spec?.selector, e.object.metadata.labels)) this.queue.add(`${rs.metadata.namespace}/${rs.metadata.name}`);
      }
    });
    this.queueAll(RS);
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const { store } = this.ctx;
    const rs = store.get(RS, namespace, name);
    if (!rs) return;
    const owned = this.claimPods(rs);
    if (!rs.metadata.deletionTimestamp) this.manageReplicas(rs, owned.filter(isPodActive));
    this.updateStatus(rs);
  }

  /** Pods controlled by the ReplicaSet after adopting matching orphans and releasing pods that no longer match. */
  private claimPods(rs: KubeObject): KubeObject[] {
    const { store } = this.ctx;
    const out: KubeObject[] = [];
    // Only pods it controls or orphans can end up controlled by it; others are skipped below anyway.
    const candidates = [...controlledObjects(store, 'pods', rs), ...orphanObjects(store, 'pods', rs.metadata.namespace)].sort(compareKeys);
    for (const pod of candidates) {
      const matches = selectorMatches(rs.spec?.selector, pod.metadata.labels);
      if (isControlledBy(pod, rs.metadata.uid)) {
        if (matches || pod.metadata.deletionTimestamp) {
          out.push(pod);
        } else {
          store.mutate('pods', pod.metadata.namespace, pod.metadata.name!, (p) => {
            p.metadata.ownerReferences = p.metadata.ownerReferences?.filter((r) => r.uid !== rs.metadata.uid);
          });
        }
      } else if (matches && !controllerOf(pod) && isPodActive(pod) && !rs.metadata.deletionTimestamp) {
        const adopted = store.mutate('pods', pod.metadata.namespace, pod.metadata.name!, (p) => adopt(p, rs, REPLICASET_KIND));
        if (adopted) out.push(adopted);
      }
    }
    return out;
  }

  private manageReplicas(rs: KubeObject, active: KubeObject[]): void {
    const { store, events } = this.ctx;
    const diff = active.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      const ref = ownerRef(rs, REPLICASET_KIND);
      for (let i = 0; i < Math.min(-diff, BURST); i++) {
        try {
          const pod = createAdmitted(this.ctx, 'pods', podFromTemplate(rs.spec.template, rs.metadata.namespace!, ref));
          events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
        } catch (err) {
          events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`, COMPONENT);
          this.queue.addAfter(`${rs.metadata.namespace}/${rs.metadata.name}`, 5000);
          return;
        }
      }
    } else if (diff > 0) {
      for (const pod of podsToDelete(active, Math.min(diff, BURST))) {
        try {
          deletePod(store, pod);
          events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, COMPONENT);
        } catch (err) {
          events.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`, COMPONENT);
        }
      }
    }
  }

  private updateStatus(rs: KubeObject): void {
    const { store, clock } = this.ctx;
    const pods = controlledObjects(store, 'pods', rs).filter(isPodActive);
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const templateLabels: Record<string, string> = rs.spec?.template?.metadata?.labels ?? {};
    const fullyLabeled = pods.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v));
    const ready = pods.filter(isPodReady);
    const available = pods.filter((p) => isPodAvailable(p, minReady, clock.speed));
    const status = {
      ...(rs.status ?? {}),
      replicas: pods.length,
      fullyLabeledReplicas: fullyLabeled.length,
      readyReplicas: ready.length,
      availableReplicas: available.length,
      observedGeneration: rs.metadata.generation,
    };
    // The API server drops zero counts (omitempty); keep the wire shape the same.
    for (const f of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) if (!status[f]) delete status[f];
    if (JSON.stringify(status) !== JSON.stringify(rs.status)) {
      store.mutate(RS, rs.metadata.namespace, rs.metadata.name!, (o) => {
        o.status = status;
      }, { statusOnly: true });
    }
    if (minReady > 0 && ready.length > available.length) {
      const wait = Math.min(...ready.map((p) => simMsUntilAvailable(p, minReady, clock.speed)).filter((ms) => ms > 0));
      if (Number.isFinite(wait)) this.queue.addAfter(`${rs.metadata.namespace}/${rs.metadata.name}`, wait + 1);
    }
  }
}

export function replicaSetController(): Controller {
  return new ReplicaSetController();
}
