/**
 * One container of a pod on its node: image pull (with ErrImagePull / ImagePullBackOff),
 * create and start, the main process, exit, and restarts with CrashLoopBackOff. It keeps
 * the current and previous instance (for `logs --previous`) and the state the kubelet
 * reports in containerStatuses.
 */
import { randomBytes } from 'node:crypto';
import { rfc3339 } from '../../kube/object.ts';
import { Timers, type Clock, type EventType } from '../context.ts';
import type { ContainerSpec } from './containerFs.ts';
import { imageDigest, parseImageRef, pullErrorMessage, resolveImage, type ImageDef } from './images.ts';
import { LogBuffer } from './logs.ts';
import { startMainProcess, type Exit, type MainIO } from './mainProcess.ts';
import { ContainerProbes, type ProbeKind } from './probes.ts';
import type { ShellHost } from './shell/io.ts';

export interface ContainerInstance {
  id: string;
  startedAt: Date;
  finishedAt?: Date;
  exit?: Exit;
  log: LogBuffer;
  stop: AbortController;
  main?: MainIO;
  /** What processes in this instance see (files persist across exec sessions). */
  host?: ShellHost;
}

export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: { exitCode: number; reason: string; message?: string; startedAt: string; finishedAt: string; containerID: string } };

const MAX_BACKOFF_MS = 300_000;
const BASE_BACKOFF_MS = 10_000;

/**
 * What a container asks of its pod (podLifecycle.ts's PodRuntime): the pod owns the
 * containers, so they see it through this interface rather than importing it.
 */
export interface ContainerPod {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly clock: Clock;
  readonly hasInitContainers: boolean;
  readonly podIP: string;
  /** What listens on this port of the pod's network namespace, if anything. */
  serves(port: number): 'http' | 'tcp' | undefined;
  /** Status needs writing again. */
  changed(): void;
  event(type: EventType, reason: string, message: string): void;
  imagePresent(image: string): boolean;
  markImagePresent(image: string): void;
  hostFor(container: ContainerRuntime, instance: ContainerInstance): ShellHost;
  containerExited(container: ContainerRuntime): void;
}

export class ContainerRuntime {
  state: ContainerState;
  restartCount = 0;
  lastState: ContainerState | Record<string, never> = {};
  ready = false;
  current?: ContainerInstance;
  previous?: ContainerInstance;
  readonly image: ImageDef | undefined;
  private pullBackoffMs = 0;
  private crashBackoffMs = 0;
  private readonly timers: Timers;
  private stopped = false;
  private probes?: ContainerProbes;

  constructor(
    private readonly pod: ContainerPod,
    readonly spec: ContainerSpec,
    readonly init: boolean,
    /** An ephemeral (debug) container: no probes, never ready, never restarted. */
    readonly ephemeral = false,
  ) {
    this.image = resolveImage(String(spec.image ?? ''));
    this.timers = new Timers(pod.clock);
    this.state = { waiting: { reason: pod.hasInitContainers && !init && !ephemeral ? 'PodInitializing' : 'ContainerCreating' } };
  }

  get name(): string {
    return this.spec.name;
  }

  get imageName(): string {
    return String(this.spec.image ?? '');
  }

  get running(): boolean {
    return 'running' in this.state;
  }

  get terminated(): boolean {
    return 'terminated' in this.state;
  }

  /** Exited with this code and will not be restarted (or not yet decided). */
  get exitCode(): number | undefined {
    return 'terminated' in this.state ? this.state.terminated.exitCode : undefined;
  }

  start(): void {
    if (this.stopped) return;
    this.state = { waiting: { reason: 'ContainerCreating' } };
    this.pod.changed();
    this.pull();
  }

  private after(simMs: number, fn: () => void): void {
    this.timers.after(simMs, fn);
  }

