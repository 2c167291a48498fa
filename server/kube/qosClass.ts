import { parseQuantity, QuantityError } from './quantity.ts';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

interface ContainerShape {
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
}

interface PodShape {
  spec?: { containers?: ContainerShape[]; initContainers?: ContainerShape[] };
  status?: { qosClass?: string };
}

const COMPUTE = ['cpu', 'memory'] as const;

function value(q: string | number | undefined): number {
  if (q === undefined) return 0;
  try {
    return parseQuantity(q);
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    return 0;
  }
}

/**
 * The pod's QoS class as the API server computes it (qos.GetPodQOS): only cpu and memory
 * count; BestEffort when no container asks for or limits either; Guaranteed when every
 * container limits both and every request equals its limit (a missing request defaults to
 * the limit); Burstable otherwise.
 */
export function qosClass(pod: PodShape): QosClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    const limited = new Set<string>();
    for (const r of COMPUTE) {
      const l = value(lim[r]);
      const q = req[r] !== undefined ? value(req[r]) : l;
      if (q > 0) requests.set(r, (requests.get(r) ?? 0) + q);
      if (l > 0) {
        limited.add(r);
        limits.set(r, (limits.get(r) ?? 0) + l);
      }
    }
    if (!COMPUTE.every((r) => limited.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [r, q] of requests) if (limits.get(r) !== q) guaranteed = false;
    if (guaranteed && requests.size === limits.size) return 'Guaranteed';
  }
  return 'Burstable';
}
