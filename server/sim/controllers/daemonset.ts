import type { KubeObject } from '../../kube/object.ts';
import { clone } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop, splitKey } from './controlLoop.ts';
import { ownedRevisions, REVISION_HASH, syncUpdateRevision, templateOf, truncateHistory } from './controllerRevisions.ts';
import { scaledValue } from './deploymentReplicas.ts';
import { daemonPlacement, daemonPodTolerations, pinToNode } from './nodeEligibility.ts';
import { DAEMONSET_KIND, isControlledBy, ownerRef } from './ownership.ts';
import { deletePod } from './podDeletion.ts';
import { isPodAvailable, isPodReady, isPodTerminating } from './podState.ts';
import { podFromTemplate, type PodTemplate } from './podTemplate.ts';

const DS = 'daemonsets.apps';
const COMPONENT = 'daemonset-controller';
const TEMPLATE_GENERATION = 'pod-template-generation';

/** The node a daemon pod is bound or pinned to. */
function nodeOf(pod: Readonly<KubeObject>): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as
    | { matchFields?: { key: string; values?: string[] }[] }[]
    | undefined;
  return terms?.[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
}

/** One pod per eligible node for each DaemonSet, pinned by node affinity as the real controller does. */
class DaemonSetController extends ControlLoop {
  readonly name = 'daemonset';

  protected watch(): void {
    this.on(DS, (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    this.on('pods', (e) => this.queueController(e.object, 'DaemonSet'));
    this.on('nodes', () => this.queueAll(DS));
    this.queueAll(DS);
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const ds = this.ctx.store.get(DS, namespace, name);
    if (!ds) return;
    const history = ownedRevisions(this.ctx, ds);
    const revision = syncUpdateRevision(this.ctx, ds, DAEMONSET_KIND, history);
    const hash = revision.metadata.labels?.[REVISION_HASH] ?? '';
    if (!ds.metadata.deletionTimestamp) this.manage(ds, templateOf(revision), hash);
    const pods = this.pods(ds);
    this.updateStatus(ds, hash, pods);
    const live = new Set(history.filter((r) => pods.some((p) => p.metadata.labels?.[REVISION_HASH] === r.metadata.labels?.[REVISION_HASH])).map((r) => r.metadata.name!));
    live.add(revision.metadata.name!);
    truncateHistory(this.ctx, ds, ownedRevisions(this.ctx, ds), live);
  }

  private pods(ds: KubeObject): KubeObject[] {
    return this.ctx.store.listRefs('pods', ds.metadata.namespace).filter((p) => isControlledBy(p, ds.metadata.uid)) as KubeObject[];
  }

  private manage(ds: KubeObject, template: PodTemplate, hash: string): void {
    const byNode = new Map<string, KubeObject[]>();
    for (const p of this.pods(ds)) {
      const n = nodeOf(p);
      if (n) byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    const minReady: number = ds.spec?.minReadySeconds ?? 0;
    const speed = this.ctx.clock.speed;
    const nodes = this.ctx.store.listRefs('nodes');
    const desired = nodes.filter((n) => daemonPlacement(ds.spec.template.spec ?? {}, n).shouldRun).length;
    const rolling = (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    let maxUnavailable = rolling ? scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true) : 0;
    if (rolling && maxUnavailable === 0) maxUnavailable = 1;
    let unavailable = 0;
    const oldAvailable: KubeObject[] = [];
    for (const node of nodes) {
      const { shouldRun, shouldContinueRunning } = daemonPlacement(ds.spec.template.spec ?? {}, node);
      const onNode = (byNode.get(node.metadata.name!) ?? []).filter((p) => !isPodTerminating(p));
      if (shouldRun && onNode.length === 0) {
        if (!(byNode.get(node.metadata.name!) ?? []).length) this.createPod(ds, template, hash, node.metadata.name!);
        unavailable++;
        continue;
      }
      if (!shouldContinueRunning) {
        for (const p of onNode) this.deletePod(ds, p);
        continue;
      }
      const failed = onNode.filter((p) => p.status?.phase === 'Failed');
      for (const p of failed) this.deletePod(ds, p);
      const running = onNode.filter((p) => p.status?.phase !== 'Failed').sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
      for (const extra of running.slice(1)) this.deletePod(ds, extra);
      const pod = running[0];
      if (!pod) continue;
      const available = isPodAvailable(pod, minReady, speed);
      if (!available) unavailable++;
      if (rolling && pod.metadata.labels?.[REVISION_HASH] !== hash) {
        if (!available) this.deletePod(ds, pod);
        else oldAvailable.push(pod);
      }
    }
    // RollingUpdate: replace available old pods while fewer than maxUnavailable nodes are short of one.
    for (const pod of oldAvailable) {
      if (unavailable >= maxUnavailable) break;
      this.deletePod(ds, pod);
      unavailable++;
    }
  }

  private createPod(ds: KubeObject, template: PodTemplate, hash: string, nodeName: string): void {
    const t = clone(template);
    t.metadata = { ...(t.metadata ?? {}), labels: { ...(t.metadata?.labels ?? {}), [REVISION_HASH]: hash, [TEMPLATE_GENERATION]: String(ds.metadata.generation ?? 1) } };
    const pod = podFromTemplate(t, ds.metadata.namespace!, ownerRef(ds, DAEMONSET_KIND));
    pinToNode(pod.spec, nodeName);
    pod.spec.tolerations = daemonPodTolerations(pod.spec);
    try {
      const created = createAdmitted(this.ctx, 'pods', pod);
      this.ctx.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, COMPONENT);
    } catch (err) {
      this.ctx.events.record(ds, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`, COMPONENT);
      this.queue.addAfter(`${ds.metadata.namespace}/${ds.metadata.name}`, 5000);
    }
  }

  private deletePod(ds: KubeObject, pod: KubeObject): void {
    deletePod(this.ctx.store, pod);
    this.ctx.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, COMPONENT);
  }

  private updateStatus(ds: KubeObject, hash: string, pods: KubeObject[]): void {
    const minReady: number = ds.spec?.minReadySeconds ?? 0;
    const speed = this.ctx.clock.speed;
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const node of this.ctx.store.listRefs('nodes')) {
      const { shouldRun } = daemonPlacement(ds.spec.template.spec ?? {}, node);
      const pod = pods.find((p) => nodeOf(p) === node.metadata.name && !isPodTerminating(p));
      if (shouldRun) desired++;
      if (!pod) continue;
      if (!shouldRun) {
        misscheduled++;
        continue;
      }
      current++;
      if (isPodReady(pod)) ready++;
      if (isPodAvailable(pod, minReady, speed)) available++;
      if (pod.metadata.labels?.[REVISION_HASH] === hash) updated++;
    }
    const status: Record<string, unknown> = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: updated,
      numberAvailable: available,
      numberUnavailable: desired - available,
    };
    for (const f of ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable']) if (!status[f]) delete status[f];
    if (JSON.stringify(status) !== JSON.stringify(ds.status)) {
      this.ctx.store.mutate(DS, ds.metadata.namespace, ds.metadata.name!, (o) => {
        o.status = status;
      }, { statusOnly: true });
    }
    if (minReady > 0 && ready > available) this.queue.addAfter(`${ds.metadata.namespace}/${ds.metadata.name}`, minReady * 1000);
  }
}

export function daemonSetController(): Controller {
  return new DaemonSetController();
}