  private pull(): void {
    const image = this.imageName;
    const policy = this.spec.imagePullPolicy ?? (parseImageRef(image).tag === 'latest' ? 'Always' : 'IfNotPresent');
    if (this.image && policy !== 'Always' && this.pod.imagePresent(image)) {
      this.pod.event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
      this.after(200, () => this.create());
      return;
    }
    this.pod.event('Normal', 'Pulling', `Pulling image "${image}"`);
    const pullMs = this.image?.pullMs ?? 1000;
    this.after(pullMs, () => {
      if (!this.image) {
        this.pullFailed();
        return;
      }
      this.pod.markImagePresent(image);
      const secs = (pullMs / 1000).toFixed(3).replace(/\.?0+$/, '');
      this.pod.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${secs}s (${secs}s including waiting). Image size: ${this.image.sizeBytes} bytes.`);
      this.pullBackoffMs = 0;
      this.create();
    });
  }

  private pullFailed(): void {
    const image = this.imageName;
    const message = pullErrorMessage(image);
    this.pod.event('Warning', 'Failed', message);
    this.pod.event('Warning', 'Failed', 'Error: ErrImagePull');
    this.state = { waiting: { reason: 'ErrImagePull', message } };
    this.pod.changed();
    this.pullBackoffMs = Math.min(MAX_BACKOFF_MS, this.pullBackoffMs ? this.pullBackoffMs * 2 : BASE_BACKOFF_MS);
    // The next sync finds the image in back-off.
    this.after(1000, () => {
      this.pod.event('Normal', 'BackOff', `Back-off pulling image "${image}"`);
      this.pod.event('Warning', 'Failed', 'Error: ImagePullBackOff');
      this.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } };
      this.pod.changed();
      this.after(this.pullBackoffMs, () => this.pull());
    });
  }

  private create(): void {
    const image = this.image;
    if (!image) return;
    this.pod.event('Normal', 'Created', `Created container: ${this.name}`);
    const instance: ContainerInstance = { id: randomBytes(32).toString('hex'), startedAt: new Date(), log: new LogBuffer(), stop: new AbortController() };
    if (this.current) this.previous = this.current;
    this.current = instance;
    this.pod.event('Normal', 'Started', `Started container ${this.name}`);
    this.state = { running: { startedAt: rfc3339(instance.startedAt) } };
    this.ready = false;
    this.pod.changed();
    const host: ShellHost = this.pod.hostFor(this, instance);
    instance.main = startMainProcess({
      spec: this.spec,
      image,
      host,
      log: instance.log,
      clock: this.pod.clock,
      podName: this.pod.name,
      seed: seedOf(this.pod.uid + this.name),
      memoryLimitBytes: memoryBytes(this.spec.resources?.limits?.memory),
      signal: instance.stop.signal,
      onExit: (exit) => this.exited(instance, exit),
    });
    if (!this.init && !this.ephemeral) this.startProbes(instance);
  }

  /** Probe workers for this instance; without probes the container is ready once running. */
  private startProbes(instance: ContainerInstance): void {
    this.probes?.stop();
    this.probes = undefined;
    const spec = this.spec;
    if (!spec.readinessProbe && !spec.livenessProbe && !spec.startupProbe) {
      this.ready = true;
      this.pod.changed();
      return;
    }
    const live = () => this.current === instance && this.running;
    const probes = new ContainerProbes({
      clock: this.pod.clock,
      podIP: this.pod.podIP,
      spec,
      served: (port) => this.pod.serves(port),
      host: () => (live() ? this.pod.hostFor(this, instance) : undefined),
      unhealthy: (kind, output) => live() && this.pod.event('Warning', 'Unhealthy', `${kind} probe failed: ${output}`),
      result: (kind, ok) => {
        if (!live()) return;
        if (kind === 'Readiness') this.ready = ok;
        else if (kind === 'Startup' && ok && !spec.readinessProbe) this.ready = true;
        if (!ok && kind !== 'Readiness') return this.failedProbe(kind, instance);
        this.pod.changed();
      },
    });
    this.probes = probes;
    // Without a readiness probe a container is ready once started (the startup probe, if any, passed).
    if (!spec.readinessProbe && !spec.startupProbe) {
      this.ready = true;
      this.pod.changed();
    }
    probes.start();
  }

  /** Liveness or startup failed: the kubelet kills the container (SIGKILL, 137) and restarts it per restartPolicy. */
  private failedProbe(kind: ProbeKind, instance: ContainerInstance): void {
    this.pod.event('Normal', 'Killing', `Container ${this.name} failed ${kind.toLowerCase()} probe, will be restarted`);
    instance.stop.abort();
    this.exited(instance, { code: 137, reason: 'Error' });
  }

  private exited(instance: ContainerInstance, exit: Exit): void {
    if (this.current !== instance || instance.exit) return;
    instance.exit = exit;
    instance.finishedAt = new Date();
    instance.log.end();
    this.ready = false;
    this.probes?.stop();
    this.state = {
      terminated: {
        exitCode: exit.code,
        reason: exit.reason,
        ...(exit.message ? { message: exit.message } : {}),
        startedAt: rfc3339(instance.startedAt),
        finishedAt: rfc3339(instance.finishedAt),
        containerID: `containerd://${instance.id}`,
      },
    };
    if (exit.reason === 'StartError') this.pod.event('Warning', 'Failed', `Error: ${exit.message}`);
    this.pod.changed();
    this.pod.containerExited(this);
  }

