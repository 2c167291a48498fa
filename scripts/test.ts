/**
 * The one test command: unit, integration (real HTTP against the demo cluster) and
 * browser suites, every `*.test.ts` under server/, web/, deploy/ and scripts/. Ends with
 * `N passed, N failed` for the whole run, followed by `, N skipped` when tests were
 * skipped or marked todo. A failing hook, a suite that cannot be set up, and a file
 * that fails to load or exits with an error are failures too, so they fail the run.
 *
 *   npm test                     everything
 *   npm test -- server/sim       only files whose path contains one of the arguments
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const ROOTS = ['server', 'web', 'deploy', 'scripts'];
const root = process.cwd();

function findTests(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (entry.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = ROOTS.flatMap((r) => {
  try {
    return findTests(join(root, r), []);
  } catch (err) {
    // Not every checkout has every root (deploy/ is optional); anything else is a real problem.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
})
  .filter((f) => filters.length === 0 || filters.some((flt) => relative(root, f).includes(flt)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || '(all)'}`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

const stream = run({
  files,
  concurrency: Number(process.env.TEST_CONCURRENCY ?? 2),
  timeout: 5 * 60_000,
});

const marked = (flag: string | boolean | undefined) => flag !== undefined && flag !== false;

stream.on('test:pass', (t) => {
  // A file reports itself (named by its path) as passing when it reported no tests (none
  // declared, or it exited with code 0 before reporting them): no test passed.
  if (t.name === t.file) return;
  if (t.details.type === 'suite') {
    // A skipped suite's tests are never reported, so the suite stands for them; a todo
    // suite's tests run and are counted one by one.
    if (marked(t.skip)) skipped++;
    return;
  }
  if (marked(t.skip) || marked(t.todo)) skipped++;
  else passed++;
});

stream.on('test:fail', (t) => {
  // node:test's reason (hookFailed, subtestsFailed, cancelledByParent, testCodeFailure,
  // testTimeoutFailure, ...) rides on the error; @types/node does not declare it.
  const error = t.details.error as Error & { failureType?: string };
  if (t.details.type === 'suite') {
    // A suite fails with its tests (counted themselves) or with its parent (counted
    // there); its own failures are a hook, its body throwing, or its timeout.
    if (error.failureType === 'subtestsFailed' || error.failureType === 'cancelledByParent') return;
  } else if (marked(t.todo)) {
    // A todo test may fail without failing the run, as node:test itself decides.
    skipped++;
    return;
  }
  failed++;
  const file = t.file ? relative(root, t.file) : undefined;
  // A file-level failure (it did not load, exited with an error, or a file-level hook
  // failed) is reported under the file's own path.
  const what = t.name === t.file ? 'the file itself' : t.name;
  const why = error.failureType === 'hookFailed' || t.name === t.file ? ` — ${error.message}` : '';
  failures.push(`${file ? file + ': ' : ''}${what}${why}`);
});

stream.compose(new spec()).pipe(process.stdout);

stream.on('end', () => {
  // Let the spec reporter flush before the summary.
  setImmediate(() => {
    if (failures.length) {
      console.log('\nFailed:');
      for (const f of failures) console.log(`  ✖ ${f}`);
    }
    console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
});
