/** coordination.k8s.io/v1 Lease decoding and validation, as pkg/apis/coordination/validation words it. */
import { ApiError } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { FieldErrors } from './fieldErrors.ts';

const INT32_MAX = 2 ** 31 - 1;

function decodeError(message: string): ApiError {
  return new ApiError(400, 'BadRequest', `Lease in version "v1" cannot be handled as a Lease: ${message}`);
}

/** metav1.MicroTime: any RFC 3339 time, stored with six fractional digits. */
function microTime(v: unknown, field: string): string {
  const text = String(v);
  const ms = typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw decodeError(`parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05.000000Z07:00": cannot parse ${JSON.stringify(text)} as "2006" (field spec.${field})`);
  const micros = /\.(\d+)/.exec(v as string)?.[1]?.padEnd(6, '0').slice(0, 6) ?? '000000';
  return `${new Date(ms).toISOString().slice(0, 19)}.${micros}Z`;
}

function int32(v: unknown, field: string): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'number') throw decodeError(`json: cannot unmarshal ${typeof v} into Go struct field LeaseSpec.spec.${field} of type int32`);
  if (!Number.isInteger(v) || Math.abs(v) > INT32_MAX) throw decodeError(`json: cannot unmarshal number ${v} into Go struct field LeaseSpec.spec.${field} of type int32`);
}

export function admitLease(errs: FieldErrors, lease: KubeObject): void {
  const spec = (lease.spec ??= {}) as Record<string, unknown>;
  if (typeof spec !== 'object' || Array.isArray(spec)) throw decodeError('json: cannot unmarshal into Go struct field Lease.spec of type v1.LeaseSpec');
  int32(spec.leaseDurationSeconds, 'leaseDurationSeconds');
  int32(spec.leaseTransitions, 'leaseTransitions');
  for (const f of ['acquireTime', 'renewTime']) if (spec[f] !== undefined && spec[f] !== null) spec[f] = microTime(spec[f], f);
  if (spec.holderIdentity !== undefined && spec.holderIdentity !== null && typeof spec.holderIdentity !== 'string') {
    throw decodeError(`json: cannot unmarshal ${typeof spec.holderIdentity} into Go struct field LeaseSpec.spec.holderIdentity of type string`);
  }
  if (typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds <= 0) errs.invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0');
  if (typeof spec.leaseTransitions === 'number' && spec.leaseTransitions < 0) errs.invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0');
  if (spec.preferredHolder && !spec.strategy) errs.forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined');
}