  /** Restart after the crash back-off (immediately the first time, then 10s, 20s, ... 300s). */
  restart(): void {
    const delay = this.crashBackoffMs;
    this.crashBackoffMs = Math.min(MAX_BACKOFF_MS, this.crashBackoffMs ? this.crashBackoffMs * 2 : BASE_BACKOFF_MS);
    const terminated = this.state;
    const go = () => {
      this.lastState = terminated;
      this.restartCount++;
      this.pull();
    };
    if (delay === 0) {
      this.after(100, go);
      return;
    }
    const podRef = `${this.pod.name}_${this.pod.namespace}(${this.pod.uid})`;
    this.pod.event('Warning', 'BackOff', `Back-off restarting failed container ${this.name} in pod ${podRef}`);
    // The status keeps the last termination while waiting; kubelet shows it as lastState.
    this.lastState = terminated;
    this.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${delay / 1000}s restarting failed container=${this.name} pod=${podRef}` } };
    this.pod.changed();
    this.after(delay, () => {
      this.restartCount++;
      this.pull();
    });
  }

  /** Stop the container for good (pod deletion or deadline): terminated, no restart. */
  kill(exitCode?: number): void {
    this.timers.stop();
    this.probes?.stop();
    const inst = this.current;
    if (this.running && inst && !inst.exit) {
      const code = exitCode ?? (this.spec.command?.length ? 137 : 0);
      const exit: Exit = { code, reason: code === 0 ? 'Completed' : 'Error' };
      inst.stop.abort();
      inst.exit = exit;
      inst.finishedAt = new Date();
      inst.log.end();
      this.state = { terminated: { exitCode: code, reason: exit.reason, startedAt: rfc3339(inst.startedAt), finishedAt: rfc3339(inst.finishedAt), containerID: `containerd://${inst.id}` } };
    }
    this.ready = false;
    this.stopped = true;
  }

  dispose(): void {
    this.kill();
    this.current?.log.end();
  }

  status(): Record<string, unknown> {
    const image = this.imageName;
    const inst = this.current;
    const s: Record<string, unknown> = {
      name: this.name,
      state: this.state,
      lastState: this.lastState,
      ready: this.ready,
      restartCount: this.restartCount,
      image: this.image ? parseImageRef(image).qualified : image,
      imageID: this.image && inst ? imageDigest(image) : '',
    };
    // The prober sets `started` for app and init containers only; an ephemeral one has none.
    if (!this.ephemeral) s.started = this.running && (this.probes?.hasStarted ?? true);
    if (inst) s.containerID = `containerd://${inst.id}`;
    return s;
  }
}

export function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const UNITS: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, '': 1 };

export function memoryBytes(q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(String(q));
  if (!m) return undefined;
  return Number(m[1]) * (UNITS[m[2]] ?? 1);
}

export function cpuMillis(q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  const s = String(q);
  if (s.endsWith('m')) return Number(s.slice(0, -1));
  return Number(s) * 1000;
}
