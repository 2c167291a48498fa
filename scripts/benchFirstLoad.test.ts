/**
 * `bench/firstLoad.ts` still runs end to end (a demo cluster with load pods, the console, Debian's
 * Chromium, pod changes streaming) and prints every figure the first load is judged by, for each
 * size, the ratios between the sizes, the BFF's memory and the machine's load. A smoke test: tiny sizes, one reload,
 * two seconds of changes, no timing asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..');
const n = String.raw`\d+(?:\.\d+)?`;

/** The cells of the table row whose label starts with `label`, one per size. */
function cells(stdout: string, label: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(`| ${label}`));
  assert.ok(line, `no row "${label}" in:\n${stdout}`);
  return line.split('|').slice(2, -1).map((c) => c.trim());
}

test('the first-load benchmark prints load times, busy share, heap, change latency and live bytes per size, the ratios, the BFF memory and the load average', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/firstLoad.ts', '--pods', '20,200', '--runs', '1', '--seconds', '2'], {
    cwd: root,
    timeout: 300_000,
  });
  for (const when of ['start', 'end']) assert.match(stdout, new RegExp(`^Load average at ${when}: ${n} ${n} ${n} on \\d+ cores$`, 'm'), stdout);
  assert.match(stdout, /^\| Measure \(50 changes\/s\) \| 20 pods \| 200 pods \|$/m, stdout);
  const expected: [string, RegExp][] = [
    ['Cold load → first rows / all rows counted', new RegExp(`^${n} ms / ${n} ms$`)],
    ['Warm reload → first rows / all rows counted', new RegExp(`^${n} ms / ${n} ms$`)],
    ['Main thread busy over 2 s of churn', new RegExp(`^${n} % \\(\\d+\\)$`)],
    ['JS heap after churn', new RegExp(`^${n} MiB$`)],
    // Every change stamped in the window is counted; at least one showed (else p50 would be NaN).
    ['Change → row shows it, p50 / p95', new RegExp(`^${n} ms / ${n} ms \\(\\d+/[1-9]\\d*\\)$`)],
    ['Live snapshot', new RegExp(`^${n} B/pod$`)],
  ];
  for (const [label, shape] of expected) {
    const row = cells(stdout, label);
    assert.equal(row.length, 2, stdout);
    for (const cell of row) assert.match(cell, shape, `${label}:\n${stdout}`);
  }
  assert.match(stdout, new RegExp(`^Ratios 200 / 20 pods: cold first rows ${n}x, cold all counted ${n}x, warm first rows ${n}x, warm all counted ${n}x$`, 'm'), stdout);
  assert.match(
    stdout,
    new RegExp(`^BFF per 10,000 pods: informer cache ${n} MiB, one subscription ${n} MiB, view models if kept ${n} MiB, snapshot message ${n} MiB \\(\\d+ B/pod\\)$`, 'm'),
    stdout,
  );
});
