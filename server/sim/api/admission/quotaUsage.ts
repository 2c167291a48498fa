/**
 * What an object charges against a ResourceQuota, as the evaluators of
 * pkg/quota/v1/evaluator/core do: pods (count, requests, limits; only pods not yet terminal),
 * services (count, node ports, load balancers), persistent volume claims (count, storage,
 * per storage class) and the generic object count `count/<resource>[.<group>]` of any kind.
 * Used by both the ResourceQuota admission plugin and the quota controller.
 */
import type { KubeObject } from '../../../kube/object.ts';
import { qosClass } from '../../../kube/qosClass.ts';
import { formatOf, nanos, quantityFromNanos, type QuantityFormat } from './quantityString.ts';
import { QuantityError } from '../../../kube/quantity.ts';

export interface Amount {
  nanos: bigint;
  format: QuantityFormat;
}
/** A ResourceList: resource name → amount. */
export type Usage = Map<string, Amount>;

type Quantities = Record<string, string | number> | undefined;

const one = (): Amount => ({ nanos: 1_000_000_000n, format: 'DecimalSI' });
const count = (n: number): Amount => ({ nanos: BigInt(n) * 1_000_000_000n, format: 'DecimalSI' });

export function amountOf(q: string | number | undefined): Amount {
  if (q === undefined || q === null) return { nanos: 0n, format: 'DecimalSI' };
  try {
    return { nanos: nanos(q), format: formatOf(q) };
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    return { nanos: 0n, format: 'DecimalSI' };
  }
}

export function amountString(a: Amount | undefined): string {
  return a ? quantityFromNanos(a.nanos, a.format) : '0';
}

/** Quantity.Add: a zero takes the format of what is added to it. */
export function addInto(into: Usage, more: Usage, sign: 1n | -1n = 1n): void {
  for (const [k, v] of more) {
    const cur = into.get(k);
    if (!cur) into.set(k, { nanos: sign * v.nanos, format: v.format });
    else into.set(k, { nanos: cur.nanos + sign * v.nanos, format: cur.nanos === 0n ? v.format : cur.format });
  }
}

export function usageFromList(list: Quantities): Usage {
  const out: Usage = new Map();
  for (const [k, v] of Object.entries(list ?? {})) out.set(k, amountOf(v));
  return out;
}

export function usageToList(usage: Usage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...usage.keys()].sort()) out[k] = amountString(usage.get(k));
  return out;
}

// ---- pods ----

interface Container {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: Quantities; limits?: Quantities };
}
interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  overhead?: Quantities;
  activeDeadlineSeconds?: number;
  priorityClassName?: string;
}

const POD_RESOURCES = new Set(['pods', 'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage']);

function isPodResource(name: string): boolean {
  return POD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || (name.startsWith('requests.') && name.includes('/'));
}

/** API defaulting gives a container with a limit and no request the limit as request. */
function containerRequests(c: Container): Usage {
  return usageFromList({ ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) });
}

function maxInto(into: Usage, other: Usage): void {
  for (const [k, v] of other) if (!into.has(k) || into.get(k)!.nanos < v.nanos) into.set(k, { ...v });
}

/** resourcehelper.PodRequests / PodLimits: containers add up, init containers take the max, sidecars add, overhead on top. */
function podTotals(spec: PodSpec, of: (c: Container) => Usage, withOverhead: boolean): Usage {
  const sum: Usage = new Map();
  for (const c of spec.containers ?? []) addInto(sum, of(c));
  const initMax: Usage = new Map();
  const sidecars: Usage = new Map();
  for (const ic of spec.initContainers ?? []) {
    const own = of(ic);
    if (ic.restartPolicy === 'Always') {
      addInto(sum, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const during: Usage = new Map(sidecars);
      addInto(during, own);
      maxInto(initMax, during);
    }
  }
  maxInto(sum, initMax);
  if (withOverhead) addInto(sum, usageFromList(spec.overhead));
  return sum;
}

/**
 * QuotaV1Pod: a pod that has finished (Succeeded or Failed) no longer charges its quota, nor does
 * one being deleted once its deletionTimestamp plus its grace period has passed.
 */
export function podCharges(pod: Readonly<KubeObject>, now = Date.now()): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const deletion = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  return !(deletion && typeof grace === 'number' && now > Date.parse(deletion) + grace * 1000);
}

export function podUsage(pod: Readonly<KubeObject>): Usage {
  const out: Usage = new Map();
  if (!podCharges(pod)) return out;
  const spec = (pod.spec ?? {}) as PodSpec;
  out.set('pods', one());
  out.set('count/pods', one());
  const requests = podTotals(spec, containerRequests, true);
  const limits = podTotals(spec, (c) => usageFromList(c.resources?.limits), true);
  for (const [k, v] of requests) {
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') out.set(k, v);
    if (k.startsWith('hugepages-')) out.set(k, v);
    out.set(`requests.${k}`, v);
  }
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) if (limits.has(r)) out.set(`limits.${r}`, limits.get(r)!);
  return out;
}

/** The quota's scope names and selector requirements that a pod must satisfy. */
interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values?: string[];
}

