/**
 * A container instance as seen from inside: its files and environment (built on first
 * use: most pods are never exec'd into), sleeping on the simulated clock, and the process
 * table `ps` shows. A class rather than an object of closures: ten thousand pods each
 * hold one, so it carries only its fields.
 */
import type { Store } from '../api/store.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { Clock } from '../context.ts';
import { containerEnv, containerVfs, type ContainerSpec } from './containerFs.ts';
import type { ImageDef } from './images.ts';
import { StoreNetwork } from './clusterNetwork.ts';
import type { ClusterNetwork, ProcessInfo, ShellHost } from './shell/io.ts';
import type { DirNode, Vfs } from './shell/vfs.ts';

/** What the host needs from its pod: the pod object with its IPs, its shared emptyDirs and process ids. */
export interface HostPod {
  readonly name: string;
  readonly clock: Clock;
  readonly store: Store;
  readonly emptyDirs: Map<string, DirNode>;
  podWithIP(): KubeObject;
  /** Register a running process; returns its pid. */
  addProcess(command: string): number;
  removeProcess(pid: number): void;
  /** Processes started by exec, by pid. */
  readonly execProcesses: ReadonlyMap<number, string>;
  nextPid(): number;
}

export class ContainerHost implements ShellHost {
  private builtVfs?: Vfs;
  private builtEnv?: Record<string, string>;

  constructor(
    private readonly pod: HostPod,
    private readonly spec: ContainerSpec,
    readonly image: ImageDef,
  ) {}

  get hostname(): string {
    return this.pod.name;
  }

  get vfs(): Vfs {
    return (this.builtVfs ??= containerVfs(this.pod.podWithIP(), this.spec, this.image, this.pod.store, this.pod.emptyDirs));
  }

  get env(): Record<string, string> {
    return (this.builtEnv ??= containerEnv(this.pod.podWithIP(), this.spec, this.image, this.pod.store));
  }

  /** The pod network (DNS, Services, other pods), from the API objects; made on use, not kept. */
  get network(): ClusterNetwork {
    return new StoreNetwork(this.pod.store, this.pod.podWithIP().metadata.namespace ?? 'default', this.pod.name);
  }

  sleep(simMs: number, signal: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      if (signal.aborted) return resolve(false);
      const onAbort = () => {
        cancel();
        resolve(false);
      };
      const cancel = this.pod.clock.after(simMs, () => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  processes(): ProcessInfo[] {
    const main = this.spec.command?.length ? [...this.spec.command, ...(this.spec.args ?? [])].join(' ') : this.image.cmdline.join(' ');
    const execs = [...this.pod.execProcesses].map(([pid, command]) => ({ pid, user: 'root', command }));
    return [{ pid: 1, user: 'root', command: main }, ...execs, { pid: this.pod.nextPid(), user: 'root', command: 'ps' }];
  }

  spawn(command: string): { pid: number; exit: () => void } {
    const pid = this.pod.addProcess(command);
    return { pid, exit: () => this.pod.removeProcess(pid) };
  }
}
