/**
 * The one test command: unit, integration (real HTTP against the demo cluster) and
 * browser suites, every `*.test.ts` under server/, web/ and deploy/. Ends with
 * `N passed, N failed` for the whole run.
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
  } catch {
    return [];
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
const failures: string[] = [];

const stream = run({
  files,
  concurrency: Number(process.env.TEST_CONCURRENCY ?? 2),
  timeout: 5 * 60_000,
});

stream.on('test:pass', (t) => {
  if (t.details.type !== 'suite') passed++;
});
stream.on('test:fail', (t) => {
  if (t.details.type === 'suite') return;
  failed++;
  failures.push(`${t.file ? relative(root, t.file) + ': ' : ''}${t.name}`);
});

stream.compose(new spec()).pipe(process.stdout);

stream.on('end', () => {
  // Let the spec reporter flush before the summary.
  setImmediate(() => {
    if (failures.length) {
      console.log('\nFailed:');
      for (const f of failures) console.log(`  ✖ ${f}`);
    }
    console.log(`\n${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
});