function quotaScopes(quota: Readonly<KubeObject>): ScopeRequirement[] {
  const spec = (quota.spec ?? {}) as { scopes?: string[]; scopeSelector?: { matchExpressions?: ScopeRequirement[] } };
  const out: ScopeRequirement[] = (spec.scopes ?? []).map((s) => ({ scopeName: s, operator: 'Exists' }));
  return out.concat(spec.scopeSelector?.matchExpressions ?? []);
}

function podMatchesScope(pod: Readonly<KubeObject>, s: ScopeRequirement): boolean {
  const spec = (pod.spec ?? {}) as PodSpec;
  const terminating = typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds >= 0;
  switch (s.scopeName) {
    case 'Terminating': return terminating;
    case 'NotTerminating': return !terminating;
    case 'BestEffort': return qosClass(pod as KubeObject) === 'BestEffort';
    case 'NotBestEffort': return qosClass(pod as KubeObject) !== 'BestEffort';
    case 'PriorityClass': {
      const name = spec.priorityClassName ?? '';
      if (s.operator === 'Exists') return name !== '';
      if (s.operator === 'DoesNotExist') return name === '';
      const listed = (s.values ?? []).includes(name);
      return s.operator === 'In' ? listed : !listed;
    }
    default: return false;
  }
}

// ---- services, claims, counts ----

function serviceUsage(svc: Readonly<KubeObject>): Usage {
  const spec = (svc.spec ?? {}) as { type?: string; ports?: unknown[]; allocateLoadBalancerNodePorts?: boolean };
  const ports = spec.ports?.length ?? 0;
  const lb = spec.type === 'LoadBalancer';
  const nodePorts = spec.type === 'NodePort' || (lb && spec.allocateLoadBalancerNodePorts !== false) ? ports : 0;
  return new Map([
    ['count/services', one()],
    ['services', one()],
    ['services.loadbalancers', count(lb ? 1 : 0)],
    ['services.nodeports', count(nodePorts)],
  ]);
}

const CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

function claimUsage(pvc: Readonly<KubeObject>): Usage {
  const spec = (pvc.spec ?? {}) as { storageClassName?: string; resources?: { requests?: Quantities } };
  const cls = spec.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
  const out: Usage = new Map([['count/persistentvolumeclaims', one()], ['persistentvolumeclaims', one()]]);
  if (cls) out.set(`${cls}${CLASS_SUFFIX}persistentvolumeclaims`, one());
  const storage = spec.resources?.requests?.storage;
  if (storage !== undefined) {
    out.set('requests.storage', amountOf(storage));
    if (cls) out.set(`${cls}${CLASS_SUFFIX}requests.storage`, amountOf(storage));
  }
  return out;
}

/** The core kinds' old quota names for their object count (legacyObjectCountAliases). */
const LEGACY_COUNT: Record<string, string> = { configmaps: 'configmaps', secrets: 'secrets', resourcequotas: 'resourcequotas', replicationcontrollers: 'replicationcontrollers' };

/** How one resource (store key: `pods`, `deployments.apps`) is charged. */
export interface Evaluator {
  /** Quota resource names this evaluator accounts for. */
  matches(resourceName: string): boolean;
  usage(obj: Readonly<KubeObject>): Usage;
  /** Operations it charges: every kind charges creates; services and claims also updates. */
  chargesUpdates: boolean;
  /** Whether a quota's scopes let it cover this object (only pods know scopes). */
  inScope(quota: Readonly<KubeObject>, obj: Readonly<KubeObject>): boolean;
}

const noScopes = (quota: Readonly<KubeObject>) => quotaScopes(quota).length === 0;

export function evaluatorFor(resource: string): Evaluator {
  if (resource === 'pods') {
    return { matches: isPodResource, usage: podUsage, chargesUpdates: false, inScope: (q, pod) => quotaScopes(q).every((s) => podMatchesScope(pod, s)) };
  }
  if (resource === 'services') {
    return { matches: (n) => n === 'services' || n === 'count/services' || n === 'services.nodeports' || n === 'services.loadbalancers', usage: serviceUsage, chargesUpdates: true, inScope: noScopes };
  }
  if (resource === 'persistentvolumeclaims') {
    return {
      matches: (n) => n === 'persistentvolumeclaims' || n === 'count/persistentvolumeclaims' || n === 'requests.storage' || n.includes(CLASS_SUFFIX),
      usage: claimUsage,
      chargesUpdates: true,
      inScope: noScopes,
    };
  }
  const names = [`count/${resource}`, ...(LEGACY_COUNT[resource] ? [LEGACY_COUNT[resource]] : [])];
  return {
    matches: (n) => names.includes(n),
    usage: () => new Map(names.map((n) => [n, one()])),
    chargesUpdates: false,
    inScope: noScopes,
  };
}

/** The store key a `count/…` or legacy quota name counts, for the quota controller. */
export function resourceCounted(quotaName: string): string | undefined {
  if (quotaName.startsWith('count/')) return quotaName.slice('count/'.length);
  if (LEGACY_COUNT[quotaName]) return quotaName;
  if (isPodResource(quotaName)) return 'pods';
  if (quotaName.startsWith('services')) return 'services';
  if (quotaName === 'persistentvolumeclaims' || quotaName === 'requests.storage' || quotaName.includes(CLASS_SUFFIX)) return 'persistentvolumeclaims';
  return undefined;
}
