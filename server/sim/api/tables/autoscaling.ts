import { since } from './humanDuration.ts';
import { ageColumn, column, nameColumn, type Printer } from './printer.ts';

interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: { averageUtilization?: number; averageValue?: string } };
}
interface MetricStatus {
  resource?: { current?: { averageUtilization?: number; averageValue?: string } };
}

/** formatHPAMetrics: at most two metrics, `cpu: 12%/50%`, `<unknown>` before the first sample. */
export function formatHpaMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  if (!specs?.length) return '<none>';
  const list = specs.map((spec, i) => {
    if (spec.type !== 'Resource') return '<unknown type>';
    const name = spec.resource?.name ?? '';
    const current = statuses?.[i]?.resource?.current;
    if (spec.resource?.target?.averageValue !== undefined) return `${name}: ${current?.averageValue ?? '<unknown>'}/${spec.resource.target.averageValue}`;
    const shown = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : '<unknown>';
    const target = spec.resource?.target?.averageUtilization !== undefined ? `${spec.resource.target.averageUtilization}%` : '<auto>';
    return `${name}: ${shown}/${target}`;
  });
  return list.length > 2 ? `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...` : list.join(', ');
}

export const horizontalPodAutoscalerPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
    column('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond. If not set, the default metric will be set to 80% average CPU utilization.'),
    column('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.'),
    column('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
    column('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
    ageColumn(),
  ],
  cells(o, now) {
    const spec = (o.spec ?? {}) as { scaleTargetRef?: { kind?: string; name?: string }; minReplicas?: number; maxReplicas?: number; metrics?: MetricSpec[] };
    const status = (o.status ?? {}) as { currentReplicas?: number; currentMetrics?: MetricStatus[] };
    return [
      o.metadata.name,
      `${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}`,
      formatHpaMetrics(spec.metrics, status.currentMetrics),
      spec.minReplicas === undefined ? '<unset>' : String(spec.minReplicas),
      spec.maxReplicas ?? 0,
      status.currentReplicas ?? 0,
      since(o.metadata.creationTimestamp, now),
    ];
  },
};
