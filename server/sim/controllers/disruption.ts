/**
 * The disruption controller (kube-controller-manager's pkg/controller/disruption): for each
 * PodDisruptionBudget, how many of its pods are expected, how many are healthy, how many must
 * stay healthy, and so how many voluntary disruptions (evictions) are allowed right now.
 * The eviction subresource (api/evictionBudget.ts) reads that status and spends from it.
 */
import { rfc3339, type KubeObject } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { ControlLoop, splitKey } from './controlLoop.ts';
import { scaledValue, type IntOrPercent } from './deploymentReplicas.ts';
import { selectorMatches, type LabelSelector } from '../../kube/labelSelector.ts';
import { isPodReady } from './podState.ts';

export const PDBS = 'poddisruptionbudgets.policy';
/** An eviction the controller has not seen the pod of go away yet stops counting after this. */
const DISRUPTED_POD_TIMEOUT_MS = 2 * 60_000;

interface Budget {
  expectedPods: number;
  desiredHealthy: number;
}

/** The pods a budget covers: an empty selector selects every pod of the namespace, none selects none. */
export function podsOfBudget(pdb: Readonly<KubeObject>, pods: readonly Readonly<KubeObject>[]): Readonly<KubeObject>[] {
  const selector = pdb.spec?.selector as LabelSelector | undefined;
  return pods.filter((p) => selectorMatches(selector, p.metadata.labels));
}

/** The replicas its controllers want, for a percentage or maxUnavailable (getExpectedScale). */
function expectedScale(pods: readonly Readonly<KubeObject>[], find: (resource: string, ns: string, name: string) => Readonly<KubeObject> | undefined): number {
  const seen = new Map<string, number>();
  for (const pod of pods) {
    const ns = pod.metadata.namespace!;
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
    let scale: { uid: string; replicas: number } | undefined;
    if (ref?.kind === 'ReplicaSet') {
      const rs = find('replicasets.apps', ns, ref.name);
      const dref = rs?.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
      const d = dref && find('deployments.apps', ns, dref.name);
      const owner = d ?? rs;
      if (owner) scale = { uid: owner.metadata.uid!, replicas: (owner.spec?.replicas as number | undefined) ?? 1 };
    } else if (ref?.kind === 'StatefulSet') {
      const sts = find('statefulsets.apps', ns, ref.name);
      if (sts) scale = { uid: sts.metadata.uid!, replicas: (sts.spec?.replicas as number | undefined) ?? 1 };
    }
    if (!scale) throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
    seen.set(scale.uid, scale.replicas);
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

/** getExpectedPodCount: minAvailable as a number counts pods; a percentage or maxUnavailable counts what controllers want. */
export function budgetOf(pdb: Readonly<KubeObject>, pods: readonly Readonly<KubeObject>[], find: Parameters<typeof expectedScale>[1]): Budget {
  const minAvailable = pdb.spec?.minAvailable as IntOrPercent;
  const maxUnavailable = pdb.spec?.maxUnavailable as IntOrPercent;
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    const expectedPods = expectedScale(pods, find);
    return { expectedPods, desiredHealthy: Math.max(0, expectedPods - scaledValue(maxUnavailable, expectedPods, true)) };
  }
  if (typeof minAvailable === 'number') return { expectedPods: pods.length, desiredHealthy: minAvailable };
  if (typeof minAvailable === 'string') {
    const expectedPods = expectedScale(pods, find);
    return { expectedPods, desiredHealthy: scaledValue(minAvailable, expectedPods, true) };
  }
  return { expectedPods: 0, desiredHealthy: 0 };
}

class DisruptionController extends ControlLoop {
  readonly name = 'disruption';

  protected watch(): void {
    this.on(PDBS, (e) => {
      if (e.type !== 'DELETED') this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    this.on('pods', (e) => {
      for (const pdb of this.ctx.store.listRefs(PDBS, e.object.metadata.namespace)) {
        if (podsOfBudget(pdb, e.old ? [e.object, e.old] : [e.object]).length) this.queue.add(`${pdb.metadata.namespace}/${pdb.metadata.name}`);
      }
    });
    // Scaling a controller changes the expected count of percentage and maxUnavailable budgets.
    for (const resource of ['deployments.apps', 'replicasets.apps', 'statefulsets.apps']) {
      this.on(resource, (e) => {
        for (const pdb of this.ctx.store.listRefs(PDBS, e.object.metadata.namespace)) this.queue.add(`${pdb.metadata.namespace}/${pdb.metadata.name}`);
      });
    }
    this.queueAll(PDBS);
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const { store } = this.ctx;
    const pdb = store.getRef(PDBS, namespace, name);
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    const pods = podsOfBudget(pdb, store.listRefs('pods', namespace));
    const now = Date.now();
    // Evicted pods the API server already counted: they stay out of the healthy count until gone.
    const disrupted: Record<string, string> = {};
    for (const [pod, at] of Object.entries((pdb.status?.disruptedPods as Record<string, string> | undefined) ?? {})) {
      const p = pods.find((x) => x.metadata.name === pod);
      if (p && !p.metadata.deletionTimestamp && now - Date.parse(at) < DISRUPTED_POD_TIMEOUT_MS) disrupted[pod] = at;
    }
    const healthy = pods.filter((p) => !p.metadata.deletionTimestamp && isPodReady(p) && !(p.metadata.name! in disrupted)).length;

    let status: Record<string, unknown>;
    try {
      const { expectedPods, desiredHealthy } = budgetOf(pdb, pods, (r, ns, n) => store.getRef(r, ns, n));
      const allowed = expectedPods > 0 ? Math.max(0, healthy - desiredHealthy) : 0;
      status = {
        observedGeneration: pdb.metadata.generation,
        ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
        disruptionsAllowed: allowed,
        currentHealthy: healthy,
        desiredHealthy,
        expectedPods,
        conditions: [condition(pdb, allowed > 0 ? 'True' : 'False', allowed > 0 ? 'SufficientPods' : 'InsufficientPods', '')],
      };
    } catch (err) {
      status = {
        observedGeneration: pdb.metadata.generation,
        disruptionsAllowed: 0,
        currentHealthy: healthy,
        desiredHealthy: 0,
        expectedPods: 0,
        conditions: [condition(pdb, 'False', 'SyncFailed', (err as Error).message)],
      };
    }
    if (JSON.stringify(status) === JSON.stringify(pdb.status ?? {})) return;
    store.mutate(PDBS, namespace, name, (o) => {
      o.status = status;
    }, { statusOnly: true });
  }
}

/** The DisruptionAllowed condition, keeping its transition time while its status holds. */
function condition(pdb: Readonly<KubeObject>, status: 'True' | 'False', reason: string, message: string) {
  const old = (pdb.status?.conditions as { type: string; status: string; lastTransitionTime: string }[] | undefined)?.find((c) => c.type === 'DisruptionAllowed');
  return {
    type: 'DisruptionAllowed',
    status,
    observedGeneration: pdb.metadata.generation,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : rfc3339(),
    reason,
    message,
  };
}

export function disruptionController(): Controller {
  return new DisruptionController();
}
