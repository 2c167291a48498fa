/**
 * The horizontal pod autoscaler controller (pkg/controller/podautoscaler/horizontal.go): every
 * 15 s of cluster time (--horizontal-pod-autoscaler-sync-period) each HPA reads its target's
 * scale, computes the replicas its CPU utilization target asks for from the metrics the cluster
 * reports, stabilizes and rate-limits that by its behaviour, writes the target's replicas and
 * records status (currentMetrics, conditions AbleToScale, ScalingActive, ScalingLimited) and events.
 */
import { rfc3339, type KubeObject } from '../../kube/object.ts';
import { selectorMatches, type LabelSelector } from '../../kube/labelSelector.ts';
import { cpuMillis } from '../../kube/quantity.ts';
import type { Controller } from '../context.ts';
import { ControlLoop, keyOf, splitKey } from './controlLoop.ts';
import { isPodReady } from './podState.ts';
import { podCpuMillis } from './hpaMetrics.ts';
import { boundByRate, resourceReplicas, scaleDownLimit, scaleUpLimit, stabilize, type Condition, type PodSample, type Recommendation, type ScaleEvent, type ScalingRules } from './hpaReplicas.ts';

export const HPAS = 'horizontalpodautoscalers.autoscaling';
const COMPONENT = 'horizontal-pod-autoscaler';
const SYNC_PERIOD_MS = 15_000;
const TARGETS: Record<string, string> = { Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps' };
const CONDITION_ORDER = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];

interface MetricSpec {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number } };
}
interface HpaSpec {
  scaleTargetRef: { kind: string; name: string; apiVersion?: string };
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: { scaleUp?: ScalingRules; scaleDown?: ScalingRules };
}

