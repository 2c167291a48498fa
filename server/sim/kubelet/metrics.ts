/**
 * Simulated resource usage for metrics.k8s.io (`kubectl top`): per container a stable
 * pseudo-random base derived from the pod uid, placed between its request and limit,
 * with a gentle wobble over time. A node uses the sum of its pods plus system overhead.
 */
import type { KubeObject } from '../../kube/object.ts';
import { cpuMillis, memoryBytes, seedOf } from './containerRuntime.ts';
import type { PodRuntime } from './podLifecycle.ts';

const MiB = 1024 * 1024;
const NODE_OVERHEAD = { cpuMillis: 180, memoryBytes: 900 * MiB };

export interface Usage {
  cpuMillis: number;
  memoryBytes: number;
}

export function containerUsage(rt: PodRuntime, name: string, now = Date.now()): Usage | undefined {
  const c = rt.containers.find((x) => x.name === name);
  if (!c || !c.running || !c.image) return undefined;
  const seed = seedOf(rt.uid + name);
  const frac = (seed % 1000) / 1000;
  const req = c.spec.resources?.requests ?? {};
  const lim = c.spec.resources?.limits ?? {};
  const cpuLow = cpuMillis(req.cpu) ?? Math.max(1, c.image.cpuMillis);
  const cpuHigh = cpuMillis(lim.cpu) ?? cpuLow * 1.5;
  const memLow = memoryBytes(req.memory) ?? c.image.memoryBytes;
  const memHigh = memoryBytes(lim.memory) ?? memLow * 1.3;
  const wobble = 1 + 0.15 * Math.sin(now / 20_000 + (seed % 628) / 100);
  const cpu = Math.max(1, (c.image.cpuMillis > 0 ? cpuLow * (0.2 + 0.6 * frac) : 1) * wobble);
  const mem = Math.max(MiB, Math.min(memHigh * 0.95, (c.image.memoryBytes > 0 ? Math.max(c.image.memoryBytes, memLow * (0.3 + 0.5 * frac)) : MiB) * (1 + (wobble - 1) / 5)));
  return { cpuMillis: Math.min(cpu, cpuHigh), memoryBytes: mem };
}

export function formatCpu(millis: number): string {
  return `${Math.round(millis * 1_000_000)}n`;
}

export function formatMemory(bytes: number): string {
  return `${Math.round(bytes / 1024)}Ki`;
}

export function podMetrics(rt: PodRuntime | undefined): { name: string; usage: { cpu: string; memory: string } }[] | undefined {
  if (!rt || rt.phase() !== 'Running') return undefined;
  const out: { name: string; usage: { cpu: string; memory: string } }[] = [];
  for (const c of rt.containers) {
    const u = containerUsage(rt, c.name);
    if (u) out.push({ name: c.name, usage: { cpu: formatCpu(u.cpuMillis), memory: formatMemory(u.memoryBytes) } });
  }
  return out.length ? out : undefined;
}

export function nodeMetrics(node: KubeObject, pods: Iterable<PodRuntime>): { cpu: string; memory: string } | undefined {
  const name = node.metadata.name;
  let cpu = NODE_OVERHEAD.cpuMillis;
  let mem = NODE_OVERHEAD.memoryBytes;
  for (const p of pods) {
    if (p.nodeName !== name) continue;
    for (const c of p.containers) {
      const u = containerUsage(p, c.name);
      if (u) {
        cpu += u.cpuMillis;
        mem += u.memoryBytes;
      }
    }
  }
  return { cpu: formatCpu(cpu), memory: formatMemory(mem) };
}
