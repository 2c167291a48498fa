/**
 * autoscaling/v1 ↔ v2 HorizontalPodAutoscaler conversion (pkg/apis/autoscaling/v1/conversion.go):
 * v1 has only targetCPUUtilizationPercentage and currentCPUUtilizationPercentage; the rest of v2
 * (conditions, other metrics) travels in the `autoscaling.alpha.kubernetes.io/*` annotations.
 * `kubectl autoscale` writes v1; objects are stored as v2.
 */
import type { KubeObject } from '../../../kube/object.ts';

const CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';

interface Metric {
  type?: string;
  resource?: { name?: string; target?: { averageUtilization?: number }; current?: { averageUtilization?: number } };
}

function cpuOf(metrics: Metric[] | undefined): Metric | undefined {
  return metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
}

export function hpaToV1(obj: Readonly<KubeObject>, apiVersion: string): KubeObject {
  const spec = (obj.spec ?? {}) as Record<string, unknown> & { metrics?: Metric[] };
  const status = (obj.status ?? {}) as Record<string, unknown> & { currentMetrics?: Metric[]; conditions?: unknown[] };
  const target = cpuOf(spec.metrics)?.resource?.target?.averageUtilization;
  const current = cpuOf(status.currentMetrics)?.resource?.current?.averageUtilization;
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  if (status.conditions?.length) annotations[CONDITIONS] = JSON.stringify(status.conditions);
  const v1Status: Record<string, unknown> = {};
  for (const k of ['observedGeneration', 'lastScaleTime', 'currentReplicas', 'desiredReplicas']) if (status[k] !== undefined) v1Status[k] = status[k];
  if (current !== undefined) v1Status.currentCPUUtilizationPercentage = current;
  v1Status.currentReplicas ??= 0;
  v1Status.desiredReplicas ??= 0;
  return {
    apiVersion,
    kind: 'HorizontalPodAutoscaler',
    metadata: { ...obj.metadata, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      ...(spec.minReplicas !== undefined ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec.maxReplicas,
      ...(target !== undefined ? { targetCPUUtilizationPercentage: target } : {}),
    },
    status: v1Status,
  } as KubeObject;
}

/** A client's object in v1 form: said so, or (clients may omit apiVersion) carrying v1-only fields. */
export function isHpaV1(obj: KubeObject): boolean {
  if (obj.apiVersion) return obj.apiVersion === 'autoscaling/v1';
  return obj.spec?.targetCPUUtilizationPercentage !== undefined || obj.status?.currentCPUUtilizationPercentage !== undefined;
}

export function hpaFromV1(obj: KubeObject, apiVersion: string): KubeObject {
  const spec = (obj.spec ?? {}) as Record<string, unknown> & { targetCPUUtilizationPercentage?: number };
  const { targetCPUUtilizationPercentage: target, ...rest } = spec;
  const annotations = { ...(obj.metadata?.annotations ?? {}) };
  delete annotations[CONDITIONS];
  const status = (obj.status ?? {}) as Record<string, unknown> & { currentCPUUtilizationPercentage?: number };
  const { currentCPUUtilizationPercentage: current, ...statusRest } = status;
  return {
    ...obj,
    apiVersion,
    kind: 'HorizontalPodAutoscaler',
    metadata: { ...(obj.metadata ?? {}), annotations: Object.keys(annotations).length ? annotations : undefined },
    spec: { ...rest, ...(target !== undefined ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }] } : {}) },
    status: { ...statusRest, ...(current !== undefined ? { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }] } : {}) },
  } as KubeObject;
}
