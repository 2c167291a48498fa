/**
 * Pods that had already finished before the kubelet started (seeded history such as a
 * completed report job or a failed migration): their status is kept as written, and
 * each container gets an ended instance holding the lines its image prints, so
 * `kubectl logs` on them shows something real.
 */
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../kube/object.ts';
import type { ContainerState } from './containerRuntime.ts';
import { LogBuffer } from './logs.ts';
import type { PodRuntime } from './podLifecycle.ts';

interface StatusEntry {
  name: string;
  state?: ContainerState;
  containerID?: string;
}

export function adoptFinishedPod(rt: PodRuntime, pod: KubeObject): void {
  rt.frozen = true;
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])] as StatusEntry[];
  for (const c of [...rt.initContainers, ...rt.containers]) {
    const s = statuses.find((x) => x.name === c.name);
    const terminated = s?.state && 'terminated' in s.state ? s.state.terminated : undefined;
    const finishedAt = terminated?.finishedAt ? new Date(terminated.finishedAt) : new Date();
    const startedAt = terminated?.startedAt ? new Date(terminated.startedAt) : finishedAt;
    const log = new LogBuffer();
    const main = c.image?.main;
    const lines = main?.kind === 'exits' ? main.lines : [];
    const step = lines.length ? (finishedAt.getTime() - startedAt.getTime()) / lines.length : 0;
    lines.forEach((l, i) => log.writeLine(l, startedAt.getTime() + step * i));
    log.end(finishedAt.getTime());
    c.current = {
      id: s?.containerID?.replace(/^containerd:\/\//, '') || randomBytes(32).toString('hex'),
      startedAt,
      finishedAt,
      exit: { code: terminated?.exitCode ?? 0, reason: terminated?.exitCode ? 'Error' : 'Completed' },
      log,
      stop: new AbortController(),
    };
    if (s?.state) c.state = s.state;
  }
}
