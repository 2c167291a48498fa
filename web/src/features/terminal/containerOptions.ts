/**
 * The containers of a pod a terminal can open into: init, app and ephemeral containers, each
 * enabled only while running, else disabled with the reason an operator would look for
 * (CrashLoopBackOff, Completed, ContainerCreating, the pod's phase...).
 */
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';

export type ContainerKind = 'init' | 'app' | 'ephemeral';

export interface ContainerOption {
  name: string;
  kind: ContainerKind;
  running: boolean;
  /** Why it cannot be opened (undefined when running). */
  reason?: string;
  /** The container keeps stdin open: attach can type into its main process. */
  stdin: boolean;
}

function stateReason(status: V1ContainerStatus | undefined): string {
  const state = status?.state;
  if (state?.waiting) return state.waiting.reason ?? 'Waiting';
  if (state?.terminated) return state.terminated.reason ?? `Exited (${state.terminated.exitCode})`;
  return 'Not started';
}

export function containerOptions(pod: V1Pod): ContainerOption[] {
  const phase = pod.status?.phase;
  const podDown = phase === 'Succeeded' || phase === 'Failed' ? `Pod ${phase}` : pod.metadata?.deletionTimestamp ? 'Terminating' : undefined;
  const groups: [ContainerKind, { name: string; stdin?: boolean }[] | undefined, V1ContainerStatus[] | undefined][] = [
    ['init', pod.spec?.initContainers, pod.status?.initContainerStatuses],
    ['app', pod.spec?.containers, pod.status?.containerStatuses],
    ['ephemeral', pod.spec?.ephemeralContainers, pod.status?.ephemeralContainerStatuses],
  ];
  const out: ContainerOption[] = [];
  for (const [kind, specs, statuses] of groups) {
    for (const c of specs ?? []) {
      const status = statuses?.find((s) => s.name === c.name);
      const running = !podDown && !!status?.state?.running;
      out.push({ name: c.name, kind, running, reason: running ? undefined : (podDown ?? stateReason(status)), stdin: !!c.stdin });
    }
  }
  return out;
}

/** The container to preselect: the one asked for, else the pod's default-container annotation, else the first running app container. */
export function defaultContainer(pod: V1Pod, options: ContainerOption[], wanted?: string | null): string | undefined {
  if (wanted && options.some((o) => o.name === wanted)) return wanted;
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && options.some((o) => o.name === annotated && o.running)) return annotated;
  return (options.find((o) => o.kind === 'app' && o.running) ?? options.find((o) => o.running) ?? options.find((o) => o.kind === 'app'))?.name;
}
