/**
 * The console under a seeded fuzzer (Hardening item 6): a few thousand hostile requests to every
 * /api route, the /k8s proxy and the /api/live channel, against a console process and a demo
 * cluster whose `victim` namespace must come out untouched. Every failure is listed, grouped by
 * cause with one reproduction each; `FUZZ_SEED=<n> npm test -- server/testing/fuzz` replays a run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFuzz } from './fuzzRun.ts';
import { seedFrom } from './prng.ts';

const seed = seedFrom(process.env.FUZZ_SEED);

test(`hostile input to the console is refused cleanly and writes only what it names (FUZZ_SEED=${seed})`, { timeout: 4 * 60_000 }, async () => {
  console.log(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed})`);
  const run = await runFuzz(seed, (line) => console.log(line));
  const total = Object.values(run.cases).reduce((a, b) => a + b, 0);
  console.log(`fuzz: ${total} cases (${Object.entries(run.cases).map(([k, v]) => `${k} ${v}`).join(', ')}) in ${(run.ms / 1000).toFixed(1)} s, seed ${seed}`);
  const report = run.findings.report();
  if (report) console.log(report);
  assert.equal(run.findings.size, 0, `${run.findings.size} failure groups (seed ${seed}):\n${report}`);
});
