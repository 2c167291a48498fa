import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The one test command run on small fixture files: what it counts and how it exits.
const runner = fileURLToPath(new URL('./test.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface RunResult {
  code: number | null;
  /** The last line, `N passed, N failed` and maybe `, N skipped`. */
  summary: string;
  output: string;
}

/** Writes `files` under server/ in a fresh folder and runs `npm test` there. */
async function runTests(files: Record<string, string>): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'test-runner-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    for (const [name, text] of Object.entries(files)) {
      const path = join(dir, 'server', name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    const env = { ...process.env };
    // This file runs as a node:test worker; the runner under test must not think it is one too.
    delete env.NODE_TEST_CONTEXT;
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', tsx, runner], { cwd: dir, env });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d));
      child.stderr.on('data', (d: Buffer) => (output += d));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, output }));
    });
    const summary = output.trimEnd().split('\n').at(-1) ?? '';
    assert.match(summary, /^\d+ passed, \d+ failed(, \d+ skipped)?$/, output);
    return { code, summary, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a passing and a failing test are one each, and the failure makes the exit code non-zero', async () => {
  const r = await runTests({
    'pair.test.ts': `import { test } from 'node:test';
test('works', () => {});
test('breaks', () => { throw new Error('broken'); });
`,
  });
  assert.equal(r.summary, '1 passed, 1 failed', r.output);
  assert.equal(r.code, 1);
});

test('skipped and todo tests are counted as skipped, not as passed', async () => {
  const r = await runTests({
    'skips.test.ts': `import { describe, it, test } from 'node:test';
test('runs', () => {});
test('skipped', { skip: 'not on this platform' }, () => {});
test.todo('written later');
test('todo whose body still fails', { todo: true }, () => { throw new Error('not yet'); });
describe.skip('a skipped suite', () => { it('never runs', () => {}); });
`,
  });
  assert.equal(r.summary, '1 passed, 0 failed, 4 skipped', r.output);
  assert.equal(r.code, 0);
});

test('an after hook failing inside a describe fails the run', async () => {
  const r = await runTests({
    'cleanup.test.ts': `import { after, describe, it } from 'node:test';
describe('a suite with broken cleanup', () => {
  after(() => { throw new Error('cleanup broke'); });
  it('passes', () => {});
});
`,
  });
  assert.equal(r.summary, '1 passed, 1 failed', r.output);
  assert.equal(r.code, 1);
  assert.match(r.output, /server\/cleanup\.test\.ts: a suite with broken cleanup — failed running after hook/);
});

test('every kind of hook failing, at file level or in a describe, is listed as a failure', async () => {
  const files: Record<string, string> = {};
  for (const hook of ['before', 'after', 'beforeEach', 'afterEach']) {
    files[`file-${hook}.test.ts`] = `import { ${hook}, test } from 'node:test';
${hook}(() => { throw new Error('${hook} broke'); });
test('passes', () => {});
`;
    files[`describe-${hook}.test.ts`] = `import { ${hook}, describe, it } from 'node:test';
describe('suite', () => {
  ${hook}(() => { throw new Error('${hook} broke'); });
  it('passes', () => {});
});
`;
  }
  const r = await runTests(files);
  assert.equal(r.code, 1);
  const listed = r.output.slice(r.output.lastIndexOf('\nFailed:'));
  for (const name of Object.keys(files)) assert.match(listed, new RegExp(`server/${name}`), `${name} is not listed as failed:\n${r.output}`);
});

test('a describe that throws before declaring any test fails the run', async () => {
  const r = await runTests({
    'body.test.ts': `import { describe } from 'node:test';
describe('a suite that cannot be set up', () => { throw new Error('no fixture'); });
`,
  });
  assert.equal(r.summary, '0 passed, 1 failed', r.output);
  assert.equal(r.code, 1);
});

test('a file with a syntax error or a missing import fails the run', async () => {
  const r = await runTests({
    'syntax.test.ts': `import { test } from 'node:test';
test('never parsed', () => { {;
`,
    'missing.test.ts': `import { gone } from './gone.ts';
import { test } from 'node:test';
test('never loaded', () => void gone);
`,
  });
  assert.equal(r.summary, '0 passed, 2 failed', r.output);
  assert.equal(r.code, 1);
  assert.match(r.output, /server\/syntax\.test\.ts: the file itself/);
  assert.match(r.output, /server\/missing\.test\.ts: the file itself/);
});

test('a file without tests adds nothing to the counts', async () => {
  const r = await runTests({
    'pass.test.ts': `import { test } from 'node:test';
test('works', () => {});
`,
    'empty.test.ts': 'export {};\n',
  });
  assert.equal(r.summary, '1 passed, 0 failed', r.output);
  assert.equal(r.code, 0);
});
