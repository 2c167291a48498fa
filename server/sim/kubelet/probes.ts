/**
 * The kubelet's probe workers (pkg/kubelet/prober/worker.go and prober.go): one worker per
 * container instance and probe kind. A worker ticks every periodSeconds from the start of the
 * container, skips ticks within initialDelaySeconds, keeps liveness and readiness off until
 * the startup probe passed, and flips its result only after failureThreshold failures or
 * successThreshold successes in a row. A failed liveness or startup result puts the worker on
 * hold (the container is killed and restarted); every failed probe records an Unhealthy event
 * "<Kind> probe failed: <output>" as the kubelet does.
 *
 * What "listening" means here: a container serves the ports of its image's own server (nginx
 * 80, the shop api 8080, postgres 5432, ...) when it runs the image's default process; a pod
 * spec command replaces that process, so nothing listens. HTTP servers answer every path
 * with 200 (the sim has no routes) except nginx, which serves the files under its html root
 * and 404 for the rest; a port nothing serves is "connection refused".
 */
import { Timers, type Clock } from '../context.ts';
import type { ContainerSpec } from './containerFs.ts';
import { StdinQueue, StringWriter, type ShellHost } from './shell/io.ts';
import { runContainerProcess } from './containerProcess.ts';

export type ProbeKind = 'Liveness' | 'Readiness' | 'Startup';

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- a probe is wire JSON from the pod spec */
type Probe = any;

type ServedProtocol = 'http' | 'tcp';

/** Ports each image's default process listens on. */
const IMAGE_PORTS: Record<string, Record<number, ServedProtocol>> = {
  nginx: { 80: 'http' },
  'demo.registry/shop/frontend': { 80: 'http' },
  'demo.registry/shop/api': { 8080: 'http' },
  postgres: { 5432: 'tcp' },
  redis: { 6379: 'tcp' },
  'registry.k8s.io/coredns/coredns': { 53: 'tcp', 8080: 'http', 8181: 'http', 9153: 'http' },
  'fluent/fluent-bit': { 2020: 'http' },
};

/** What a probe needs to know about its pod and container. */
export interface ProbeTarget {
  readonly clock: Clock;
  readonly podIP: string;
  readonly spec: ContainerSpec;
  /** Ports served by any container of the pod (they share the network namespace). */
  served(port: number): ServedProtocol | undefined;
  host(): ShellHost | undefined;
  unhealthy(kind: ProbeKind, output: string): void;
  /** The result of a worker changed (after its thresholds). */
  result(kind: ProbeKind, ok: boolean): void;
}

/** The ports a container's main process listens on. */
export function servedPorts(spec: ContainerSpec, repository: string | undefined): Record<number, ServedProtocol> {
  if (spec.command?.length || !repository) return {};
  return IMAGE_PORTS[repository] ?? {};
}

/**
 * Whether the probed container's nginx has a page at `path` (its root is /usr/share/nginx/html,
 * a directory serves its index.html). Other servers, and ports of the pod's other
 * containers, answer every path.
 */
function nginxHasPage(host: ShellHost | undefined, port: number, path: string): boolean {
  if (!host || host.image.repository !== 'nginx' || port !== 80) return true;
  const local = decodeURIComponent(path.split('?')[0] || '/');
  const file = `/usr/share/nginx/html${local.endsWith('/') ? `${local}index.html` : local}`;
  if (host.vfs.isDir(file)) return host.vfs.exists(`${file}/index.html`) && !host.vfs.isDir(`${file}/index.html`);
  return host.vfs.exists(file);
}

/** The workers of one container instance; stop() when the instance ends. */
export class ContainerProbes {
  private readonly timers: Timers;
  private started: boolean;
  private readonly onHold = new Set<ProbeKind>();

  constructor(private readonly target: ProbeTarget) {
    this.timers = new Timers(target.clock);
    this.started = !target.spec.startupProbe;
  }

  get hasStarted(): boolean {
    return this.started;
  }

  start(): void {
    const spec = this.target.spec;
    const probes: [ProbeKind, Probe][] = [['Startup', spec.startupProbe], ['Liveness', spec.livenessProbe], ['Readiness', spec.readinessProbe]];
    for (const [kind, probe] of probes) if (probe) this.worker(kind, probe);
  }