function podSample(pod: Readonly<KubeObject>): PodSample {
  const containers = (pod.spec?.containers ?? []) as { name: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[];
  let request: number | undefined = 0;
  let missing: string | undefined;
  for (const c of containers) {
    const r = c.resources?.requests?.cpu ?? c.resources?.limits?.cpu;
    if (r === undefined) {
      missing ??= c.name;
      request = undefined;
    } else if (request !== undefined) request += cpuMillis(r);
  }
  return {
    name: pod.metadata.name!,
    requestMillis: request,
    missingRequestContainer: missing,
    usageMillis: podCpuMillis(pod),
    ready: isPodReady(pod),
    pending: pod.status?.phase === 'Pending',
  };
}

class HorizontalPodAutoscalerController extends ControlLoop {
  readonly name = 'horizontalpodautoscaling';
  private readonly recommendations = new Map<string, Recommendation[]>();
  private readonly scaleUpEvents = new Map<string, ScaleEvent[]>();
  private readonly scaleDownEvents = new Map<string, ScaleEvent[]>();
  private stopResync?: () => void;

  protected watch(): void {
    this.on(HPAS, (e) => {
      if (e.type === 'DELETED') this.forget(keyOf(e.object));
      // A status write of our own does not need another pass; a spec change does.
      else if (!e.old || JSON.stringify(e.old.spec) !== JSON.stringify(e.object.spec)) this.queue.add(keyOf(e.object));
    });
    this.queueAll(HPAS);
    this.stopResync = this.ctx.clock.every(SYNC_PERIOD_MS, () => this.queueAll(HPAS));
  }

  override stop(): void {
    this.stopResync?.();
    super.stop();
  }

  private forget(key: string): void {
    this.recommendations.delete(key);
    this.scaleUpEvents.delete(key);
    this.scaleDownEvents.delete(key);
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const { store, events, clock } = this.ctx;
    const hpa = store.getRef(HPAS, namespace, name);
    if (!hpa || hpa.metadata.deletionTimestamp) return;
    const spec = hpa.spec as unknown as HpaSpec;
    const conditions = new Map<string, Condition>();
    const ref = spec.scaleTargetRef;
    const resource = TARGETS[ref.kind];
    const target = resource ? store.getRef(resource, namespace, ref.name) : undefined;
    if (!target) {
      const group = (ref.apiVersion ?? '').split('/')[0];
      const message = `the HPA controller was unable to get the target's current scale: ${ref.kind.toLowerCase()}s/scale${group && group !== 'v1' ? '.' + group : ''} "${ref.name}" not found`;
      conditions.set('AbleToScale', { status: 'False', reason: 'FailedGetScale', message });
      events.record(hpa, 'Warning', 'FailedGetScale', message.replace(/^the HPA controller was unable to get the target's current scale: /, ''), COMPONENT);
      this.writeStatus(hpa, conditions, {});
      return;
    }
    conditions.set('AbleToScale', { status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" });
    const current = (target.spec?.replicas as number | undefined) ?? 1;
    const min = spec.minReplicas ?? 1;
    const now = clock.now().getTime();
    const realMs = (simMs: number) => clock.real(simMs);
    let desired = 0;
    let rescaleReason = '';
    let currentMetrics: unknown[] | undefined;
    if (current === 0 && min !== 0) {
      conditions.set('ScalingActive', { status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    } else if (current > spec.maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desired = spec.maxReplicas;
    } else if (current < min) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      const metric = (spec.metrics ?? []).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target.averageUtilization !== undefined);
      const targetUtilization = metric?.resource?.target.averageUtilization ?? 80;
      const selector = target.spec?.selector as LabelSelector | undefined;
      const pods = store.listRefs('pods', namespace).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded' && selectorMatches(selector, p.metadata.labels));
      let proposal: ReturnType<typeof resourceReplicas>;
      try {
        proposal = resourceReplicas(current, targetUtilization, pods.map(podSample));
      } catch (err) {
        const message = `failed to get cpu utilization: ${(err as Error).message}`;
        conditions.set('ScalingActive', { status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${message}` });
        events.record(hpa, 'Warning', 'FailedGetResourceMetric', message, COMPONENT);
        events.record(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (1 invalid out of 1), first error is: ${message}`, COMPONENT);
        this.writeStatus(hpa, conditions, { currentReplicas: current, currentMetrics: [{ type: '' }] });
        return;
      }
      currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: proposal.utilization, averageValue: `${proposal.rawUtilizationMillis}m` } } }];
      conditions.set('ScalingActive', { status: 'True', reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' });
      desired = proposal.replicas;
      if (desired > current) rescaleReason = 'cpu resource utilization (percentage of request) above target';
      if (desired < current) rescaleReason = 'All metrics below target';
      desired = this.normalize(key, spec, desired, current, min, now, realMs, conditions);
    }
    const rescale = desired !== current && !(current === 0 && min !== 0);
    if (rescale) {
      store.mutate(resource!, namespace, ref.name, (o) => {
        o.spec = { ...(o.spec ?? {}), replicas: desired };
      });
      conditions.set('AbleToScale', { status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` });
      events.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${rescaleReason}`, COMPONENT);
      const change = { change: Math.abs(desired - current), at: now };
      const list = desired > current ? this.scaleUpEvents : this.scaleDownEvents;
      list.set(key, [...(list.get(key) ?? []), change].slice(-100));
    } else desired = current;
    this.writeStatus(hpa, conditions, { currentReplicas: current, desiredReplicas: desired, currentMetrics, ...(rescale ? { lastScaleTime: rfc3339() } : {}) });
  }

  /** normalizeDesiredReplicasWithBehaviors (the API defaults every HPA's behaviour). */
  private normalize(key: string, spec: HpaSpec, desired: number, current: number, min: number, now: number, realMs: (ms: number) => number, conditions: Map<string, Condition>): number {
    const up = spec.behavior?.scaleUp ?? {};
    const down = spec.behavior?.scaleDown ?? {};
    if (!this.recommendations.has(key) && (down.stabilizationWindowSeconds ?? 300) > 0) this.recommendations.set(key, [{ replicas: current, at: now }]);
    const history = this.recommendations.get(key) ?? [];
    this.recommendations.set(key, history);
    const stabilized = stabilize(desired, current, history, up, down, now, realMs);
    conditions.set(
      'AbleToScale',
      stabilized.recommendation !== desired ? stabilized.condition : { status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' },
    );
    const bounded = boundByRate(
      stabilized.recommendation,
      current,
      min,
      spec.maxReplicas,
      () => scaleUpLimit(current, this.scaleUpEvents.get(key) ?? [], up, now, realMs),
      () => scaleDownLimit(current, this.scaleDownEvents.get(key) ?? [], down, now, realMs),
    );
    conditions.set('ScalingLimited', bounded.condition);
    return bounded.replicas;
  }

  private writeStatus(hpa: Readonly<KubeObject>, conditions: Map<string, Condition>, fields: Record<string, unknown>): void {
    const previous = (hpa.status?.conditions ?? []) as (Condition & { type: string; lastTransitionTime: string })[];
    const merged = previous.filter((c) => !conditions.has(c.type));
    for (const type of CONDITION_ORDER) {
      const c = conditions.get(type);
      if (!c) continue;
      const before = previous.find((p) => p.type === type);
      merged.push({ type, ...c, lastTransitionTime: before && before.status === c.status ? before.lastTransitionTime : rfc3339() });
    }
    merged.sort((a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type));
    const status: Record<string, unknown> = { ...(hpa.status ?? {}), ...fields, conditions: merged };
    if (hpa.metadata.generation !== undefined) status.observedGeneration = hpa.metadata.generation;
    if (fields.currentMetrics === undefined) delete status.currentMetrics;
    status.desiredReplicas ??= 0;
    status.currentReplicas ??= 0;
    if (JSON.stringify(status) === JSON.stringify(hpa.status)) return;
    this.ctx.store.mutate(HPAS, hpa.metadata.namespace, hpa.metadata.name!, (o) => {
      o.status = status;
    });
  }
}

export function horizontalPodAutoscalerController(): Controller {
  return new HorizontalPodAutoscalerController();
}
