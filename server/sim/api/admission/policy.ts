/** policy/v1 PodDisruptionBudget validation, as ValidatePodDisruptionBudgetSpec words it. */
import type { KubeObject } from '../../../kube/object.ts';
import type { FieldErrors } from './fieldErrors.ts';

const POLICIES = ['IfHealthyBudget', 'AlwaysAllow'];

/** An int ≥ 0, or a percentage from 0% to 100%. */
function checkIntOrPercent(errs: FieldErrors, field: string, v: unknown): void {
  if (v === undefined || v === null) return;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) errs.invalid(field, v, 'must be greater than or equal to 0');
    return;
  }
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) errs.invalid(field, v, 'a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')');
  else if (Number(m[1]) > 100) errs.invalid(field, v, 'must not be greater than 100%');
}

export function admitPodDisruptionBudget(errs: FieldErrors, pdb: KubeObject): void {
  const spec = (pdb.spec ??= {}) as { minAvailable?: unknown; maxUnavailable?: unknown; unhealthyPodEvictionPolicy?: string };
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.invalid('spec', pdb.spec, 'minAvailable and maxUnavailable cannot be both set', 'policy.PodDisruptionBudgetSpec{...}');
  }
  checkIntOrPercent(errs, 'spec.minAvailable', spec.minAvailable);
  checkIntOrPercent(errs, 'spec.maxUnavailable', spec.maxUnavailable);
  if (spec.unhealthyPodEvictionPolicy !== undefined && !POLICIES.includes(spec.unhealthyPodEvictionPolicy)) {
    errs.notSupported('spec.unhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy, POLICIES);
  }
}