  stop(): void {
    this.timers.stop();
  }

  /** Startup passed: liveness and readiness begin (worker.go: they wait for Started). */
  private markStarted(): void {
    this.started = true;
  }

  private worker(kind: ProbeKind, probe: Probe): void {
    const periodMs = (probe.periodSeconds ?? 10) * 1000;
    const delayMs = (probe.initialDelaySeconds ?? 0) * 1000;
    const failureThreshold = probe.failureThreshold ?? 3;
    const successThreshold = probe.successThreshold ?? 1;
    let elapsed = 0;
    let last: boolean | undefined;
    let run = 0;
    let busy = false;
    const tick = async () => {
      if (elapsed < delayMs || busy || this.onHold.has(kind)) return;
      if (kind === 'Startup' ? this.started : !this.started) return;
      busy = true;
      const outcome = await this.probeOnce(probe);
      busy = false;
      if (this.onHold.has(kind)) return;
      if (!outcome.ok) this.target.unhealthy(kind, outcome.output);
      if (outcome.ok === last) run++;
      else {
        last = outcome.ok;
        run = 1;
      }
      if ((!outcome.ok && run < failureThreshold) || (outcome.ok && run < successThreshold)) return;
      if (kind === 'Startup' && outcome.ok) this.markStarted();
      if (kind !== 'Readiness' && !outcome.ok) {
        this.onHold.add(kind);
        run = 0;
      }
      this.target.result(kind, outcome.ok);
    };
    const loop = () => {
      void tick().catch((err) => console.error('[sim] kubelet: probe failed to run', err));
      elapsed += periodMs;
      this.timers.after(periodMs, loop);
    };
    loop();
  }

  private async probeOnce(probe: Probe): Promise<{ ok: boolean; output: string }> {
    const t = this.target;
    const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
    if (probe.exec) {
      const host = t.host();
      const argv: string[] = probe.exec.command ?? [];
      if (!host) return { ok: false, output: '' };
      const out = new StringWriter();
      const abort = new AbortController();
      let timedOut = false;
      const cancel = t.clock.after(timeoutMs, () => {
        timedOut = true;
        abort.abort();
      });
      try {
        const r = await runContainerProcess(argv, host, { stdin: new StdinQueue(undefined, true), stdout: out, stderr: out, signal: abort.signal });
        if (timedOut) return { ok: false, output: `command "${argv.join(' ')}" timed out` };
        if ('notFound' in r) return { ok: false, output: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${r.notFound}": executable file not found in $PATH: unknown` };
        return { ok: r.code === 0, output: out.text };
      } finally {
        cancel();
      }
    }
    const portOf = (p: unknown): number => {
      if (typeof p === 'number') return p;
      const named = (t.spec.ports as { name?: string; containerPort: number }[] | undefined)?.find((x) => x.name === p);
      return named?.containerPort ?? Number(p);
    };
    if (probe.httpGet) {
      const port = portOf(probe.httpGet.port);
      const host = probe.httpGet.host || t.podIP;
      const scheme = String(probe.httpGet.scheme ?? 'HTTP').toLowerCase();
      const url = `${scheme}://${host}:${port}${probe.httpGet.path ?? ''}`;
      const served = t.served(port);
      if (!served) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
      if (served !== 'http') return { ok: false, output: `Get "${url}": EOF` };
      if (scheme === 'https') return { ok: false, output: `Get "${url}": http: server gave HTTP response to HTTPS client` };
      // The kubelet counts 200-399 as success; nginx answers a path it has no file for with 404.
      if (!nginxHasPage(t.host(), port, String(probe.httpGet.path ?? '/'))) return { ok: false, output: 'HTTP probe failed with statuscode: 404' };
      return { ok: true, output: '' };
    }
    if (probe.tcpSocket) {
      const port = portOf(probe.tcpSocket.port);
      const host = probe.tcpSocket.host || t.podIP;
      return t.served(port) ? { ok: true, output: '' } : { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
    }
    if (probe.grpc) {
      const addr = `${t.podIP}:${probe.grpc.port}`;
      return t.served(probe.grpc.port) ? { ok: true, output: '' } : { ok: false, output: `timeout: failed to connect service "${addr}" within ${timeoutMs / 1000}s: context deadline exceeded` };
    }
    return { ok: true, output: '' };
  }
}
