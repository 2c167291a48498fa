import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startDemoCluster, type DemoCluster, type DemoClusterOptions } from '../sim/index.ts';

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** kubectl-driven suites call this first: a missing kubectl fails them, never skips them. */
export function requireKubectl(): void {
  execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
}

/** Runs kubectl with the given kubeconfig file, resolving with its exit code and output. */
export function runKubectl(args: string[], opts: { kubeconfig: string; input?: string; timeoutMs?: number; bin?: string; env?: NodeJS.ProcessEnv }): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(opts.bin ?? 'kubectl', args, { env: { ...process.env, ...opts.env, KUBECONFIG: opts.kubeconfig }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input);
  });
}

export interface KubectlCluster {
  /** A temporary folder for this file's kubeconfigs, removed after the file. */
  readonly dir: string;
  /** The kubeconfig the demo cluster wrote for itself (context `demo`). */
  readonly kubeconfig: string;
  readonly cluster: DemoCluster;
  /** Resolves once the cluster is up (for a before() that needs it). */
  ready(): Promise<DemoCluster>;
  /** kubectl against this cluster, or against `config` when given. */
  kubectl(args: string[], opts?: { config?: string; input?: string; timeoutMs?: number }): Promise<KubectlResult>;
  /** kubectl that must succeed: its stdout, or the test fails with its stderr. */
  ok(args: string[], input?: string): Promise<string>;
  /** kubectl that must be refused: its stderr, trimmed. */
  refused(args: string[], input?: string): Promise<string>;
}

/**
 * For a kubectl-driven test file: checks kubectl is there, starts a demo cluster before the
 * file's tests and closes it after them.
 */
export function demoClusterForKubectl(opts: DemoClusterOptions = {}): KubectlCluster {
  requireKubectl();
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-'));
  const kubeconfig = join(dir, 'kubeconfig');
  let cluster: DemoCluster | undefined;
  // Started once, by whichever comes first: this before() or a kubectl call. node:test has been
  // seen running a file's own before() while this one was still starting the cluster, so kubectl
  // waits for the start rather than trusting hook order (it once read a kubeconfig not yet
  // written and went to localhost:8080).
  let starting: Promise<DemoCluster> | undefined;
  const ready = (): Promise<DemoCluster> =>
    (starting ??= startDemoCluster({ port: 0, speed: 20, ...opts, writeKubeconfig: kubeconfig }).then((c) => (cluster = c)));
  before(async () => {
    await ready();
  });
  after(async () => {
    await (starting?.catch(() => undefined));
    await cluster?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const kubectl = async (args: string[], o: { config?: string; input?: string; timeoutMs?: number } = {}) => {
    await ready();
    return runKubectl(args, { kubeconfig: o.config ?? kubeconfig, input: o.input, timeoutMs: o.timeoutMs });
  };
  return {
    dir,
    kubeconfig,
    get cluster() {
      if (!cluster) throw new Error('the demo cluster starts in before()');
      return cluster;
    },
    ready,
    kubectl,
    async ok(args, input) {
      const r = await kubectl(args, { input });
      assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    },
    async refused(args, input) {
      const r = await kubectl(args, { input });
      assert.notEqual(r.code, 0, `kubectl ${args.join(' ')} should have been refused`);
      return r.stderr.trim();
    },
  };
}
