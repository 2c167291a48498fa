import { cpuMillis, wholeUnits } from './quantity.ts';

/** Requests per resource: cpu in millicores, everything else (memory, storage, GPUs) in whole units. */
export interface PodRequests {
  cpu: number;
  memory: number;
  [resource: string]: number;
}

interface ContainerShape {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
}

export interface PodSpecShape {
  containers?: ContainerShape[];
  initContainers?: ContainerShape[];
  overhead?: Record<string, string | number>;
}

function amount(resource: string, q: string | number | undefined): number {
  return resource === 'cpu' ? cpuMillis(q) : wholeUnits(q);
}

/** A container's requests; a limit without a request counts as the request, as API defaulting makes it. */
export function containerRequests(c: ContainerShape): PodRequests {
  const out: PodRequests = { cpu: 0, memory: 0 };
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  for (const name of new Set([...Object.keys(limits), ...Object.keys(requests)])) {
    out[name] = amount(name, requests[name] ?? limits[name]);
  }
  return out;
}

function add(into: PodRequests, more: PodRequests): void {
  for (const [k, v] of Object.entries(more)) into[k] = (into[k] ?? 0) + v;
}

function maxInto(into: PodRequests, other: PodRequests): void {
  for (const [k, v] of Object.entries(other)) into[k] = Math.max(into[k] ?? 0, v);
}

/**
 * What the scheduler charges a node for a pod: app containers run together (sum), init
 * containers one after another (max), sidecar init containers (restartPolicy Always) keep
 * running so they add to both; then pod overhead on top. Mirrors resourcehelper.PodRequests.
 */
export function effectivePodRequests(spec: PodSpecShape): PodRequests {
  const reqs: PodRequests = { cpu: 0, memory: 0 };
  for (const c of spec.containers ?? []) add(reqs, containerRequests(c));

  const sidecars: PodRequests = { cpu: 0, memory: 0 };
  const initMax: PodRequests = { cpu: 0, memory: 0 };
  for (const ic of spec.initContainers ?? []) {
    const own = containerRequests(ic);
    let during: PodRequests;
    if (ic.restartPolicy === 'Always') {
      add(reqs, own);
      add(sidecars, own);
      during = { ...sidecars };
    } else {
      during = { ...own };
      add(during, sidecars);
    }
    maxInto(initMax, during);
  }
  maxInto(reqs, initMax);

  const overhead = spec.overhead ?? {};
  for (const [name, q] of Object.entries(overhead)) reqs[name] = (reqs[name] ?? 0) + amount(name, q);
  return reqs;
}

/** The scheduler scores a container without cpu/memory requests as if it asked for 100m and 200Mi. */
export function nonZeroPodRequests(spec: PodSpecShape): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of spec.containers ?? []) {
    const r = containerRequests(c);
    cpu += c.resources?.requests?.cpu !== undefined || c.resources?.limits?.cpu !== undefined ? r.cpu : 100;
    memory += c.resources?.requests?.memory !== undefined || c.resources?.limits?.memory !== undefined ? r.memory : 200 * 2 ** 20;
  }
  const eff = effectivePodRequests(spec);
  return { cpu: Math.max(cpu, eff.cpu), memory: Math.max(memory, eff.memory) };
}
