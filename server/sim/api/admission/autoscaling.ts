/**
 * autoscaling/v2 HorizontalPodAutoscaler: the API's defaults (minReplicas 1, a CPU target of 80%
 * when no metric is given, the default scale-up and scale-down behaviour) and
 * ValidateHorizontalPodAutoscaler's checks on replicas, target and metrics.
 */
import type { KubeObject } from '../../../kube/object.ts';
import type { FieldErrors } from './fieldErrors.ts';

interface Rules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: { type: string; value: number; periodSeconds: number }[];
}

/** SetDefaults_HorizontalPodAutoscalerBehavior (GenerateHPAScaleUpRules / GenerateHPAScaleDownRules). */
function defaultRules(r: Rules | undefined, up: boolean): Rules {
  const out: Rules = { ...(r ?? {}) };
  out.stabilizationWindowSeconds ??= up ? 0 : 300;
  out.selectPolicy ??= 'Max';
  out.policies ??= up
    ? [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ]
    : [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  return out;
}

export function admitHorizontalPodAutoscaler(errs: FieldErrors, hpa: KubeObject): void {
  const spec = (hpa.spec ??= {}) as {
    scaleTargetRef?: { kind?: string; name?: string; apiVersion?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: { type?: string; resource?: { name?: string; target?: { type?: string; averageUtilization?: number; averageValue?: string } } }[];
    behavior?: { scaleUp?: Rules; scaleDown?: Rules };
  };
  spec.minReplicas ??= 1;
  if (!spec.metrics?.length) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  spec.behavior = { scaleUp: defaultRules(spec.behavior?.scaleUp, true), scaleDown: defaultRules(spec.behavior?.scaleDown, false) };

  const ref = spec.scaleTargetRef;
  if (!ref?.kind) errs.required('spec.scaleTargetRef.kind');
  if (!ref?.name) errs.required('spec.scaleTargetRef.name');
  if (spec.minReplicas < 1) errs.invalid('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1');
  if (spec.maxReplicas === undefined || spec.maxReplicas < 1) errs.invalid('spec.maxReplicas', spec.maxReplicas ?? 0, 'must be greater than or equal to 1');
  else if (spec.maxReplicas < spec.minReplicas) errs.invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`');
  spec.metrics.forEach((m, i) => {
    const path = `spec.metrics[${i}]`;
    if (m.type !== 'Resource') return;
    const target = m.resource?.target;
    if (!m.resource?.name) errs.required(`${path}.resource.name`, 'must specify a resource name');
    if (target?.type === 'Utilization' && target.averageUtilization === undefined) errs.required(`${path}.resource.target.averageUtilization`, 'must set either a target raw value or a target utilization');
    if (target?.averageUtilization !== undefined && target.averageUtilization < 1) errs.invalid(`${path}.resource.target.averageUtilization`, target.averageUtilization, 'must be greater than 0');
  });
}
