/**
 * LimitRange: its defaulting and validation (SetDefaults_LimitRangeItem, ValidateLimitRange) and
 * the LimitRanger admission plugin (plugin/pkg/admission/limitranger): a new pod's containers get
 * the namespace's default requests and limits (noted in the `kubernetes.io/limit-ranger`
 * annotation), then pods and claims outside min, max or maxLimitRequestRatio are refused with 403.
 */
import { ApiError } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { SimContext } from '../../context.ts';
import type { FieldErrors } from './fieldErrors.ts';
import { canonicalQuantity } from './quantityString.ts';
import { addInto, amountOf, amountString, usageFromList, type Usage } from './quotaUsage.ts';

export const LIMIT_RANGES = 'limitranges';
type List = Record<string, string | number>;

interface LimitItem {
  type?: string;
  max?: List;
  min?: List;
  default?: List;
  defaultRequest?: List;
  maxLimitRequestRatio?: List;
}
interface Container {
  name?: string;
  resources?: { requests?: List; limits?: List };
}

const TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];
const n = (q: string | number | undefined) => amountOf(q).nanos;

function canonical(list: List | undefined): void {
  for (const k of Object.keys(list ?? {})) list![k] = canonicalQuantity(list![k]);
}

/** Defaulting, then ValidateLimitRange's checks for one kind of limit. */
export function admitLimitRange(errs: FieldErrors, lr: KubeObject): void {
  const limits = (((lr.spec ??= {}) as { limits?: LimitItem[] }).limits ??= []);
  limits.forEach((item, i) => {
    const path = `spec.limits[${i}]`;
    if (!item.type || !TYPES.includes(item.type)) {
      errs.notSupported(`${path}.type`, item.type ?? '', TYPES);
      return;
    }
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const) canonical(item[f]);
    if (item.type === 'Container') {
      item.default ??= {};
      item.defaultRequest ??= {};
      for (const [k, v] of Object.entries(item.max ?? {})) item.default[k] ??= v;
      for (const [k, v] of Object.entries(item.default)) item.defaultRequest[k] ??= v;
      for (const [k, v] of Object.entries(item.min ?? {})) item.defaultRequest[k] ??= v;
    } else if (item.type === 'Pod') {
      if (item.default && Object.keys(item.default).length) errs.forbidden(`${path}.default`, 'may not be specified when `type` is \'Pod\'');
      if (item.defaultRequest && Object.keys(item.defaultRequest).length) errs.forbidden(`${path}.defaultRequest`, 'may not be specified when `type` is \'Pod\'');
    }
    const keys = new Set(Object.keys({ ...item.max, ...item.min, ...item.default, ...item.defaultRequest, ...item.maxLimitRequestRatio }));
    for (const k of keys) {
      const [max, min, def, defReq, ratio] = [item.max?.[k], item.min?.[k], item.default?.[k], item.defaultRequest?.[k], item.maxLimitRequestRatio?.[k]];
      const s = (q: string | number | undefined) => String(q);
      if (min !== undefined && max !== undefined && n(min) > n(max)) errs.invalid(`${path}.min[${k}]`, s(min), `min value ${s(min)} is greater than max value ${s(max)}`);
      if (defReq !== undefined && min !== undefined && n(min) > n(defReq)) errs.invalid(`${path}.defaultRequest[${k}]`, s(defReq), `min value ${s(min)} is greater than default request value ${s(defReq)}`);
      if (defReq !== undefined && max !== undefined && n(defReq) > n(max)) errs.invalid(`${path}.defaultRequest[${k}]`, s(defReq), `default request value ${s(defReq)} is greater than max value ${s(max)}`);
      if (defReq !== undefined && def !== undefined && n(defReq) > n(def)) errs.invalid(`${path}.defaultRequest[${k}]`, s(defReq), `default request value ${s(defReq)} is greater than default limit value ${s(def)}`);
      if (def !== undefined && min !== undefined && n(min) > n(def)) errs.invalid(`${path}.default[${k}]`, s(min), `min value ${s(min)} is greater than default value ${s(def)}`);
      if (def !== undefined && max !== undefined && n(def) > n(max)) errs.invalid(`${path}.default[${k}]`, s(max), `default value ${s(def)} is greater than max value ${s(max)}`);
      if (ratio !== undefined && n(ratio) < 1_000_000_000n) errs.invalid(`${path}.maxLimitRequestRatio[${k}]`, s(ratio), `ratio ${s(ratio)} is less than 1`);
      if (ratio !== undefined && max !== undefined && min !== undefined && n(min) > 0n) {
        const maxRatio = Number(n(max)) / Number(n(min));
        if (Number(n(ratio)) / 1e9 > maxRatio) errs.invalid(`${path}.maxLimitRequestRatio[${k}]`, s(ratio), `ratio ${s(ratio)} is greater than max/min = ${maxRatio.toFixed(6)}`);
      }
    }
  });
}

function containerItems(ctx: SimContext, ns: string): LimitItem[] {
  return ctx.store.listRefs(LIMIT_RANGES, ns).flatMap((lr) => ((lr.spec?.limits ?? []) as LimitItem[]));
}

