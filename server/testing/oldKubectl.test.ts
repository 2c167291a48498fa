import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { debianKubectl } from './oldKubectl.ts';

test("Debian's kubectl is fetched once and is the 1.20 client that speaks SPDY", async () => {
  const bin = await debianKubectl();
  const out = execFileSync(bin, ['version', '--client', '--short'], { encoding: 'utf8' });
  assert.match(out, /Client Version: v1\.20\./);
  assert.equal(await debianKubectl(), bin);
});
