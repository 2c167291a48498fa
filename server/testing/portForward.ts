/** Test support: `kubectl port-forward` in the background, for as long as a test needs it. */
import { spawn } from 'node:child_process';

export interface RunningPortForward {
  /** The local port kubectl listens on. */
  port: number;
  /** Everything kubectl printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `kubectl port-forward ARGS` (give `:REMOTE` so kubectl picks a free local port) and
 * resolves once it prints where it forwards from; rejects with its output if it exits first.
 */
export function startPortForward(args: string[], opts: { kubeconfig: string; bin?: string; env?: NodeJS.ProcessEnv }): Promise<RunningPortForward> {
  const child = spawn(opts.bin ?? 'kubectl', ['port-forward', '--address', '127.0.0.1', ...args], {
    env: { ...process.env, ...opts.env, KUBECONFIG: opts.kubeconfig },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c;
      const m = /Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(out);
      if (m) resolve({ port: Number(m[1]), output: () => out, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    void exited.then(() => reject(new Error(`kubectl port-forward exited (${child.exitCode}): ${out}`)));
  });
}