/** mergeContainerResources: fill what the container leaves unset, saying so in the annotation. */
function mergeDefaults(c: Container, limits: List, requests: List, prefix: string, notes: string[]): void {
  const res = (c.resources ??= {});
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(limits)) {
    if ((res.limits ??= {})[k] !== undefined) continue;
    res.limits[k] = v;
    setLimits.push(k);
  }
  for (const [k, v] of Object.entries(requests)) {
    if ((res.requests ??= {})[k] !== undefined) continue;
    res.requests[k] = v;
    setRequests.push(k);
  }
  if (res.limits && !Object.keys(res.limits).length) delete res.limits;
  if (res.requests && !Object.keys(res.requests).length) delete res.requests;
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name ?? ''}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name ?? ''}`);
}

/** The mutating half, on pod create: default requests and limits from every Container item. */
export function applyLimitRangeDefaults(pod: KubeObject, ctx: SimContext): void {
  const ns = pod.metadata.namespace;
  if (!ns) return;
  const items = containerItems(ctx, ns).filter((i) => i.type === 'Container');
  if (!items.length) return;
  const limits: List = {};
  const requests: List = {};
  for (const i of items) {
    Object.assign(requests, i.defaultRequest ?? {});
    Object.assign(limits, i.default ?? {});
  }
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const notes: string[] = [];
  for (const c of spec.containers ?? []) mergeDefaults(c, limits, requests, 'container', notes);
  for (const c of spec.initContainers ?? []) mergeDefaults(c, limits, requests, 'init container', notes);
  if (notes.length) (pod.metadata.annotations ??= {})['kubernetes.io/limit-ranger'] = `LimitRanger plugin set: ${notes.join('; ')}`;
}

const show = (q: unknown) => amountString(amountOf(q as string));

/** minConstraint, maxConstraint and limitRequestRatioConstraint, worded as limitranger words them. */
function constraints(item: LimitItem, kind: string, requests: Usage, limits: Usage, out: string[], requestOnly = false): void {
  for (const [r, min] of Object.entries(item.min ?? {})) {
    const req = requests.get(r);
    const lim = limits.get(r);
    if (!req) out.push(`minimum ${r} usage per ${kind} is ${show(min)}.  No request is specified`);
    else if (req.nanos < n(min)) out.push(`minimum ${r} usage per ${kind} is ${show(min)}, but request is ${amountString(req)}`);
    else if (lim && lim.nanos < n(min)) out.push(`minimum ${r} usage per ${kind} is ${show(min)}, but limit is ${amountString(lim)}`);
  }
  for (const [r, max] of Object.entries(item.max ?? {})) {
    const req = requests.get(r);
    const lim = limits.get(r);
    if (requestOnly) {
      if (!req) out.push(`maximum ${r} usage per ${kind} is ${show(max)}.  No request is specified`);
      else if (req.nanos > n(max)) out.push(`maximum ${r} usage per ${kind} is ${show(max)}, but request is ${amountString(req)}`);
    } else if (!lim) out.push(`maximum ${r} usage per ${kind} is ${show(max)}.  No limit is specified`);
    else if (lim.nanos > n(max)) out.push(`maximum ${r} usage per ${kind} is ${show(max)}, but limit is ${amountString(lim)}`);
    else if (req && req.nanos > n(max)) out.push(`maximum ${r} usage per ${kind} is ${show(max)}, but request is ${amountString(req)}`);
  }
  for (const [r, ratio] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const req = requests.get(r);
    const lim = limits.get(r);
    if (!req || req.nanos === 0n) out.push(`${r} max limit to request ratio per ${kind} is ${show(ratio)}, but no request is specified or request is 0`);
    else if (!lim || lim.nanos === 0n) out.push(`${r} max limit to request ratio per ${kind} is ${show(ratio)}, but no limit is specified or limit is 0`);
    else {
      const observed = Number(lim.nanos) / Number(req.nanos);
      if (observed * 1e9 > Number(n(ratio))) out.push(`${r} max limit to request ratio per ${kind} is ${show(ratio)}, but provided ratio is ${observed.toFixed(6)}`);
    }
  }
}

/** The validating half: 403 with the aggregated messages when a pod or claim is outside its namespace's ranges. */
export function enforceLimitRanges(plural: string, obj: KubeObject, ctx: SimContext): void {
  const ns = obj.metadata.namespace;
  if (!ns || (plural !== 'pods' && plural !== 'persistentvolumeclaims')) return;
  const items = containerItems(ctx, ns);
  if (!items.length) return;
  const out: string[] = [];
  if (plural === 'persistentvolumeclaims') {
    const requests = usageFromList((obj.spec as { resources?: { requests?: List } } | undefined)?.resources?.requests);
    for (const i of items) if (i.type === 'PersistentVolumeClaim') constraints(i, 'PersistentVolumeClaim', requests, new Map(), out, true);
  } else {
    const spec = (obj.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
    const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
    const podRequests: Usage = new Map();
    const podLimits: Usage = new Map();
    for (const i of items) {
      if (i.type === 'Container') {
        for (const c of all) constraints(i, 'Container', usageFromList({ ...c.resources?.limits, ...c.resources?.requests }), usageFromList(c.resources?.limits), out);
      }
    }
    for (const c of spec.containers ?? []) {
      addInto(podRequests, usageFromList({ ...c.resources?.limits, ...c.resources?.requests }));
      addInto(podLimits, usageFromList(c.resources?.limits));
    }
    for (const i of items) if (i.type === 'Pod') constraints(i, 'Pod', podRequests, podLimits, out);
  }
  if (!out.length) return;
  const name = obj.metadata.name ?? '';
  const message = out.length === 1 ? out[0] : `[${out.join(', ')}]`;
  throw new ApiError(403, 'Forbidden', `${plural} "${name}" is forbidden: ${message}`, { name, kind: plural });
}
