/**
 * ResourceQuota: validation of the object (ValidateResourceQuota) and the ResourceQuota
 * admission plugin (plugin/pkg/admission/resourcequota): every create (and, for services and
 * claims, update) in a namespace with quotas is measured, refused with 403 when it would pass a
 * hard limit or lacks a request or limit a quota covers, and otherwise charged to the quotas'
 * status.used at once, so the next request sees it before the quota controller recounts.
 */
import { ApiError } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { SimContext } from '../../context.ts';
import { resourceKey, type ResourceType } from '../resources.ts';
import type { FieldErrors } from './fieldErrors.ts';
import { canonicalQuantity } from './quantityString.ts';
import { QuantityError, parseQuantity } from '../../../kube/quantity.ts';
import { addInto, amountString, evaluatorFor, usageFromList, usageToList, type Usage } from './quotaUsage.ts';

export const QUOTAS = 'resourcequotas';

/** standardQuotaResources (pkg/apis/core/helper). */
const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers']);
/** integerResources: counts must be whole numbers. */
const INTEGER = new Set(['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
const SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];

export function admitResourceQuota(errs: FieldErrors, quota: KubeObject): void {
  const spec = (quota.spec ??= {}) as { hard?: Record<string, string | number>; scopes?: string[] };
  for (const [name, value] of Object.entries(spec.hard ?? {})) {
    const field = `spec.hard[${name}]`;
    if (!name.includes('/') && !STANDARD.has(name) && !name.startsWith('hugepages-') && !name.startsWith('requests.hugepages-')) {
      errs.invalid(field, name, 'must be a standard resource for quota');
      continue;
    }
    let n: number;
    try {
      n = parseQuantity(value);
    } catch (err) {
      if (!(err instanceof QuantityError)) throw err;
      errs.invalid(field, value, 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'');
      continue;
    }
    if (n < 0) errs.invalid(field, String(value), 'must be greater than or equal to 0');
    else if (INTEGER.has(name) && !Number.isInteger(n)) errs.invalid(field, String(value), 'must be an integer');
    // The API server writes quantities back in canonical form ("0.5" reads back as "500m").
    else spec.hard![name] = canonicalQuantity(value);
  }
  validateScopes(errs, spec.scopes ?? [], Object.keys(spec.hard ?? {}));
}

const POD_COMPUTE = ['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory'];

/** validateResourceQuotaScopes: pod scopes only go with pod resources; opposite scopes conflict. */
function validateScopes(errs: FieldErrors, scopes: string[], hard: string[]): void {
  const shown = `[]core.ResourceQuotaScope{${scopes.map((s) => JSON.stringify(s)).join(', ')}}`;
  for (const scope of scopes) {
    if (!SCOPES.includes(scope)) errs.invalid('spec.scopes', scopes, 'unsupported scope', shown);
    for (const k of [...hard].sort()) {
      if (!STANDARD.has(k)) continue;
      const valid = scope === 'BestEffort' ? k === 'pods' : SCOPES.includes(scope) ? k === 'pods' || POD_COMPUTE.includes(k) : true;
      if (!valid) errs.invalid('spec.scopes', scopes, 'unsupported scope applied to resource', shown);
    }
  }
  for (const [a, b] of [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']]) {
    if (scopes.includes(a) && scopes.includes(b)) errs.invalid('spec.scopes', scopes, 'conflicting scopes', shown);
  }
}

function forbidden(type: ResourceType, obj: KubeObject, message: string): ApiError {
  const name = obj.metadata.name ?? '';
  const qualified = type.group ? `${type.plural}.${type.group}` : type.plural;
  return new ApiError(403, 'Forbidden', `${qualified} "${name}" is forbidden: ${message}`, { name, group: type.group || undefined, kind: type.plural });
}

function prettyPrint(usage: Usage, keys: string[]): string {
  return [...keys].sort().map((k) => `${k}=${amountString(usage.get(k))}`).join(',');
}

/** podEvaluator.Constraints: a quota on cpu or memory needs each container to state it. */
function missingComputeResources(required: string[], pod: KubeObject): string | undefined {
  const checked = required.filter((r) => ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'].includes(r));
  if (!checked.length) return undefined;
  type C = { name?: string; resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } };
  const spec = (pod.spec ?? {}) as { containers?: C[]; initContainers?: C[] };
  const missing = new Map<string, Set<string>>();
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits ?? {};
    const requests = { ...limits, ...(c.resources?.requests ?? {}) };
    const has = (r: string) => (r.startsWith('limits.') ? r.slice(7) in limits : r.replace(/^requests\./, '') in requests);
    for (const r of checked) if (!has(r)) missing.set(r, (missing.get(r) ?? new Set()).add(c.name ?? ''));
  }
  if (!missing.size) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/**
 * The ResourceQuota admission check. Throws the API server's 403 when the request does not fit;
 * otherwise records the new usage in each quota it charges.
 */
export function enforceQuota(type: ResourceType, obj: KubeObject, old: KubeObject | undefined, ctx: SimContext): void {
  const ns = obj.metadata.namespace;
  if (!ns || type.virtual || !type.namespaced) return;
  const quotas = ctx.store.listRefs(QUOTAS, ns);
  if (!quotas.length) return;
  const resource = resourceKey(type);
  const evaluator = evaluatorFor(resource);
  if (old && !evaluator.chargesUpdates) return;
  const charged: Readonly<KubeObject>[] = [];
  for (const quota of quotas) {
    const hard = (quota.status?.hard ?? {}) as Record<string, string>;
    const required = Object.keys(hard).filter((n) => evaluator.matches(n));
    if (!required.length || !evaluator.inScope(quota, obj)) continue;
    if (resource === 'pods') {
      const missing = missingComputeResources(required, obj);
      if (missing) throw forbidden(type, obj, `failed quota: ${quota.metadata.name}: ${missing}`);
    }
    const used = (quota.status?.used ?? {}) as Record<string, string>;
    if (Object.keys(hard).some((k) => !(k in used))) throw forbidden(type, obj, `status unknown for quota: ${quota.metadata.name}`);
    charged.push(quota);
  }
  if (!charged.length) return;
  const delta = evaluator.usage(obj);
  // On update only the difference is charged (an old object with a resourceVersion was stored).
  if (old) addInto(delta, evaluator.usage(old), -1n);
  const negative = [...delta].filter(([, v]) => v.nanos < 0n).map(([k]) => k);
  if (!old && negative.length) throw forbidden(type, obj, `quota usage is negative for resource(s): ${negative.sort().join(',')}`);
  if ([...delta.values()].every((v) => v.nanos === 0n)) return;
  const updates: [Readonly<KubeObject>, Usage][] = [];
  for (const quota of charged) {
    const hardUsage = usageFromList(quota.status?.hard as Record<string, string>);
    const usedBefore = usageFromList(quota.status?.used as Record<string, string>);
    const requested: Usage = new Map([...delta].filter(([k]) => hardUsage.has(k)));
    const usedAfter: Usage = new Map(usedBefore);
    addInto(usedAfter, requested);
    const exceeded = [...requested.keys()].filter((k) => usedAfter.get(k)!.nanos > hardUsage.get(k)!.nanos);
    if (exceeded.length) {
      throw forbidden(type, obj, `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(requested, exceeded)}, used: ${prettyPrint(usedBefore, exceeded)}, limited: ${prettyPrint(hardUsage, exceeded)}`);
    }
    updates.push([quota, usedAfter]);
  }
  for (const [quota, used] of updates) {
    ctx.store.mutate(QUOTAS, ns, quota.metadata.name!, (q) => {
      q.status = { ...(q.status ?? {}), used: usageToList(used) };
    });
  }
}
