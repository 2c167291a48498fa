/**
 * The SPA build in dist/, made only when its sources changed. A fingerprint of the sources
 * (every file's path, size and mtime) is written next to the build; a start whose sources
 * still have that fingerprint serves the build as it is. Path, size and mtime rather than the
 * newest mtime alone, so a deleted or renamed source counts as a change too; a checkout or an
 * edit sets the mtime, so content hashing would only cost time.
 *
 *   node --import tsx scripts/spaBuild.ts            build when stale (npm's `prepare` runs this)
 *   node --import tsx scripts/spaBuild.ts --force    build anyway (`npm run build`: vite empties
 *                                                    dist/, so a bare vite build would leave no stamp)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
/**
 * What goes into the bundle: the SPA's sources, the server modules it shares (the kind
 * catalogue, view-model rows, the live protocol: web/src imports them from server/, so all of
 * server/ counts; a few hundred stats, a few milliseconds), the build's configuration and the
 * locked dependencies.
 */
const SOURCES = ['web/src', 'web/index.html', 'web/public', 'server', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
const FINGERPRINT = '.sources-fingerprint';

function listFiles(path: string, out: string[]): string[] {
  if (!existsSync(path)) return out;
  if (!statSync(path).isDirectory()) {
    // Tests sit beside the code and are not bundled: editing one needs no rebuild.
    if (!/\.test\.tsx?$/.test(path)) out.push(path);
    return out;
  }
  for (const entry of readdirSync(path).sort()) listFiles(join(path, entry), out);
  return out;
}

export function sourcesFingerprint(root = ROOT): string {
  const hash = createHash('sha256');
  for (const source of SOURCES) {
    for (const file of listFiles(join(root, source), [])) {
      const st = statSync(file);
      hash.update(`${relative(root, file)}\0${st.size}\0${st.mtimeMs}\n`);
    }
  }
  return hash.digest('hex');
}

/** True when dist/ has no build, or one made from sources that have changed since. */
export function spaBuildIsStale(root = ROOT, dist = join(root, 'dist')): boolean {
  const stamp = join(dist, FINGERPRINT);
  if (!existsSync(join(dist, 'index.html')) || !existsSync(stamp)) return true;
  return readFileSync(stamp, 'utf8').trim() !== sourcesFingerprint(root);
}

/**
 * Runs `vite build` into dist/ and stamps it. The fingerprint is taken before the build: a
 * source edited while it runs makes the next start build again rather than serve a stale bundle.
 */
export function buildSpa(root = ROOT): void {
  const fingerprint = sourcesFingerprint(root);
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8', timeout: 170_000 });
  if (result.status !== 0) throw new Error(`vite build failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  writeFileSync(join(root, 'dist', FINGERPRINT), `${fingerprint}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(ROOT, 'web', 'index.html'))) {
    // npm runs `prepare` wherever dependencies are installed, e.g. the image's dependency
    // layer, which copies package.json before the sources: there is nothing to build yet.
    console.log('spa build: no web/ sources here; nothing to build');
  } else if (process.argv.includes('--force') || spaBuildIsStale()) {
    buildSpa();
    console.log('spa build: dist/ built');
  } else {
    console.log('spa build: dist/ is up to date');
  }
}
