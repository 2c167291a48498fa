/**
 * `bench/proxy.ts` still runs end to end (the demo cluster, kubectl proxy and the console in
 * their own processes) and prints its table and the ratios the proxy is judged by. A smoke
 * test: tiny scale, a few runs, no timing asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..');

test('the proxy benchmark prints p50 and p90 for each target and the ratios between them', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/proxy.ts', '--scale', '20', '--runs', '2'], { cwd: root, timeout: 180_000 });
  for (const target of ['API server directly', 'kubectl proxy', 'console /k8s/demo']) {
    assert.match(stdout, new RegExp(`^${target} +\\d+\\.\\d+ / \\d+\\.\\d+ +\\d+\\.\\d / \\d+\\.\\d +\\d+\\.\\d / \\d+\\.\\d$`, 'm'), stdout);
  }
  for (const q of ['p50', 'p90']) {
    for (const pair of ['console / direct', 'console / kubectl proxy', 'kubectl proxy / direct']) {
      assert.match(stdout, new RegExp(`^${q} ${pair}: \\d+\\.\\d\\dx one pod, \\d+\\.\\d\\dx list, \\d+\\.\\d\\dx Table$`, 'm'), stdout);
    }
  }
});
