/**
 * The server as the image runs it (deploy/Dockerfile): `npm run build:server`'s tsconfig
 * compiles server/ to plain JavaScript, and `node build/server/main.js` serves the console with
 * no TypeScript loader and nothing from devDependencies. Built into a temporary folder laid out
 * like the image's /app (package.json, node_modules, build/).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const app = mkdtempSync(join(tmpdir(), 'compiled-server-'));
after(() => rmSync(app, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function jsFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) jsFiles(path, out);
    else if (entry.endsWith('.js')) out.push(path);
  }
  return out;
}

/** The packages a compiled file loads: `import … from 'x'`, `import('x')`, `require('x')`. */
function packagesImportedBy(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? '');
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] ?? s)));
}

test('npm run build:server compiles server/ without its tests, every relative import rewritten to .js', () => {
  // tsc exits non-zero on a type error, which fails the image build (RUN npm run build:server).
  const tsc = spawnSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(app, 'build')], { cwd: root, encoding: 'utf8' });
  assert.equal(tsc.status, 0, `tsc -p tsconfig.build.json failed:\n${tsc.stdout}${tsc.stderr}`);
  copyFileSync(join(root, 'package.json'), join(app, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');

  const files = jsFiles(join(app, 'build', 'server'));
  assert.ok(files.some((f) => f.endsWith(join('build', 'server', 'main.js'))), 'build/server/main.js');
  assert.deepEqual(files.filter((f) => /\.test\.js$|[/\\]testing[/\\]/.test(f)), [], 'no tests in the build');
  const tsImports = files.filter((f) => /from\s*['"]\.{1,2}\/[^'"]*\.ts['"]/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(tsImports, [], 'every relative import names a .js file');
});

test('everything the compiled server imports is a production dependency', () => {
  const used = new Set(jsFiles(join(app, 'build', 'server')).flatMap((f) => packagesImportedBy(readFileSync(f, 'utf8'))));
  assert.ok(used.has('express'), `the scan finds the server's imports: ${[...used].join(', ')}`);
  const missing = [...used].filter((name) => !pkg.dependencies[name]);
  assert.deepEqual(missing, [], `imported at run time but not in "dependencies" (npm ci --omit=dev leaves them out)`);
});

test('node build/server/main.js serves the demo cluster, answers /healthz and /api/contexts, and exits 0 on SIGTERM', async () => {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', CONSOLE_DEMO: '1', PORT: '0', HOST: '127.0.0.1', DEMO_SPEED: '20' };
  // Plain node, as in the image: no --import tsx (spawn does not pass on this process's flags,
  // and NODE_OPTIONS is not in env).
  const child = spawn(process.execPath, ['build/server/main.js'], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    // main.ts logs one JSON line `console listening` with the URL it bound (PORT=0: any free port).
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c;
        // Whole lines only: a chunk may end mid-line.
        for (const line of stdout.split('\n').slice(0, -1)) {
          if (!line.includes('"console listening"')) continue;
          resolve((JSON.parse(line) as { url: string }).url);
        }
      });
      void exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${stderr}${stdout}`)));
    });
    const health = await fetch(new URL('healthz', url));
    assert.equal(health.status, 200);
    const contexts = await fetch(new URL('api/contexts', url));
    assert.equal(contexts.status, 200);
    assert.deepEqual(((await contexts.json()) as { name: string }[]).map((c) => c.name), ['demo']);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, `exit code after SIGTERM; stderr:\n${stderr}`);
});
