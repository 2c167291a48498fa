/**
 * `bench/soak.ts` in its short form: watches of mixed kinds and exec sessions held through the
 * console's proxy and through kubectl proxy against the demo cluster with churn. A smoke test:
 * no timing asserted, but no errors allowed, and events and exec round trips must flow.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..');

test('watches and exec sessions held through the console and kubectl proxy see events and echoes with no errors', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/soak.ts', '--seconds', '3', '--watches', '20', '--execs', '2'], { cwd: root, timeout: 180_000 });
  for (const target of ['console /k8s/demo', 'kubectl proxy']) {
    const line = new RegExp(`^${target} +errors +(\\d+) +events +(\\d+) +rewatches +\\d+ +exec round trips +(\\d+) +RSS MiB start/middle/end \\d+ / \\d+ / \\d+$`, 'm').exec(stdout);
    assert.ok(line, `no line for ${target} in:\n${stdout}`);
    const [, errors, events, roundTrips] = line.map(Number);
    assert.equal(errors, 0, stdout);
    // Churn changes pods every second; each exec session echoes every 100 ms.
    assert.ok(events > 0, stdout);
    assert.ok(roundTrips > 0, stdout);
  }
});
