/**
 * The HPA's arithmetic (pkg/controller/podautoscaler/replica_calculator.go and horizontal.go):
 * the replica count a CPU utilization target asks for, with the 0.1 tolerance and the rules for
 * pods without metrics or not ready, then the behaviour: stabilization windows and scale rates.
 */
export const TOLERANCE = 0.1;

export interface PodSample {
  name: string;
  /** Sum of the containers' cpu requests (millicores); undefined when a container has none. */
  requestMillis: number | undefined;
  missingRequestContainer?: string;
  /** metrics-server's sample (millicores), if any. */
  usageMillis: number | undefined;
  ready: boolean;
  pending: boolean;
}

export interface ResourceReplicas {
  replicas: number;
  utilization: number;
  rawUtilizationMillis: number;
}

function utilizationRatio(metrics: Map<string, number>, requests: Map<string, number>, target: number) {
  let used = 0;
  let requested = 0;
  let entries = 0;
  for (const [pod, value] of metrics) {
    const r = requests.get(pod);
    if (r === undefined) continue;
    used += value;
    requested += r;
    entries++;
  }
  if (requested === 0) throw new Error('no metrics returned matched known pods');
  const utilization = Math.trunc((used * 100) / requested);
  return { ratio: utilization / target, utilization, raw: Math.trunc(used / entries) };
}

/** GetResourceReplicas. Throws with the controller's error text when it cannot compute. */
export function resourceReplicas(currentReplicas: number, target: number, pods: PodSample[]): ResourceReplicas {
  if (!pods.some((p) => p.usageMillis !== undefined)) throw new Error('unable to get metrics for resource cpu: no metrics returned from resource metrics API');
  if (!pods.length) throw new Error('no pods returned by selector while calculating replica count');
  const metrics = new Map<string, number>();
  const unready = new Set<string>();
  const missing = new Set<string>();
  let readyCount = 0;
  for (const p of pods) {
    if (p.pending) unready.add(p.name);
    else if (p.usageMillis === undefined) missing.add(p.name);
    else if (!p.ready) unready.add(p.name);
    else {
      readyCount++;
      metrics.set(p.name, p.usageMillis);
    }
  }
  if (!metrics.size) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
  const requests = new Map<string, number>();
  for (const p of pods) {
    if (p.requestMillis === undefined) throw new Error(`missing request for cpu in container ${p.missingRequestContainer ?? ''} of Pod ${p.name}`);
    requests.set(p.name, p.requestMillis);
  }
  const first = utilizationRatio(metrics, requests, target);
  const scaleUpWithUnready = unready.size > 0 && first.ratio > 1;
  const result = (replicas: number) => ({ replicas, utilization: first.utilization, rawUtilizationMillis: first.raw });
  if (!scaleUpWithUnready && !missing.size) {
    if (Math.abs(1 - first.ratio) <= TOLERANCE) return result(currentReplicas);
    return result(Math.ceil(first.ratio * readyCount));
  }
  if (missing.size) {
    // Pods without a sample count as using 100% (or the target) when scaling down, nothing when scaling up.
    const fallback = Math.max(100, target);
    for (const name of missing) metrics.set(name, first.ratio < 1 ? (requests.get(name)! * fallback) / 100 : 0);
  }
  if (scaleUpWithUnready) for (const name of unready) metrics.set(name, 0);
  const second = utilizationRatio(metrics, requests, target);
  if (Math.abs(1 - second.ratio) <= TOLERANCE || (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1)) return result(currentReplicas);
  const replicas = Math.ceil(second.ratio * metrics.size);
  if ((second.ratio < 1 && replicas > currentReplicas) || (second.ratio > 1 && replicas < currentReplicas)) return result(currentReplicas);
  return result(replicas);
}

export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}
export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: ScalingPolicy[];
}
export interface Recommendation {
  replicas: number;
  at: number;
}
export interface ScaleEvent {
  change: number;
  at: number;
}

/** Sum of the changes within the last `periodMs` (getReplicasChangePerPeriod). */
function changeWithin(periodMs: number, events: ScaleEvent[], now: number): number {
  return events.filter((e) => e.at > now - periodMs).reduce((a, e) => a + e.change, 0);
}

export function scaleUpLimit(current: number, events: ScaleEvent[], rules: ScalingRules, now: number, realMs: (simMs: number) => number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules.selectPolicy === 'Min' ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - changeWithin(realMs(p.periodSeconds * 1000), events, now);
    result = pick(result, p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100)));
  }
  return result;
}

export function scaleDownLimit(current: number, events: ScaleEvent[], rules: ScalingRules, now: number, realMs: (simMs: number) => number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current + changeWithin(realMs(p.periodSeconds * 1000), events, now);
    result = pick(result, p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100)));
  }
  return result;
}

export interface Condition {
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/** stabilizeRecommendationWithBehaviors: the highest recommendation in the down window, the lowest in the up window. */
export function stabilize(desired: number, current: number, history: Recommendation[], up: ScalingRules, down: ScalingRules, now: number, realMs: (simMs: number) => number) {
  const upCutoff = now - realMs((up.stabilizationWindowSeconds ?? 0) * 1000);
  const downCutoff = now - realMs((down.stabilizationWindowSeconds ?? 300) * 1000);
  let upRec = desired;
  let downRec = desired;
  let oldIndex = -1;
  history.forEach((r, i) => {
    if (r.at > upCutoff) upRec = Math.min(r.replicas, upRec);
    if (r.at > downCutoff) downRec = Math.max(r.replicas, downRec);
    if (r.at < upCutoff && r.at < downCutoff) oldIndex = i;
  });
  let recommendation = Math.max(current, upRec);
  recommendation = Math.min(recommendation, downRec);
  if (oldIndex >= 0) history[oldIndex] = { replicas: desired, at: now };
  else history.push({ replicas: desired, at: now });
  const condition: Condition =
    desired >= current
      ? { status: 'True', reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
      : { status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
  return { recommendation, condition };
}

/** convertDesiredReplicasWithBehaviorRate: bound by the scale rates and min/max, saying which bound held. */
export function boundByRate(desired: number, current: number, min: number, max: number, upLimit: () => number, downLimit: () => number): { replicas: number; condition: Condition } {
  if (desired > current) {
    const limit = Math.max(upLimit(), current);
    const [allowed, reason, message] =
      max > limit
        ? [limit, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']
        : [max, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
    if (desired > allowed) return { replicas: allowed, condition: { status: 'True', reason, message } };
  } else if (desired < current) {
    const limit = Math.min(downLimit(), current);
    const [allowed, reason, message] =
      min < limit
        ? [limit, 'ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate']
        : [min, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
    if (desired < allowed) return { replicas: allowed, condition: { status: 'True', reason, message } };
  }
  return { replicas: desired, condition: { status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' } };
}
