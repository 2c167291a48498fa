/**
 * `npm start` builds the SPA only when its sources changed: a copy of the sources is built
 * once, then counts as fresh until a source is edited, added or removed (a test file beside
 * them does not count); and `npm start` itself serves a fresh build without building.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSpa, ROOT, sourcesFingerprint, spaBuildIsStale } from './spaBuild.ts';
import { ensureBuilt } from '../web/e2e/harness.ts';

test('a build stays fresh until a source changes, and a test file is not a source', () => {
  const root = mkdtempSync(join(tmpdir(), 'spa-build-'));
  try {
    for (const entry of ['web', 'server', 'vite.config.ts', 'tsconfig.json', 'package-lock.json', 'package.json']) {
      cpSync(join(ROOT, entry), join(root, entry), { recursive: true, filter: (src) => !src.includes(join('web', 'e2e')) && !src.includes(join('server', 'sim')) });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    assert.equal(spaBuildIsStale(root), true, 'no dist/ yet');

    buildSpa(root);
    assert.equal(statSync(join(root, 'dist', 'index.html')).isFile(), true);
    assert.equal(spaBuildIsStale(root), false, 'just built');

    writeFileSync(join(root, 'web', 'src', 'extra.test.ts'), 'export {};\n');
    assert.equal(spaBuildIsStale(root), false, 'a new test file needs no rebuild');

    // A server module the SPA shares (the kind catalogue) is a source too.
    const main = join(root, 'server', 'kube', 'kinds.ts');
    const before = sourcesFingerprint(root);
    const later = new Date(statSync(main).mtimeMs + 5_000);
    utimesSync(main, later, later);
    assert.notEqual(sourcesFingerprint(root), before);
    assert.equal(spaBuildIsStale(root), true, 'an edited source');

    buildSpa(root);
    assert.equal(spaBuildIsStale(root), false);
    writeFileSync(join(root, 'web', 'src', 'added.ts'), 'export const added = 1;\n');
    assert.equal(spaBuildIsStale(root), true, 'an added source');
    buildSpa(root);
    rmSync(join(root, 'web', 'src', 'added.ts'));
    assert.equal(spaBuildIsStale(root), true, 'a removed source');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('npm start serves a fresh build as it is, without building', async () => {
  await ensureBuilt();
  assert.equal(spaBuildIsStale(ROOT), false);
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, CONSOLE_DEMO: '1', PORT: '0', KUBECONFIG: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const read = (d: Buffer) => {
        output += d.toString();
        const m = /"url":"(http[^"]+)"/.exec(output);
        if (m) resolve(m[1]);
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`scripts/start.ts exited with ${code}:\n${output}`)));
    });
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);
    assert.doesNotMatch(output, /building dist/);
  } finally {
    child.kill('SIGTERM');
  }
});
