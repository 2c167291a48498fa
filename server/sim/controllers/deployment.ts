import type { KubeObject } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { ControlLoop, splitKey } from './controlLoop.ts';
import { controlledObjects, orphanObjects } from './controlledObjects.ts';
import { compareKeys } from '../api/resourceTable.ts';
import { canonicalJson } from './podTemplate.ts';
import { isScalingEvent, rolloutRecreate, rolloutRolling, scaleDeployment, type Step } from './deploymentRollout.ts';
import { COMPONENT, DEPLOY, DeploymentReplicaSets, RS } from './deploymentReplicaSets.ts';
import { calculateStatus, deploymentComplete, getCondition, hasProgressDeadline, msUntilDeadline, newCondition, REASON, rolloutStatus, setCondition, wireStatus, type DeploymentStatus } from './deploymentStatus.ts';
import { selectorMatches } from '../../kube/labelSelector.ts';
import { adopt, controllerOf, isControlledBy, DEPLOYMENT_KIND } from './ownership.ts';

/** Rolls Deployments out through ReplicaSets, as kube-controller-manager's deployment controller. */
class DeploymentController extends ControlLoop {
  readonly name = 'deployment';

  protected watch(): void {
    this.on(DEPLOY, (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    this.on(RS, (e) => {
      const ref = controllerOf(e.object);
      if (ref?.kind === 'Deployment') {
        this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
      } else if (!ref && e.type !== 'DELETED') {
        for (const d of this.ctx.store.listRefs(DEPLOY, e.object.metadata.namespace)) {
          if (selectorMatches(d.spec?.selector, e.object.metadata.labels)) this.queue.add(`${d.metadata.namespace}/${d.metadata.name}`);
        }
      }
    });
    // Recreate waits for the old pods to be gone.
    this.on('pods', (e) => {
      if (e.type !== 'DELETED') return;
      const rsRef = controllerOf(e.object);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = this.ctx.store.listRefs(RS, e.object.metadata.namespace).find((r) => r.metadata.uid === rsRef.uid);
      const dRef = rs && controllerOf(rs);
      if (dRef?.kind === 'Deployment') this.queue.add(`${e.object.metadata.namespace}/${dRef.name}`);
    });
    this.queueAll(DEPLOY);
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const d = this.ctx.store.get(DEPLOY, namespace, name);
    if (!d) return;
    const sel = d.spec?.selector;
    if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) {
      this.ctx.events.record(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', COMPONENT);
      return;
    }
    const ops = new DeploymentReplicaSets(this.ctx, d, this.claimReplicaSets(d));
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = ops.newAndOld(false);
      this.writeStatus(ops, calculateStatus(ops.d, [...oldRSs, ...(newRS ? [newRS] : [])], newRS));
      return;
    }
    this.checkPausedConditions(ops);
    if (ops.d.spec?.paused) {
      this.finishSync(ops, scaleDeployment(ops), false);
      return;
    }
    const current = ops.newAndOld(false);
    if (current.newRS && isScalingEvent(ops.d, [current.newRS, ...current.oldRSs])) {
      this.finishSync(ops, scaleDeployment(ops), false);
      return;
    }
    const step = ops.d.spec?.strategy?.type === 'Recreate' ? rolloutRecreate(ops, (olds) => this.oldPodsRunning(olds)) : rolloutRolling(ops);
    this.finishSync(ops, step, true);
  }

  /** ReplicaSets the deployment controls, adopting matching orphans and releasing ones that stopped matching. */
  private claimReplicaSets(d: KubeObject): KubeObject[] {
    const { store } = this.ctx;
    const out: KubeObject[] = [];
    const candidates = [...controlledObjects(store, RS, d), ...orphanObjects(store, RS, d.metadata.namespace)].sort(compareKeys);
    for (const rs of candidates) {
      const matches = selectorMatches(d.spec.selector, rs.metadata.labels);
      if (isControlledBy(rs, d.metadata.uid)) {
        if (matches || rs.metadata.deletionTimestamp) {
          out.push(structuredClone(rs) as KubeObject);
        } else {
          store.mutate(RS, rs.metadata.namespace, rs.metadata.name!, (o) => {
            o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((r) => r.uid !== d.metadata.uid);
          });
        }
      } else if (matches && !controllerOf(rs) && !rs.metadata.deletionTimestamp && !d.metadata.deletionTimestamp) {
        const adopted = store.mutate(RS, rs.metadata.namespace, rs.metadata.name!, (o) => adopt(o, d, DEPLOYMENT_KIND));
        if (adopted) out.push(adopted);
      }
    }
    return out;
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
  private checkPausedConditions(ops: DeploymentReplicaSets): void {
    const d = ops.d;
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === REASON.timedOut) return;
    const pausedCond = cond?.reason === REASON.paused;
    if (d.spec?.paused && !pausedCond) {
      ops.writeDeployment((o) => setCondition((o.status ??= {}), newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused')));
    } else if (!d.spec?.paused && pausedCond) {
      ops.writeDeployment((o) => setCondition((o.status ??= {}), newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed')));
    }
  }

  /** Recreate's oldPodsRunning: any pod of an old ReplicaSet not yet finished (terminating ones count). */
  private oldPodsRunning(oldRSs: KubeObject[]): boolean {
    // Old ReplicaSets live in the deployment's namespace, as their pods do.
    return oldRSs.some((rs) =>
      controlledObjects(this.ctx.store, 'pods', rs).some((p) => {
        const phase = p.status?.phase;
        return phase !== 'Succeeded' && phase !== 'Failed';
      }),
    );
  }

  private finishSync(ops: DeploymentReplicaSets, step: Step, rollout: boolean): void {
    const all = [...step.oldRSs, ...(step.newRS ? [step.newRS] : [])];
    if (!rollout) {
      ops.cleanup(step.oldRSs);
      this.writeStatus(ops, calculateStatus(ops.d, all, step.newRS));
      return;
    }
    const status = rolloutStatus(ops.d, all, step.newRS, this.ctx.clock.speed);
    if (deploymentComplete(ops.d, status)) ops.cleanup(step.oldRSs);
    this.writeStatus(ops, status);
    const wait = msUntilDeadline(ops.d, status, this.ctx.clock.speed);
    if (wait !== undefined && !deploymentComplete(ops.d, status)) this.queue.addAfter(`${ops.d.metadata.namespace}/${ops.d.metadata.name}`, wait + 1000);
  }

  private writeStatus(ops: DeploymentReplicaSets, status: DeploymentStatus): void {
    const next = wireStatus(status);
    if (canonicalJson(next) === canonicalJson(ops.d.status ?? {})) return;
    this.ctx.store.mutate(DEPLOY, ops.d.metadata.namespace, ops.d.metadata.name!, (o) => {
      o.status = next;
    }, { statusOnly: true });
  }
}

export function deploymentController(): Controller {
  return new DeploymentController();
}
