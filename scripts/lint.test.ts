/**
 * Lint is part of the test run, so its rules fail the build: every ESLint error in the
 * repository (eslint.config.js decides what is linted and how) fails this test, listed by place.
 */
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

test('the repository has no eslint errors', { timeout: 4 * 60_000 }, async () => {
  const results = await new ESLint({ cwd: root }).lintFiles(['.']);
  const errors = results.flatMap((r) =>
    r.messages.filter((m) => m.severity === 2).map((m) => `${relative(root, r.filePath)}:${m.line}:${m.column} ${m.message} (${m.ruleId ?? 'parse error'})`),
  );
  assert.deepEqual(errors, [], `eslint errors:\n${errors.join('\n')}`);
});
