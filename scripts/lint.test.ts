import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

// `npm run lint` as part of the one test command, so a type error or lint error fails CI.
test('the code typechecks (tsc strict) and passes eslint', { timeout: 240_000 }, () => {
  const r = spawnSync('npm', ['run', 'lint', '--silent'], { encoding: 'utf8', timeout: 230_000 });
  assert.equal(r.status, 0, `npm run lint failed:\n${r.stdout}\n${r.stderr}`.slice(0, 8000));
});
