/**
 * Test support: a script for the official Python client (Debian's python3-kubernetes) against
 * a kubeconfig. The client differs from kubectl and client-node in details (booleans spelt
 * `True` in query strings, its own stream handling), so the demo cluster is tried with it too.
 */
import { spawn } from 'node:child_process';

/**
 * Runs `lines` after a prelude that imports json, sys and kubernetes and loads the kubeconfig
 * (the client's CoreV1Api is `v1`); resolves with stdout, rejects with stderr on a non-zero exit.
 */
export function runPython(kubeconfig: string, lines: string[]): Promise<string> {
  const script = ['import json, sys, kubernetes', 'kubernetes.config.load_kube_config(config_file=sys.argv[1])', 'v1 = kubernetes.client.CoreV1Api()', ...lines].join('\n');
  return new Promise<string>((resolve, reject) => {
    const py = spawn('/usr/bin/python3', ['-c', script, kubeconfig]);
    let stdout = '';
    let stderr = '';
    py.stdout.on('data', (c: Buffer) => (stdout += c));
    py.stderr.on('data', (c: Buffer) => (stderr += c));
    py.on('error', reject);
    py.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`python exited ${code}: ${stderr}`))));
  });
}
