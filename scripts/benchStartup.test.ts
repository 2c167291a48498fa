/**
 * `bench/startup.ts` still runs end to end (`npm start` on the demo cluster until /readyz
 * answers 200) and prints its line. A smoke test: one run, no timing asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBuilt } from '../web/e2e/harness.ts';

const root = join(import.meta.dirname, '..');

test('the start-up benchmark starts the console and prints the median, min and max', async () => {
  await ensureBuilt();
  const command = `${process.execPath} --import tsx scripts/start.ts`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/startup.ts', '--runs', '1', '--command', command], {
    cwd: root,
    timeout: 120_000,
    env: { ...process.env, KUBECONFIG: '/nonexistent' },
  });
  assert.match(stdout, /spawn → \/readyz 200 over 1 runs: median \d+\.\d\d s, min \d+\.\d\d s, max \d+\.\d\d s; load [\d. ]+$/m, stdout);
});
