/**
 * What a fidelity case sees: kubectl 1.32 and the official Python client (python3-kubernetes
 * 22.6) against one kubeconfig, and the outcome shape each case returns.
 */
import { spawn } from 'node:child_process';

export interface Outcome {
  ok: boolean;
  /** What the cluster did, shortened, when it was not what Kubernetes 1.32 does. */
  observed?: string;
  expected?: string;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Case {
  area: 'kubectl' | 'python';
  name: string;
  run(h: Harness): Promise<Outcome>;
}

/** The namespace every case's own objects live in (the seed's namespaces are only read). */
export const NS = 'fidelity';

export interface Harness {
  kubeconfig: string;
  dir: string;
  /** kubectl with the kubeconfig; `until` ends a long-running command once its output says enough. */
  kubectl(args: string[], opts?: { input?: string; timeoutMs?: number; until?: (stdout: string) => boolean; env?: NodeJS.ProcessEnv }): Promise<Run>;
  /** A long-running kubectl (port-forward): its output so far, and a stop that kills it. */
  background(args: string[]): { output(): string; stop(): void };
  /** A Python script after a prelude: json, sys, time, kubernetes loaded, `v1` the CoreV1Api, `apps` the AppsV1Api. */
  python(lines: string[], timeoutMs?: number): Promise<Run>;
}

const oneLine = (s: string, max = 160) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

function spawnRun(bin: string, args: string[], env: NodeJS.ProcessEnv, input: string | undefined, timeoutMs: number, until?: (stdout: string) => boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stopped = false;
    const stop = () => {
      if (!stopped) {
        stopped = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
      if (until?.(stdout)) stop();
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const timer = setTimeout(stop, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: stopped && until?.(stdout) ? 0 : code, stdout, stderr: stopped && !until?.(stdout) ? `${stderr}(killed after ${timeoutMs} ms)` : stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

export function createHarness(kubeconfig: string, dir: string): Harness {
  const prelude = [
    'import json, sys, time, kubernetes',
    'kubernetes.config.load_kube_config(config_file=sys.argv[1])',
    'v1 = kubernetes.client.CoreV1Api()',
    'apps = kubernetes.client.AppsV1Api()',
    'from kubernetes.client.rest import ApiException',
  ];
  return {
    kubeconfig,
    dir,
    kubectl: (args, opts = {}) => spawnRun('/usr/bin/kubectl', args, { ...opts.env, KUBECONFIG: kubeconfig }, opts.input, opts.timeoutMs ?? 60_000, opts.until),
    background: (args) => {
      const child = spawn('/usr/bin/kubectl', args, { env: { ...process.env, KUBECONFIG: kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c));
      child.stderr.on('data', (c: Buffer) => (out += c));
      return { output: () => out, stop: () => child.kill('SIGKILL') };
    },
    python: (lines, timeoutMs = 60_000) => spawnRun('/usr/bin/python3', ['-c', [...prelude, ...lines].join('\n'), kubeconfig], {}, undefined, timeoutMs),
  };
}

/** The output line a `^word…` pattern was after (that row as it is), else the output's start. */
function nearest(stdout: string, p: RegExp | string): string {
  const word = typeof p === 'string' ? undefined : /^\^([\w.:/-]{3,})/.exec(p.source)?.[1]?.replace(/\\/g, '');
  const line = word && stdout.split('\n').find((l) => l.startsWith(word));
  return oneLine(line || stdout) || '(no output)';
}

/** Exit code 0 and every pattern found in stdout (a string is a substring). */
export function succeeds(r: Run, ...patterns: (RegExp | string)[]): Outcome {
  if (r.code !== 0) return { ok: false, observed: `exit ${r.code}: ${oneLine(r.stderr || r.stdout)}`, expected: 'exit 0' };
  for (const p of patterns) {
    const hit = typeof p === 'string' ? r.stdout.includes(p) : p.test(r.stdout);
    if (!hit) return { ok: false, observed: r.stdout ? nearest(r.stdout, p) : `no stdout; stderr: ${oneLine(r.stderr)}`, expected: String(p) };
  }
  return { ok: true };
}

/** A non-zero exit (exactly `code` when given) whose stderr matches. */
export function fails(r: Run, pattern: RegExp, code?: number): Outcome {
  if (r.code === 0 || (code !== undefined && r.code !== code)) return { ok: false, observed: `exit ${r.code}: ${oneLine(r.stdout || r.stderr)}`, expected: `exit ${code ?? 'non-zero'}, ${pattern}` };
  if (!pattern.test(r.stderr)) return { ok: false, observed: oneLine(r.stderr) || '(no stderr)', expected: String(pattern) };
  return { ok: true };
}

/** Both outcomes must hold; the first that does not is the reported one. */
export function all(...outcomes: Outcome[]): Outcome {
  return outcomes.find((o) => !o.ok) ?? { ok: true };
}

export function check(ok: boolean, observed: string, expected: string): Outcome {
  return ok ? { ok } : { ok, observed: oneLine(observed), expected };
}

/** Polls `probe` until it holds or `timeoutMs` passes (a bounded poll, never a fixed sleep). */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 250): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
