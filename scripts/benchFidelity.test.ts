/**
 * `bench/fidelity.ts` still runs end to end (a seeded demo cluster, kubectl 1.32 and the
 * Python client) and prints one line per case and the summary the closing note quotes.
 * A smoke test on a few fast cases: how many behave as Kubernetes 1.32 is not asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..');
const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/fidelity.ts', ...args], { cwd: root, timeout: 300_000 });

test('the fidelity run prints a PASS or DIFF line per case and the summary with kubectl and python counts', async () => {
  // "version" selects kubectl version, get --raw /version and the Python VersionApi case.
  const { stdout } = await run(['--only', 'version']);
  const lines = stdout.trim().split('\n');
  const summary = lines.pop() ?? '';
  const m = /^fidelity: (\d+) of (\d+) cases behave as Kubernetes 1\.32 \(kubectl (\d+)\/(\d+), python (\d+)\/(\d+)\)$/.exec(summary);
  assert.ok(m, `summary line: ${summary}`);
  const [n, total, k1, m1, p1, p2] = m.slice(1).map(Number);
  assert.ok(total > 0 && n <= total, summary);
  assert.equal(k1 + p1, n);
  assert.equal(m1 + p2, total);
  assert.ok(m1 > 0 && p2 > 0, 'both kubectl and python cases ran');
  assert.equal(lines.length, total, stdout);
  for (const line of lines) assert.match(line, /^(PASS|DIFF) {2}(kubectl|python) {2}\S/);
});

test('--list names the cases without starting a cluster', async () => {
  const { stdout } = await run(['--list']);
  const names = stdout.trim().split('\n');
  assert.ok(names.length >= 80, `${names.length} cases`);
  for (const line of names) assert.match(line, /^(kubectl|python) {2}\S/);
});
