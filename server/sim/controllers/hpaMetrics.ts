/**
 * The CPU the metrics pipeline reports for a pod (what `kubectl top pod` shows through
 * metrics.k8s.io), read from the pod object: the HPA controller sees the same numbers the
 * metrics API serves, without reaching into the kubelet's runtime.
 */
import type { KubeObject } from '../../kube/object.ts';
import { containerUsage } from '../kubelet/metrics.ts';
import { resolveImage } from '../kubelet/images.ts';
import type { PodRuntime } from '../kubelet/podLifecycle.ts';

interface ContainerSpec {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** Millicores in use by the pod's running containers, or undefined when metrics-server would have no sample. */
export function podCpuMillis(pod: Readonly<KubeObject>, now = Date.now()): number | undefined {
  if (pod.status?.phase !== 'Running') return undefined;
  const statuses = (pod.status?.containerStatuses ?? []) as { name: string; state?: { running?: unknown } }[];
  const containers = ((pod.spec?.containers ?? []) as ContainerSpec[]).map((spec) => ({
    name: spec.name,
    spec,
    image: resolveImage(String(spec.image ?? '')),
    running: !!statuses.find((s) => s.name === spec.name)?.state?.running,
  }));
  // containerUsage reads only uid and these container fields of a PodRuntime.
  const view = { uid: pod.metadata.uid ?? '', containers } as unknown as PodRuntime;
  let total = 0;
  let sampled = false;
  for (const c of containers) {
    const u = containerUsage(view, c.name, now);
    if (u) {
      total += u.cpuMillis;
      sampled = true;
    }
  }
  return sampled ? Math.round(total) : undefined;
}
